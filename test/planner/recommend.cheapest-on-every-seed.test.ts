import { describe, expect, it } from 'vitest';
import { recommend, type CandidateOutcome } from '../../planner/recommend.js';

const slo = { latency_ms: 100, percentile: 99, max_drop_rate: 0.001 };
const seed = (s: number, attainment: number, drop = 0, util = 0.5) => ({
  seed: s,
  slo_attainment: attainment,
  drop_rate: drop,
  latency_at_slo_percentile_ms: attainment >= 0.99 ? 80 : 140,
  utilization: util,
});

describe('recommend', () => {
  it('picks the cheapest candidate that meets the SLO on every seed, not a lucky one', () => {
    const cs: CandidateOutcome[] = [
      { name: 'lucky', cost_per_hour_usd: 1, seeds: [seed(1, 0.995), seed(2, 0.97)] },
      { name: 'solid', cost_per_hour_usd: 2, seeds: [seed(1, 0.999), seed(2, 0.995)] },
      { name: 'lavish', cost_per_hour_usd: 4, seeds: [seed(1, 1), seed(2, 1)] },
    ];
    const r = recommend(cs, slo);
    expect(r.name).toBe('solid');
    expect(r.runner_up?.name).toBe('lucky');
    expect(r.runner_up?.why).toMatch(/on seed 2 only 97.00 %/);
  });

  it('counts drops against the SLO', () => {
    const r = recommend([{ name: 'shedder', cost_per_hour_usd: 1, seeds: [seed(1, 0.999, 0.01)] }], slo);
    expect(r.name).toBeNull();
    expect(r.reason).toMatch(/dropped 1.00 %/);
  });

  it('when nothing meets the SLO, names the closest and what it would take', () => {
    const r = recommend(
      [
        { name: 'small', cost_per_hour_usd: 1, seeds: [seed(1, 0.5, 0, 0.99)] },
        { name: 'bigger', cost_per_hour_usd: 2, seeds: [seed(1, 0.9, 0, 0.95)] },
      ],
      slo,
    );
    expect(r.name).toBeNull();
    expect(r.reason).toMatch(/Closest: bigger/);
    expect(r.reason).toMatch(/needs more capacity/);
  });

  it('explains the next one up when nothing cheaper failed', () => {
    const r = recommend(
      [
        { name: 'a', cost_per_hour_usd: 1, seeds: [seed(1, 0.999)] },
        { name: 'b', cost_per_hour_usd: 1.5, seeds: [seed(1, 0.999)] },
      ],
      slo,
    );
    expect(r.name).toBe('a');
    expect(r.runner_up).toEqual({ name: 'b', why: 'also meets the SLO but costs $1.50/h (50 % more)' });
  });
});
