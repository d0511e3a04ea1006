// The closed-form column beside the simulated one, through `explain` itself: where a formula's
// assumptions hold (Poisson arrivals, one request per batch, a fixed fleet, an unbounded queue) the
// simulation agrees with it. Each case runs on 4 seeds, long enough that the seeds' spread —
// (max − min) / mean of the simulated mean wait Wq and sojourn W — is at most 2 %; the mean over
// the seeds must then lie within 2 % of the exact formula (Erlang C, Pollaczek–Khinchine).
// Allen–Cunneen is an approximation once c > 1 and the SCVs differ from 1: on two G/G/2 cases at
// ρ = 0.85 it must be within 10 % of the simulation, and Erlang C, which ignores the SCVs, must not.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { explain } from '../../explain/explain.js';
import type { ClosedForms } from '../../config/explain.js';
import { makeScenario } from '../simulator/helpers.js';

const SEEDS = [1, 2, 3, 4];

function closedForms(fields: Record<string, unknown>, candidate: Record<string, unknown>, seeds: number[]): { runs: ClosedForms[] } {
  const loaded = makeScenario(fields, candidate);
  return { runs: seeds.map((seed) => explain(loaded, loaded.scenario.candidates, simulate(loaded, { seed })).candidates[0]!.pools[0]!.closed_forms) };
}

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const spread = (xs: number[]) => (Math.max(...xs) - Math.min(...xs)) / mean(xs);

describe('closed forms agree with the simulation where their assumptions hold', () => {
  it.each([
    { model: 'M/M/1', formula: 'erlang_c', lambda: 6, profile: { kind: 'exponential', mean_ms: 100 }, instances: 1, duration: 80_000 },
    { model: 'M/M/3', formula: 'erlang_c', lambda: 18, profile: { kind: 'exponential', mean_ms: 100 }, instances: 3, duration: 40_000 },
    { model: 'M/D/1', formula: 'pollaczek_khinchine', lambda: 6, profile: { kind: 'deterministic', mean_ms: 100 }, instances: 1, duration: 40_000 },
  ])('$model at ρ = 0.6: $formula within 2 % of the simulation, seeds within 2 %', ({ formula, lambda, profile, instances, duration }) => {
    const { runs } = closedForms({ duration_s: duration, warmup_s: 200, profile, traffic: { arrivals: { kind: 'poisson', rate_rps: lambda } } }, { instances }, SEEDS);
    const form = runs[0]!.forms.find((f) => f.formula === formula)!;
    expect(form.applicable).toBe(true);
    expect(form.broken.filter((b) => !b.includes('Cs²'))).toEqual([]); // M/D/1 breaks only Erlang C's exponential service
    const wq = runs.map((r) => r.wait_ms.simulated!);
    const w = runs.map((r) => r.sojourn_ms.simulated!);
    expect(spread(wq)).toBeLessThanOrEqual(0.02);
    expect(spread(w)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(mean(wq) / form.wait_ms! - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean(w) / form.sojourn_ms! - 1)).toBeLessThan(0.02);
    // The column the reader sees is the best applicable formula: here the exact one.
    expect(runs[0]!.wait_ms.formula).toBeCloseTo(form.wait_ms!, 9);
  });

  it.each([
    { label: 'M/G/2 (Cs² = 0.25)', replicas: 1, lambda: 17, ca2: 1 },
    { label: 'E2/G/2 (round robin over 2 replicas: Ca² = 0.5, Cs² = 0.25)', replicas: 2, lambda: 34, ca2: 0.5 },
  ])('$label at ρ = 0.85: Allen–Cunneen within 10 %, Erlang C far off', ({ replicas, lambda, ca2 }) => {
    const { runs } = closedForms(
      { duration_s: 20_000, warmup_s: 200, profile: { kind: 'lognormal', mean_ms: 100, cv: 0.5 }, traffic: { arrivals: { kind: 'poisson', rate_rps: lambda } } },
      { instances: 2, replicas, router: 'round_robin' },
      [1, 2],
    );
    const r = runs[0]!;
    expect(r.ca2).toBeCloseTo(ca2, 12);
    expect(r.cs2!).toBeCloseTo(0.25, 3);
    const simulated = mean(runs.map((x) => x.wait_ms.simulated!));
    const ac = r.forms.find((f) => f.formula === 'allen_cunneen')!;
    const ec = r.forms.find((f) => f.formula === 'erlang_c')!;
    expect(Math.abs(ac.wait_ms! / simulated - 1)).toBeLessThan(0.1);
    expect(ec.wait_ms! / simulated).toBeGreaterThan(1.4);
    expect(ec.broken.some((b) => b.includes('Cs² = 0.25'))).toBe(true);
  });
});
