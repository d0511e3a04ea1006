// Without `behavior` the HPA scales down only to the highest recommendation of the last 300 s
// (stabilizeRecommendation in horizontal.go), so a drop in load shows up in the replica count five
// minutes after the last higher recommendation, not at the next sync. A recommendation exactly
// 300 s old has left the window (servetwin's edge rule, hpa-normalize.ts; the ties themselves are
// in hpa.window-edge-and-first-sync.test.ts).
import { describe, expect, it } from 'vitest';
import { feed, make } from './harness.js';

describe('HPA scale-down stabilisation', () => {
  it('keeps the highest recommendation of the last 300 s, then follows the load down', () => {
    const hpa = make({ kind: 'hpa', max_replicas: 20, initial_replicas: 10, metric: { type: 'in_flight_per_replica', target_requests: 10 } });
    feed(hpa, 1, 15, { readyReplicas: 10, inFlight: 100 }); // exactly on target
    expect(hpa.decide(15_000, { current: 10, ready: 10 }).desired).toBe(10);
    // Load halves from t = 16 s: every sync now recommends ceil(0.5 × 10) = 5.
    for (let t = 30; t <= 300; t += 15) {
      feed(hpa, t - 14, t, { readyReplicas: 10, inFlight: 50 });
      const d = hpa.decide(t * 1000, { current: 10, ready: 10 });
      expect(d.desired, `t = ${t} s`).toBe(10);
      expect(d.reason).toContain('stabilised to 10');
    }
    // At 315 s the recommendations of t = 15 s are exactly 300 s old, so out: down to 5.
    feed(hpa, 301, 315, { readyReplicas: 10, inFlight: 50 });
    expect(hpa.decide(315_000, { current: 10, ready: 10 }).desired).toBe(5);
  });

  it('scales up at once: stabilisation only holds scale-downs back', () => {
    const hpa = make({ kind: 'hpa', max_replicas: 20, initial_replicas: 4, metric: { type: 'in_flight_per_replica', target_requests: 10 } });
    feed(hpa, 1, 15, { readyReplicas: 4, inFlight: 20 }); // recommends 2, held at 4
    expect(hpa.decide(15_000, { current: 4, ready: 4 }).desired).toBe(4);
    feed(hpa, 16, 30, { readyReplicas: 4, inFlight: 70 }); // 17.5 per replica → ceil(1.75 × 4) = 7
    expect(hpa.decide(30_000, { current: 4, ready: 4 }).desired).toBe(7);
  });

  it('uses downscale_stabilization_s when it is set', () => {
    const hpa = make({
      kind: 'hpa',
      max_replicas: 20,
      initial_replicas: 10,
      downscale_stabilization_s: 30,
      metric: { type: 'in_flight_per_replica', target_requests: 10 },
    });
    feed(hpa, 1, 15, { readyReplicas: 10, inFlight: 100 });
    hpa.decide(15_000, { current: 10, ready: 10 });
    feed(hpa, 16, 45, { readyReplicas: 10, inFlight: 50 });
    expect(hpa.decide(30_000, { current: 10, ready: 10 }).desired).toBe(10);
    expect(hpa.decide(45_000, { current: 10, ready: 10 }).desired).toBe(5); // t = 15 s is exactly 30 s old: out
  });
});
