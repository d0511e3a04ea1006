// Knative KPA in stable mode on hand-worked traces: the decision follows the 60 s average of the
// revision's concurrency (not the latest second), desired = ceil(average / (target × 0.7)), the
// average covers only the seconds since data started, and each step is bounded by the maximum
// scale-up and scale-down rates (autoscaler.go, aggregation/bucketing.go).
import { describe, expect, it } from 'vitest';
import { feed, make } from './harness.js';

describe('KPA stable mode', () => {
  it('ticks every 2 s', () => {
    const kpa = make({ kind: 'kpa' });
    expect(kpa.nextDecisionAt(0)).toBe(2000);
    kpa.decide(2000, { current: 1, ready: 1 });
    expect(kpa.nextDecisionAt(2000)).toBe(4000);
  });

  it('decides on the 60 s average: 30 s at 70 then 30 s at 210 average 140 → ceil(140 / 70) = 2', () => {
    const kpa = make({ kind: 'kpa', initial_scale: 2 });
    feed(kpa, 1, 30, { readyReplicas: 2, inFlight: 70 });
    feed(kpa, 31, 60, { readyReplicas: 2, inFlight: 210 });
    const d = kpa.decide(60_000, { current: 2, ready: 2 });
    // The panic window (last 6 s) sees 210 → 3 replicas, but 3 / 2 < 200 %: no panic.
    expect(d.desired).toBe(2);
    expect(d.panic).toBe(false);
    expect(d.reason).toContain('stable 140');
  });

  it('averages over the seconds since the data started, not the whole window', () => {
    const kpa = make({ kind: 'kpa', initial_scale: 2 });
    feed(kpa, 1, 2, { readyReplicas: 2, inFlight: 210 });
    expect(kpa.decide(2000, { current: 2, ready: 2 }).desired).toBe(3);
  });

  it('counts the requests the activator holds as concurrency', () => {
    const kpa = make({ kind: 'kpa', initial_scale: 2 });
    feed(kpa, 1, 60, { readyReplicas: 2, inFlight: 100, pendingUnrouted: 40 });
    expect(kpa.decide(60_000, { current: 2, ready: 2 }).desired).toBe(2); // ceil(140 / 70)
  });

  it('uses target × target_utilization, and the rps metric when asked', () => {
    const conc = make({ kind: 'kpa', target: 10, target_utilization: 0.5, initial_scale: 2 });
    feed(conc, 1, 60, { readyReplicas: 2, inFlight: 16 });
    expect(conc.decide(60_000, { current: 2, ready: 2 }).desired).toBe(4); // ceil(16 / 5)
    const rps = make({ kind: 'kpa', metric: 'rps', initial_scale: 2 });
    feed(rps, 1, 60, { readyReplicas: 2, inFlight: 1, arrivalRps: 420 });
    expect(rps.decide(60_000, { current: 2, ready: 2 }).desired).toBe(3); // ceil(420 / (200 × 0.7))
  });

  it('scales down at most by max_scale_down_rate per tick: 10 ready → floor(10 / 2) = 5', () => {
    const kpa = make({ kind: 'kpa', initial_scale: 10 });
    feed(kpa, 1, 60, { readyReplicas: 10, inFlight: 0 });
    expect(kpa.decide(60_000, { current: 10, ready: 10 }).desired).toBe(5);
    const faster = make({ kind: 'kpa', initial_scale: 10, max_scale_down_rate: 4 });
    feed(faster, 1, 60, { readyReplicas: 10, inFlight: 0 });
    expect(faster.decide(60_000, { current: 10, ready: 10 }).desired).toBe(2); // floor(10 / 4)
  });

  it('scales up at most by max_scale_up_rate per tick: 3 ready × 2 = 6', () => {
    const kpa = make({ kind: 'kpa', initial_scale: 3, max_scale_up_rate: 2 });
    feed(kpa, 1, 60, { readyReplicas: 3, inFlight: 7000 });
    expect(kpa.decide(60_000, { current: 3, ready: 3 }).desired).toBe(6);
  });

  it('keeps min_scale and max_scale', () => {
    const kpa = make({ kind: 'kpa', min_scale: 2, max_scale: 4, initial_scale: 2 });
    feed(kpa, 1, 60, { readyReplicas: 2, inFlight: 0 });
    expect(kpa.decide(60_000, { current: 2, ready: 2 }).desired).toBe(2);
    feed(kpa, 61, 120, { readyReplicas: 2, inFlight: 700 });
    expect(kpa.decide(120_000, { current: 2, ready: 2 }).desired).toBe(4);
  });

  it('delays scale-downs by scale_down_delay_s (the highest decision of that window)', () => {
    const run = (delayS: number) => {
      const kpa = make({ kind: 'kpa', initial_scale: 4, stable_window_s: 6, scale_down_delay_s: delayS });
      feed(kpa, 1, 60, { readyReplicas: 4, inFlight: 280 });
      const out: number[] = [];
      for (let t = 60; t <= 72; t += 2) {
        if (t > 60) feed(kpa, t - 1, t, { readyReplicas: 4, inFlight: 0 });
        out.push(kpa.decide(t * 1000, { current: 4, ready: 4 }).desired);
      }
      return out;
    };
    // Without delay the 6 s average falls 280 → 187 → 93 → 0: 4, 3, 2, then floor(4 / 2) = 2.
    expect(run(0)).toEqual([4, 3, 2, 2, 2, 2, 2]);
    // With 10 s, each tick keeps the highest decision of the last 10 s.
    expect(run(10)).toEqual([4, 4, 4, 4, 4, 3, 2]);
  });
});
