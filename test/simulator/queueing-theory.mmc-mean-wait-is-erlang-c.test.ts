// M/M/c: the mean wait in queue is C(c, a) / (cμ − λ), with Erlang's C formula for the probability
// of waiting; a = λ/μ is the offered load. Checked on the contract's M/M/10 at 90 rps and on M/M/3.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario } from './helpers.js';

/** Erlang C: probability that an arrival waits, for c servers and offered load a (Erlangs). */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1; // Σ_{k<c} a^k / k!, built term by term
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a)); // a^c / c! · c / (c − a)
  return top / (sum + top);
}

describe('M/M/c mean wait (Erlang C)', () => {
  it.each([
    { c: 10, lambda: 90, mu: 10, duration: 20_000 },
    { c: 3, lambda: 24, mu: 10, duration: 40_000 },
  ])('matches C(c, a)/(cμ − λ) for c = $c, λ = $lambda/s, μ = $mu/s', ({ c, lambda, mu, duration }) => {
    const loaded = makeScenario(
      { seed: 7, duration_s: duration, warmup_s: 500, traffic: { arrivals: { kind: 'poisson', rate_rps: lambda } }, profile: { kind: 'exponential', mean_ms: 1000 / mu } },
      { instances: c },
    );
    const r = simulate(loaded).candidates[0]!;
    const wqMs = (erlangC(c, lambda / mu) / (c * mu - lambda)) * 1000;
    expect(Math.abs(r.queue_ms.mean - wqMs) / wqMs).toBeLessThan(0.03);
    expect(Math.abs(r.latency_ms.mean - (wqMs + 1000 / mu)) / (wqMs + 1000 / mu)).toBeLessThan(0.02);
    expect(Math.abs(r.utilization - lambda / (c * mu))).toBeLessThan(0.01);
  });

  it('Erlang C itself matches a hand-worked value', () => {
    // c = 2, a = 1: C = (1/2 · 2) / (1 + 1 + 1) = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });
});
