// replay --repeat's statistics on synthetic repeats with known answers: the measured interval is
// the t-interval of the repeat values, the error is paired by seed, and the verdict says
// "exceeds the noise" exactly when the error's interval leaves out 0, "within the noise" only when
// it holds 0 and both intervals are tight (≤ 5 %), and "noise too wide to judge" otherwise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repeatStatistics, TIGHT_HALF_WIDTH, type RepeatRun } from '../../replay/repeat-statistics.js';

/** Runs whose p50, p90 and p99 all take the given measured and predicted values. */
function runs(measured: number[], predicted: number[]): RepeatRun[] {
  return measured.map((m, i) => ({
    seed: 11 + i,
    measured: { p50: m, p90: m, p99: m },
    predicted: { p50: predicted[i]!, p90: predicted[i]!, p99: predicted[i]! },
    valid_for_fidelity: true,
  }));
}

describe('repeat statistics', () => {
  it('gives the measured percentile its t-interval over the repeats', () => {
    const s = repeatStatistics(runs([10, 12, 14], [11, 11, 11]));
    const p99 = s.figures.p99;
    expect(s.seeds).toEqual([11, 12, 13]);
    expect(p99.measured.mean).toBe(12);
    expect(p99.measured.half_width).toBeCloseTo((4.303 * 2) / Math.sqrt(3), 12);
    expect(p99.measured.relative_half_width).toBeCloseTo((4.303 * 2) / Math.sqrt(3) / 12, 12);
    expect(p99.predicted).toMatchObject({ mean: 11, min: 11, max: 11, sd: 0 });
    // Paired differences −1, 1, 3: mean 1 over a mean prediction of 11.
    expect(p99.error.mean).toBeCloseTo(1 / 11, 12);
    expect(p99.error.half_width).toBeCloseTo((4.303 * 2) / Math.sqrt(3) / 11, 12);
    expect(p99.verdict).toBe('noise too wide to judge');
  });

  it('says an error exceeds the noise when its interval leaves out 0', () => {
    const s = repeatStatistics(runs([100, 101, 99, 100], [80, 80, 80, 80]));
    expect(s.figures.p99.error.mean).toBeCloseTo(0.25, 12);
    expect(s.figures.p99.error.lo!).toBeGreaterThan(0);
    expect(s.figures.p99.verdict).toBe('exceeds the noise');
  });

  it('says within the noise only when the interval holds 0 and is tight', () => {
    const tight = repeatStatistics(runs([100, 101, 99, 100], [100, 100.5, 99.5, 100]));
    expect(tight.figures.p99.error.mean).toBeCloseTo(0, 12);
    expect(tight.figures.p99.measured.relative_half_width!).toBeLessThan(TIGHT_HALF_WIDTH);
    expect(tight.figures.p99.verdict).toBe('within the noise');
    // The same mean error with a wide spread cannot be judged.
    const wide = repeatStatistics(runs([100, 130, 70, 100], [100, 100, 100, 100]));
    expect(wide.figures.p99.error.lo!).toBeLessThan(0);
    expect(wide.figures.p99.verdict).toBe('noise too wide to judge');
    expect(wide.figures.p99.reason).toMatch(/half-width is \d+\.\d %, over 5\.0 %/);
  });

  it('cannot judge from one run', () => {
    const one = repeatStatistics(runs([100], [90]));
    expect(one.figures.p50.measured.half_width).toBeNull();
    expect(one.figures.p50.verdict).toBe('noise too wide to judge');
    expect(one.figures.p50.reason).toMatch(/one run/);
  });

  it('counts the runs that are invalid for fidelity', () => {
    const r = runs([1, 2, 3], [1, 2, 3]);
    r[1]!.valid_for_fidelity = false;
    expect(repeatStatistics(r).valid_runs).toBe(2);
  });

  it('verdicts follow their definitions and do not depend on the unit', () => {
    const value = fc.double({ min: 1, max: 1000, noNaN: true });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n }))), fc.double({ min: 0.001, max: 1000, noNaN: true }), ([m, p], scale) => {
        const s = repeatStatistics(runs(m, p)).figures.p99;
        if (s.verdict === 'exceeds the noise') expect(s.error.lo! > 0 || s.error.hi! < 0).toBe(true);
        else expect(s.error.lo! <= 0 && s.error.hi! >= 0).toBe(true);
        if (s.verdict === 'within the noise') expect(Math.max(s.measured.relative_half_width!, s.error.half_width!)).toBeLessThanOrEqual(TIGHT_HALF_WIDTH);
        const scaled = repeatStatistics(runs(m.map((x) => x * scale), p.map((x) => x * scale))).figures.p99;
        expect(scaled.error.mean).toBeCloseTo(s.error.mean, 6);
        expect(scaled.measured.relative_half_width!).toBeCloseTo(s.measured.relative_half_width!, 6);
      }),
      { seed: 8, numRuns: 300 },
    );
  });
});
