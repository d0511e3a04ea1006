// Parametric profiles draw from their closed forms: deterministic is the mean, exponential has
// variance mean², lognormal has the stated mean and coefficient of variation; a mean may grow with
// batch size as base_ms + per_item_ms·n.
import { describe, expect, it } from 'vitest';
import { stream } from '../../common/rng.js';
import { serviceTimeFor } from '../../simulator/fleet/service-time.js';
import type { ParametricProfile } from '../../config/profile.js';

function moments(profile: ParametricProfile, n: number, draws = 200_000): { mean: number; variance: number } {
  const st = serviceTimeFor(profile);
  const u = stream(11, 'moments');
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < draws; i++) {
    const x = st.sample(n, u);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / draws;
  return { mean, variance: sumSq / draws - mean * mean };
}

describe('parametric service times', () => {
  it('deterministic: every draw is the mean, and one uniform is consumed per draw', () => {
    const st = serviceTimeFor({ kind: 'deterministic', mean_ms: { base_ms: 5, per_item_ms: 2 } });
    let calls = 0;
    const u = () => (calls++, 0.3);
    expect(st.sample(4, u)).toBe(13);
    expect(calls).toBe(1);
    expect(st.mean(4)).toBe(13);
    expect(st.maxMeasuredBatch).toBe(Number.POSITIVE_INFINITY);
  });

  it('exponential: mean and variance mean²', () => {
    const { mean, variance } = moments({ kind: 'exponential', mean_ms: 100 }, 1);
    expect(mean).toBeGreaterThan(99);
    expect(mean).toBeLessThan(101);
    expect(variance / 100 ** 2).toBeGreaterThan(0.97);
    expect(variance / 100 ** 2).toBeLessThan(1.03);
  });

  it('exponential: inverse CDF, -mean·ln(1-u)', () => {
    const st = serviceTimeFor({ kind: 'exponential', mean_ms: 10, cold_start_ms: 250 });
    expect(st.sample(1, () => 0.5)).toBeCloseTo(10 * Math.LN2, 12);
    expect(st.coldStartMs).toBe(250);
  });

  it('lognormal: the stated mean and coefficient of variation, scaled with batch size', () => {
    const profile: ParametricProfile = { kind: 'lognormal', mean_ms: { base_ms: 2, per_item_ms: 3 }, cv: 0.3 };
    const { mean, variance } = moments(profile, 6);
    expect(serviceTimeFor(profile).mean(6)).toBe(20);
    expect(mean / 20).toBeGreaterThan(0.995);
    expect(mean / 20).toBeLessThan(1.005);
    const cv = Math.sqrt(variance) / mean;
    expect(cv).toBeGreaterThan(0.29);
    expect(cv).toBeLessThan(0.31);
  });

  it('lognormal: the median is exp(μ) = mean / sqrt(1 + cv²)', () => {
    const st = serviceTimeFor({ kind: 'lognormal', mean_ms: 50, cv: 0.5 });
    expect(st.sample(1, () => 0.5)).toBeCloseTo(50 / Math.sqrt(1.25), 6);
  });
});
