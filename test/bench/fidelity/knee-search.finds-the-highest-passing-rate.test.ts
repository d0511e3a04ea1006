// The knee's search on synthetic pass/fail curves: on a monotone curve it finds the last passing
// grid point from any start with few probes; past a one-point dip (a failure with passes above it)
// it goes on upwards; when its probes run out it says so and gives the bracket; the prediction's
// reading of a fully evaluated grid is the highest passing point.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highestPassing, searchKnee } from '../../../bench/fidelity/knee-search.js';

/** A probe over a fixed pass/fail list that counts its calls. */
function curve(passes: boolean[]) {
  const calls: number[] = [];
  return { calls, probe: async (i: number) => (calls.push(i), passes[i]!) };
}

const threshold = (n: number, knee: number) => Array.from({ length: n }, (_, i) => i <= knee);

describe('knee search', () => {
  it('finds the last passing point of a monotone curve from any start, each point probed once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 64 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: -1, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))),
        async ([n, knee, start]) => {
          const { calls, probe } = curve(threshold(n, knee));
          const r = await searchKnee(n, start, probe, 64);
          expect(r.knee).toBe(knee === -1 ? null : knee);
          expect(r.above).toBe(knee === n - 1 ? null : knee + 1);
          expect(r.resolved).toBe(true);
          expect(new Set(calls).size).toBe(calls.length);
          // Doubling strides then bisection: logarithmic in the distance, plus the confirming probe.
          expect(calls.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n + 1)) + 3);
        },
      ),
      { seed: 12, numRuns: 400 },
    );
  });

  it('starting at the knee, confirms it with two probes above: knee+1 fails and knee+2 fails', async () => {
    const { calls, probe } = curve(threshold(30, 12));
    const r = await searchKnee(30, 12, probe, 8);
    expect(r).toMatchObject({ knee: 12, above: 13, resolved: true });
    expect(calls).toEqual([12, 13, 14]);
  });

  it('goes on past a one-point dip: a failure with passes above it is not the knee', async () => {
    // Passes up to 15 except a dip at 10.
    const passes = threshold(32, 15);
    passes[10] = false;
    const { calls, probe } = curve(passes);
    const r = await searchKnee(32, 10, probe, 12);
    expect(r).toMatchObject({ knee: 15, above: 16, resolved: true });
    // 10 fails, 9 passes, 11 (above the failure) passes, so upwards from 11.
    expect(calls.slice(0, 3)).toEqual([10, 9, 11]);
  });

  it('does not find a dip it never probes: the highest passing point below a confirmed failure', async () => {
    // A pass island at 20 above two failures at 16 and 17: the search stops at 15 once 16 and 17 fail.
    const passes = threshold(32, 15);
    passes[20] = true;
    const { probe } = curve(passes);
    const r = await searchKnee(32, 15, probe, 8);
    expect(r).toMatchObject({ knee: 15, above: 16, resolved: true });
  });

  it('says when its probes ran out, with the bracket it had', async () => {
    const { calls, probe } = curve(threshold(64, 40));
    const r = await searchKnee(64, 0, probe, 4);
    expect(calls).toEqual([0, 1, 3, 7]);
    expect(r).toMatchObject({ knee: 7, above: null, resolved: false });
  });

  it('reports the grid edges: the top passes, or the bottom fails', async () => {
    expect(await searchKnee(10, 5, curve(threshold(10, 9)).probe)).toMatchObject({ knee: 9, above: null, resolved: true });
    expect(await searchKnee(10, 5, curve(threshold(10, -1)).probe)).toMatchObject({ knee: null, above: 0, resolved: true });
  });

  it('reads a fully evaluated grid as its highest passing point, dips and all', () => {
    expect(highestPassing([true, true, false, true, false, false])).toBe(3);
    expect(highestPassing([false, false])).toBeNull();
    expect(highestPassing([true])).toBe(0);
  });
});
