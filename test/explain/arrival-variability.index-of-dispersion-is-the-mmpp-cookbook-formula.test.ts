// The index of dispersion of counts I(∞) that explain reports for bursty (MMPP) traffic: the
// general deviation-matrix computation (explain/arrival-variability.ts) equals the two-state closed
// form of Fischer & Meier-Hellstern, "The MMPP cookbook" (Performance Evaluation 18(2), 1993),
// I(∞) = 1 + 2 σ₁σ₂ (λ₁ − λ₂)² / ((σ₁ + σ₂)² (λ₁σ₂ + λ₂σ₁)), and the variance-to-mean ratio of
// counts in long windows of the simulator's own MMPP arrivals comes out at that value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalVariability, mmppIndexOfDispersion } from '../../explain/arrival-variability.js';
import { arrivalTimes } from '../../simulator/scenario/traffic/arrival-process.js';
import { createArrivals } from '../../simulator/scenario/traffic/create-arrivals.js';

function cookbook(l1: number, l2: number, dwell1: number, dwell2: number): number {
  const s1 = 1 / dwell1;
  const s2 = 1 / dwell2;
  return 1 + (2 * s1 * s2 * (l1 - l2) ** 2) / ((s1 + s2) ** 2 * (l1 * s2 + l2 * s1));
}

describe('MMPP index of dispersion', () => {
  it('equals the cookbook’s two-state formula', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0.1, max: 500, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (l1, l2, d1, d2) => {
        expect(mmppIndexOfDispersion([l1, l2], [d1, d2])).toBeCloseTo(cookbook(l1, l2, d1, d2), 6);
      }),
      { seed: 16, numRuns: 200 },
    );
  });

  it('is 1 when every state has the same rate (Poisson)', () => {
    expect(mmppIndexOfDispersion([50, 50, 50], [1, 2, 3])).toBeCloseTo(1, 12);
  });

  it('matches the variance-to-mean ratio of the simulator’s own MMPP counts in long windows', () => {
    const arrivals = { kind: 'mmpp' as const, initial_state: 0, states: [{ rate_rps: 40, mean_dwell_s: 2 }, { rate_rps: 200, mean_dwell_s: 0.5 }] };
    const expected = arrivalVariability(arrivals, { fromS: 0, toS: 1 }).indexOfDispersion!;
    expect(expected).toBeCloseTo(cookbook(40, 200, 2, 0.5), 9);
    const windowMs = 60_000; // long against the dwell times, so Var/E is near its limit I(∞)
    const times = arrivalTimes(createArrivals(arrivals, 5), 4_000 * windowMs);
    const counts = new Array<number>(4_000).fill(0);
    for (const t of times) counts[Math.floor(t / windowMs)]!++;
    const m = counts.reduce((a, x) => a + x, 0) / counts.length;
    const v = counts.reduce((a, x) => a + (x - m) ** 2, 0) / (counts.length - 1);
    expect(Math.abs(v / m / expected - 1)).toBeLessThan(0.1);
  });
});
