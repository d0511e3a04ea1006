// The HPA's stabilisation window at its edges, with and without `behavior` (one rule for both,
// hpa-normalize.ts). Upstream's reconcileAutoscaler stamps the initial recommendation (the replicas
// at the first sync) before the normalisation takes its cutoff, so with a 0 s window the HPA scales
// down at its first sync; servetwin does both at one virtual instant and gets the same answer from
// its edge rule: a recommendation recorded exactly one window ago is outside the window.
import { describe, expect, it } from 'vitest';
import type { AutoscalerInput } from '../../../config/autoscaler.js';
import { feed, make } from './harness.js';

type Hpa = Extract<AutoscalerInput, { kind: 'hpa' }>;

/** The same scale-down window both ways: the legacy flag, or behavior.scaleDown (scaleUp left at its 0 s default). */
const paths = [
  { path: 'without behavior', window: (w: number): Partial<Hpa> => ({ downscale_stabilization_s: w }) },
  { path: 'with behavior', window: (w: number): Partial<Hpa> => ({ behavior: { scale_down: { stabilization_window_s: w } } }) },
];

const hpa = (initial: number, extra: Partial<Hpa>) =>
  make({ kind: 'hpa', max_replicas: 50, initial_replicas: initial, metric: { type: 'in_flight_per_replica', target_requests: 10 }, ...extra });

/** One sync at `t` s with `perReplica` requests in flight on each of `current` ready replicas (target 10). */
function sync(p: ReturnType<typeof hpa>, t: number, current: number, perReplica: number): number {
  feed(p, t - 14, t, { readyReplicas: current, inFlight: perReplica * current });
  return p.decide(t * 1000, { current, ready: current }).desired;
}

describe.each(paths)('HPA stabilisation window edges, $path', ({ window }) => {
  it('a 0 s window scales down at the first sync: the initial recommendation is already out', () => {
    // 10 replicas at 5 per replica: ratio 0.5 → ceil(0.5 × 10) = 5. The initial recommendation
    // (10, recorded by this very sync) would hold 10 if it counted.
    expect(sync(hpa(10, window(0)), 15, 10, 5)).toBe(5);
  });

  it('the initial recommendation leaves a 30 s window exactly 30 s after the first sync', () => {
    const p = hpa(10, window(30));
    expect(sync(p, 15, 10, 5)).toBe(10); // wants 5; the initial 10 (t = 15 s) is in (−15 s, 15 s]
    expect(sync(p, 30, 10, 5)).toBe(10); // in (0 s, 30 s]
    expect(sync(p, 45, 10, 5)).toBe(5); // t = 15 s is exactly 30 s old: out
  });

  it('a recommendation exactly one window old is out (one sync earlier than an inclusive edge)', () => {
    const p = hpa(4, window(30));
    // t = 15 s: 20 per replica, ratio 2 → ceil(2 × 4) = 8 (within max(2 × 4, 4) and 4 + 4 / 2 × 4).
    expect(sync(p, 15, 4, 20)).toBe(8);
    // Then 5 per replica on 8: ratio 0.5 → 4, held by the 8 of t = 15 s while it is in the window.
    expect(sync(p, 30, 8, 5)).toBe(8);
    expect(sync(p, 45, 8, 5)).toBe(4); // the 8 of t = 15 s is exactly 30 s old
  });

  it('the default 300 s window still holds a higher recommendation for 300 s', () => {
    const p = hpa(10, window(300));
    expect(sync(p, 15, 10, 10)).toBe(10); // on target: recommends 10
    for (let t = 30; t <= 300; t += 15) expect(sync(p, t, 10, 5), `t = ${t} s`).toBe(10); // wants 5
    expect(sync(p, 315, 10, 5)).toBe(5); // the 10s of t = 15 s are exactly 300 s old
  });
});

describe('HPA stabilisation window edges: the two paths agree', () => {
  it('gives the same decisions without and with behavior for windows of 0, 15, 30 and 300 s', () => {
    for (const w of [0, 15, 30, 300]) {
      const [legacy, withBehavior] = paths.map(({ window }) => {
        const p = hpa(10, window(w));
        const out: number[] = [];
        let current = 10;
        for (let t = 15; t <= 360; t += 15) {
          // Requests per replica: 5 up to 30 s (down), 12 at 45 s (up), then 4 (down again).
          const perReplica = t === 45 ? 12 : t < 45 ? 5 : 4;
          current = sync(p, t, current, perReplica);
          out.push(current);
        }
        return out;
      });
      expect(withBehavior, `window ${w} s`).toEqual(legacy);
    }
  });
});
