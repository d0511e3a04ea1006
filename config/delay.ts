// A delay distribution in ms, declared once: the network's propagation delay in scenarios
// (simulator/scenario/network.ts) and the serving overhead's per-request times in profiles
// (config/serving-overhead.ts). Sampled by simulator/scenario/network.ts's delaySampler, one uniform per draw;
// its mean, for the closed forms (explain/) and the calibration's spread (planner/), is delayMeanMs.
import * as z from 'zod';

const NonNegative = z.number().min(0);
const Positive = z.number().positive();

const EmpiricalSchema = z
  .strictObject({
    kind: z.literal('empirical'),
    quantiles_ms: z
      .array(NonNegative)
      .min(2)
      .describe('Values at evenly spaced probabilities 0, 1/(k-1), …, 1 (k values, non-decreasing): a measured distribution, sampled by inverse CDF with linear interpolation.'),
  })
  .refine((d) => d.quantiles_ms.every((v, i) => i === 0 || v >= d.quantiles_ms[i - 1]!), {
    message: 'quantiles_ms must be non-decreasing',
    path: ['quantiles_ms'],
  });

export const DelaySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant'), ms: NonNegative }),
    z.strictObject({ kind: z.literal('exponential'), mean_ms: Positive }),
    z.strictObject({ kind: z.literal('lognormal'), mean_ms: Positive, cv: Positive.describe('stddev / mean') }),
    z.strictObject({ kind: z.literal('uniform'), min_ms: NonNegative, max_ms: NonNegative }).refine((d) => d.max_ms >= d.min_ms, {
      message: 'max_ms must be >= min_ms',
      path: ['max_ms'],
    }),
    EmpiricalSchema,
  ])
  .describe('A delay distribution in ms.');

export type Delay = z.output<typeof DelaySchema>;

/** The mean of a delay as simulator/scenario/network.ts samples it (for closed forms and intervals, not the hot loop). */
export function delayMeanMs(d: Delay): number {
  switch (d.kind) {
    case 'constant':
      return d.ms;
    case 'exponential':
    case 'lognormal':
      return d.mean_ms;
    case 'uniform':
      return (d.min_ms + d.max_ms) / 2;
    case 'empirical': {
      // Linear between k evenly spaced quantiles: the mean of each segment is its midpoint.
      const q = d.quantiles_ms;
      let sum = 0;
      for (let i = 1; i < q.length; i++) sum += (q[i - 1]! + q[i]!) / 2;
      return sum / (q.length - 1);
    }
  }
}
