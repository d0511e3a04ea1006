// Provisioning delays: each distribution's draws have the configured mean (and bounds), and the
// same seeded stream gives the same draws.
import { describe, expect, it } from 'vitest';
import { ProvisioningSchema, type Provisioning } from '../../../config/autoscaler.js';
import { drawProvisioningMs, meanProvisioningMs } from '../../../policies/autoscaler/index.js';
import { stream } from '../../../common/rng.js';

const draws = (p: Provisioning, n = 20_000, seed = 1) => {
  const u = stream(seed, 'provisioning');
  return Array.from({ length: n }, () => drawProvisioningMs(p, u));
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('provisioning delay draws', () => {
  it.each<Provisioning>([
    { kind: 'deterministic', delay_s: 12 },
    { kind: 'exponential', mean_s: 30 },
    { kind: 'lognormal', mean_s: 180, cv: 0.3 },
    { kind: 'uniform', min_s: 60, max_s: 240 },
  ])('%j has the configured mean', (p) => {
    const xs = draws(ProvisioningSchema.parse(p));
    expect(mean(xs) / meanProvisioningMs(p)).toBeCloseTo(1, 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  });

  it('stays within [min_s, max_s] for uniform', () => {
    const xs = draws({ kind: 'uniform', min_s: 60, max_s: 240 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(60_000);
    expect(Math.max(...xs)).toBeLessThanOrEqual(240_000);
  });

  it('is reproducible from the seed', () => {
    const p: Provisioning = { kind: 'lognormal', mean_s: 30, cv: 0.5 };
    expect(draws(p, 50, 7)).toEqual(draws(p, 50, 7));
    expect(draws(p, 50, 7)).not.toEqual(draws(p, 50, 8));
  });
});
