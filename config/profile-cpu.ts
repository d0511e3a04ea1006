// What a measured profile records about the CPU side of serving, declared once: the contention
// curve (the forward pass with 1…N instances busy at once on the calibration's cores) and the
// HTTP path's CPU per request for the model's payload (the engine's own decoder and encoder).
// Both are written by calibrate (calibration/contention.ts, calibration/http-path.ts) and read by
// the simulator's CPU model; part of config/profile.ts's servetwin.profile/v2.
import * as z from 'zod';

/** A 95 % confidence interval [lo, hi]. */
export const Ci95Schema = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => lo <= hi, { message: 'a confidence interval is [lo, hi] with lo <= hi' })
  .describe('95 % confidence interval [lo, hi], from independent blocks of the measurement.');

const ContentionPointSchema = z
  .strictObject({
    busy: z.int().min(1).describe('Instances running forward passes at the same time.'),
    forward_pass_ms: z.number().positive().describe('Mean forward pass with `busy` instances busy, ms.'),
    slowdown: z.number().positive().describe('forward_pass_ms over forward_pass_ms at busy = 1.'),
    ci95: Ci95Schema.describe('95 % confidence interval of slowdown, from independent blocks (each block measures every busy level; slowdown per block is a ratio within it).'),
    passes: z.int().min(1).describe('Forward passes that went into it (warm-up excluded).'),
  })
  .refine((p) => p.ci95[0] <= p.slowdown && p.slowdown <= p.ci95[1], { message: 'ci95 must contain slowdown', path: ['ci95'] });

export const ContentionSchema = z
  .strictObject({
    source: z.string().describe('How, where and how long it was measured.'),
    cpus: z.number().positive().describe('host.cpus while measuring.'),
    batch_size: z.int().min(1).describe('The batch size every pass used.'),
    intra_op_threads: z.int().min(1).describe('ONNX Runtime intra-op threads per instance (the profile’s threads.intra_op).'),
    points: z
      .array(ContentionPointSchema)
      .min(1)
      .refine((ps) => ps.every((p, i) => p.busy === i + 1), { message: 'points must be busy = 1, 2, …, N in order' })
      .refine((ps) => ps[0]!.slowdown === 1, { message: 'slowdown at busy = 1 must be 1' }),
  })
  .describe(
    'The forward pass with 1…N instances busy at once (the engine’s own instance workers, back-to-back passes of one batch size for a fixed time per level, warm-up discarded); N ≥ ceil(cpus) + 1, so oversubscription is measured too.',
  );

const HttpPathFormatSchema = z.strictObject({
  ingress_cpu_ms: z.number().min(0).describe('CPU per request to decode and validate the request body (the engine’s decoder), ms.'),
  egress_cpu_ms: z.number().min(0).describe('CPU per request to encode the response (the engine’s encoder), ms.'),
  ci95_ingress: Ci95Schema,
  ci95_egress: Ci95Schema,
});

export const HttpPathSchema = z
  .strictObject({
    binary: HttpPathFormatSchema.describe('Triton’s binary tensor extension (what replay sends).'),
    json: HttpPathFormatSchema.describe('Plain JSON tensors.'),
  })
  .describe(
    'The engine’s HTTP-thread CPU per request for one item of the model’s inputs, measured in-process with the engine’s own decoder and encoder on a real body (process CPU time over blocks of repetitions, warm-up discarded). Socket reads and writes are not included.',
  );

export type Contention = z.output<typeof ContentionSchema>;
export type ContentionPoint = Contention['points'][number];
export type HttpPath = z.output<typeof HttpPathSchema>;
export type Ci95 = z.output<typeof Ci95Schema>;
