// The router policies on hand-made fleet states, plus one conformance suite every policy passes:
// it only ever picks a ready replica, says -1 when none is ready, and is a pure function of its
// inputs and the uniform stream it is given (same stream, same picks).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRouter, type RouterState } from '../../policies/router.js';
import { stream } from '../../common/rng.js';
import type { RouterKind } from '../../config/scenario.js';

const KINDS: RouterKind[] = ['round_robin', 'least_outstanding', 'power_of_two', 'random'];

function state(outstanding: number[], ready = outstanding.map(() => 1)): RouterState {
  return { outstanding: Int32Array.from(outstanding), ready: Uint8Array.from(ready), count: outstanding.length };
}

function picks(kind: RouterKind, s: RouterState, n: number, seed = 1): number[] {
  const router = createRouter(kind);
  const u = stream(seed, 'router');
  return Array.from({ length: n }, (_, i) => router.pick(i, s, u));
}

describe.each(KINDS)('router %s (conformance)', (kind) => {
  it('picks only ready replicas, and -1 when none is ready', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ load: fc.integer({ min: 0, max: 9 }), ready: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 100 }),
        (replicas, seed) => {
          const s = state(
            replicas.map((r) => r.load),
            replicas.map((r) => (r.ready ? 1 : 0)),
          );
          const anyReady = replicas.some((r) => r.ready);
          for (const p of picks(kind, s, 20, seed)) {
            if (!anyReady) expect(p).toBe(-1);
            else expect(replicas[p]?.ready).toBe(true);
          }
        },
      ),
      { seed: 3, numRuns: 100 },
    );
  });

  it('is deterministic given the same uniform stream', () => {
    const s = state([3, 1, 4, 1, 5]);
    expect(picks(kind, s, 50, 9)).toEqual(picks(kind, s, 50, 9));
  });
});

describe('router policies', () => {
  it('round_robin cycles through ready replicas, skipping those not ready', () => {
    expect(picks('round_robin', state([0, 0, 0]), 6)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(picks('round_robin', state([0, 0, 0, 0], [1, 0, 1, 1]), 6)).toEqual([0, 2, 3, 0, 2, 3]);
  });

  it('least_outstanding picks the least loaded, rotating among ties', () => {
    expect(picks('least_outstanding', state([5, 2, 7]), 3)).toEqual([1, 1, 1]);
    expect(picks('least_outstanding', state([0, 0, 0]), 6)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(picks('least_outstanding', state([0, 3, 0], [0, 1, 1]), 2)).toEqual([2, 2]);
  });

  it('power_of_two never picks the more loaded of the two it sampled, so never the single worst', () => {
    const s = state([9, 1, 2, 3]);
    const got = picks('power_of_two', s, 2000);
    expect(got).not.toContain(0); // replica 0 is more loaded than any other it could be paired with
    // The least loaded wins every pair it is in: 3 of the 6 pairs.
    expect(Math.abs(got.filter((p) => p === 1).length / 2000 - 0.5)).toBeLessThan(0.05);
  });

  it('random spreads uniformly over ready replicas', () => {
    const got = picks('random', state([0, 0, 0, 0], [1, 1, 0, 1]), 30_000);
    for (const r of [0, 1, 3]) expect(Math.abs(got.filter((p) => p === r).length / 30_000 - 1 / 3)).toBeLessThan(0.02);
    expect(got).not.toContain(2);
  });
});
