// M/D/1: with deterministic service D, the Pollaczek–Khinchine formula gives the mean wait
// Wq = ρ D / (2 (1 − ρ)) (half of M/M/1's, since the service time's variance is zero).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario } from './helpers.js';

describe('M/D/1 mean wait (Pollaczek–Khinchine)', () => {
  it.each([{ lambda: 5 }, { lambda: 8 }])('matches ρD / (2(1 − ρ)) for λ = $lambda/s, D = 100 ms', ({ lambda }) => {
    const dMs = 100;
    const rho = (lambda * dMs) / 1000;
    const loaded = makeScenario({
      seed: 3,
      duration_s: lambda === 5 ? 200_000 : 300_000,
      warmup_s: 1000,
      profile: { kind: 'deterministic', mean_ms: dMs },
      traffic: { arrivals: { kind: 'poisson', rate_rps: lambda } },
    });
    const r = simulate(loaded).candidates[0]!;
    const wq = (rho * dMs) / (2 * (1 - rho));
    expect(Math.abs(r.queue_ms.mean - wq) / wq).toBeLessThan(0.03);
    expect(r.compute_ms.p50).toBeCloseTo(dMs, 1);
    expect(r.compute_ms.max).toBe(dMs);
  });
});
