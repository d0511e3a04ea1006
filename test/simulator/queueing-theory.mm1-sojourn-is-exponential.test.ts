// M/M/1: the sojourn time (wait + service) of a FIFO single server is exponential with rate μ − λ,
// so its mean is 1/(μ − λ) and its p-quantile −ln(1 − p)/(μ − λ). Checked on a long run.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario } from './helpers.js';

const relErr = (got: number, want: number): number => Math.abs(got - want) / want;

describe('M/M/1 sojourn time', () => {
  it.each([
    { lambda: 5, seed: 1 },
    { lambda: 8, seed: 2 },
  ])('is exponential with rate μ − λ (λ = $lambda/s, μ = 10/s)', ({ lambda, seed }) => {
    const mu = 10;
    // ρ = 0.8 mixes slowly, so it gets a longer run.
    const duration = lambda === 5 ? 200_000 : 400_000;
    const loaded = makeScenario({ seed, duration_s: duration, warmup_s: 1000, traffic: { arrivals: { kind: 'poisson', rate_rps: lambda } } });
    const c = simulate(loaded).candidates[0]!;
    const rate = (mu - lambda) / 1000; // per ms
    const quantile = (p: number): number => -Math.log(1 - p) / rate;
    const tol = lambda === 5 ? 0.02 : 0.04;
    expect(relErr(c.latency_ms.mean, 1 / rate)).toBeLessThan(tol);
    expect(relErr(c.latency_ms.p50, quantile(0.5))).toBeLessThan(tol);
    expect(relErr(c.latency_ms.p90, quantile(0.9))).toBeLessThan(tol);
    expect(relErr(c.latency_ms.p99, quantile(0.99))).toBeLessThan(tol);
    expect(relErr(c.latency_ms.p999, quantile(0.999))).toBeLessThan(2 * tol);
    expect(relErr(c.utilization, lambda / mu)).toBeLessThan(0.01);
  });
});
