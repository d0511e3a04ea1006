// The HPA's core rule on hand-worked numbers: no change while the metric is within 10 % of the
// target, otherwise ceil(ratio × ready replicas), decided every 15 s on the metric averaged over
// the last 15 s (replica_calculator.go, horizontal.go).
import { describe, expect, it } from 'vitest';
import { feed, make } from './harness.js';

describe('HPA tolerance and ceil(ratio × ready)', () => {
  const inFlight = () => make({ kind: 'hpa', min_replicas: 1, max_replicas: 20, initial_replicas: 4, metric: { type: 'in_flight_per_replica', target_requests: 10 } });

  it('decides every sync period, the first after 15 s', () => {
    const hpa = inFlight();
    expect(hpa.nextDecisionAt(0)).toBe(15_000);
    hpa.decide(15_000, { current: 4, ready: 4 });
    expect(hpa.nextDecisionAt(15_000)).toBe(30_000);
  });

  it('keeps the count while the ratio is within the tolerance (10.5 / 10 = 1.05)', () => {
    const hpa = inFlight();
    feed(hpa, 1, 15, { readyReplicas: 4, inFlight: 42 });
    expect(hpa.decide(15_000, { current: 4, ready: 4 }).desired).toBe(4);
  });

  it('keeps the count just inside the lower bound too (9.0 / 10 = 0.90)', () => {
    const hpa = inFlight();
    feed(hpa, 1, 15, { readyReplicas: 4, inFlight: 36 });
    expect(hpa.decide(15_000, { current: 4, ready: 4 }).desired).toBe(4);
  });

  it('scales to ceil(ratio × ready) outside it (15 / 10 = 1.5 → ceil(6.0) = 6)', () => {
    const hpa = inFlight();
    feed(hpa, 1, 15, { readyReplicas: 4, inFlight: 42 });
    hpa.decide(15_000, { current: 4, ready: 4 });
    feed(hpa, 16, 30, { readyReplicas: 4, inFlight: 60 });
    const d = hpa.decide(30_000, { current: 4, ready: 4 });
    expect(d.desired).toBe(6);
    expect(d.reason).toContain('ceil(1.50 × 4 ready) = 6');
  });

  it('averages the metric over the last metric_window_s only', () => {
    const hpa = inFlight();
    feed(hpa, 1, 15, { readyReplicas: 4, inFlight: 0 }); // idle, but more than 15 s before t = 30 s
    feed(hpa, 16, 30, { readyReplicas: 4, inFlight: 60 }); // 15 per replica
    // Over the last 15 s: ratio 1.5 → 6 (over 30 s it would be 0.75 → no scale-up).
    expect(hpa.decide(30_000, { current: 4, ready: 4 }).desired).toBe(6);
  });

  it('truncates utilisation to whole percent as the metrics API does (93.9 % vs 80 % → ceil(1.1625 × 4) = 5)', () => {
    const hpa = make({ kind: 'hpa', max_replicas: 10, initial_replicas: 4, metric: { type: 'utilization', target_percent: 80 } });
    feed(hpa, 1, 15, { readyReplicas: 4, utilization: 0.939 });
    const d = hpa.decide(15_000, { current: 4, ready: 4 });
    expect(d.desired).toBe(5);
    expect(d.reason).toContain('utilisation 93 %');
  });

  it('scales on queued requests per replica with queue_per_replica', () => {
    const hpa = make({ kind: 'hpa', max_replicas: 10, initial_replicas: 2, metric: { type: 'queue_per_replica', target_requests: 8 } });
    feed(hpa, 1, 15, { readyReplicas: 2, inFlight: 30, queued: 20 }); // 10 queued per replica → ratio 1.25 → ceil(2.5) = 3
    expect(hpa.decide(15_000, { current: 2, ready: 2 }).desired).toBe(3);
  });

  it('honours per-direction tolerances from behavior (Kubernetes 1.33)', () => {
    const hpa = make({
      kind: 'hpa',
      max_replicas: 20,
      initial_replicas: 10,
      metric: { type: 'in_flight_per_replica', target_requests: 10 },
      behavior: { scale_up: { tolerance: 0 }, scale_down: { tolerance: 0.5 } },
    });
    feed(hpa, 1, 15, { readyReplicas: 10, inFlight: 105 }); // ratio 1.05 > 1 + 0 → ceil(10.5) = 11
    expect(hpa.decide(15_000, { current: 10, ready: 10 }).desired).toBe(11);
  });

  it('does nothing without metrics (no ready replica in the window)', () => {
    const hpa = inFlight();
    const d = hpa.decide(15_000, { current: 4, ready: 0 });
    expect(d.desired).toBe(4);
    expect(d.reason).toContain('no metrics');
  });
});
