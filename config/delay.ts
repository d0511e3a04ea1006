// A delay distribution in ms, declared once: the network's propagation delay in scenarios
// (simulator/scenario/network.ts) and the serving overhead's per-request times in profiles
// (config/serving-overhead.ts). Sampled by simulator/scenario/network.ts's delaySampler, one uniform per draw.
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
