// Draws a new replica's provisioning delay (node and container start, before the model loads)
// from config/autoscaler.ts's ProvisioningSchema, using a seeded stream the caller passes (e.g.
// stream(seed, 'provisioning')). The simulator adds the profile's cold start to the draw.
import type { Provisioning } from '../../config/autoscaler.js';
import { exponential, standardNormal, type Uniform } from '../../common/rng.js';

/** One provisioning delay in ms. */
export function drawProvisioningMs(p: Provisioning, u: Uniform): number {
  switch (p.kind) {
    case 'deterministic':
      return p.delay_s * 1000;
    case 'exponential':
      return exponential(u, p.mean_s) * 1000;
    case 'lognormal': {
      // Parameters of the underlying normal that give this mean and coefficient of variation.
      const sigma2 = Math.log(1 + p.cv * p.cv);
      const mu = Math.log(p.mean_s) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(u)) * 1000;
    }
    case 'uniform':
      return (p.min_s + (p.max_s - p.min_s) * u()) * 1000;
  }
}

/** The mean provisioning delay in ms (for reports and closed-form checks). */
export function meanProvisioningMs(p: Provisioning): number {
  switch (p.kind) {
    case 'deterministic':
      return p.delay_s * 1000;
    case 'exponential':
    case 'lognormal':
      return p.mean_s * 1000;
    case 'uniform':
      return ((p.min_s + p.max_s) / 2) * 1000;
  }
}
