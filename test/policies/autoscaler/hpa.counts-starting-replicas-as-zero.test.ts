// Replicas still starting (requested but not ready) export no metrics. On a scale-up the HPA counts
// them as 0 % and recomputes; if that lands within tolerance or flips the direction it does not
// scale (calcPlainMetricReplicas): this is what stops it from piling up replicas during a cold start.
import { describe, expect, it } from 'vitest';
import { feed, make } from './harness.js';

const hpa = () => make({ kind: 'hpa', max_replicas: 50, initial_replicas: 6, metric: { type: 'in_flight_per_replica', target_requests: 10 } });

describe('HPA with replicas still starting', () => {
  it('does not scale up when counting the starting replicas as 0 flips the direction', () => {
    const p = hpa();
    feed(p, 1, 15, { readyReplicas: 4, inFlight: 48 }); // 12 per ready replica: ratio 1.2
    // Recomputed over 6 replicas: 48 / 6 = 8 → ratio 0.8 < 1: no change.
    expect(p.decide(15_000, { current: 6, ready: 4 }).desired).toBe(6);
  });

  it('scales up on the recomputed ratio when it stays above the tolerance', () => {
    const p = hpa();
    feed(p, 1, 15, { readyReplicas: 4, inFlight: 80 }); // 20 per ready replica: ratio 2
    // 80 / 6 = 13.333 → ratio 1.3333 → ceil(1.3333 × 6) = 8 (the same as ceil(2 × 4)).
    const d = p.decide(15_000, { current: 6, ready: 4 });
    expect(d.desired).toBe(8);
    expect(d.reason).toContain('2 starting counted as 0');
  });

  it('scales down on the ready replicas alone (no unready correction below target)', () => {
    const p = make({
      kind: 'hpa',
      max_replicas: 50,
      initial_replicas: 6,
      downscale_stabilization_s: 0,
      metric: { type: 'in_flight_per_replica', target_requests: 10 },
    });
    feed(p, 1, 15, { readyReplicas: 4, inFlight: 40 }); // on target
    expect(p.decide(15_000, { current: 6, ready: 4 }).desired).toBe(6);
    feed(p, 16, 30, { readyReplicas: 4, inFlight: 12 }); // 3 per ready replica: ratio 0.3 → ceil(0.3 × 4) = 2
    expect(p.decide(30_000, { current: 6, ready: 4 }).desired).toBe(2);
  });
});
