// The dynamic batcher's settings, declared once: the scenario's candidates, the serving config and
// the engine all use this schema. Names follow Triton's model config with units in the name.
import * as z from 'zod';

export const BatchingSchema = z
  .strictObject({
    max_batch_size: z.int().min(1).describe('Largest batch, counted in items along the batch dimension (Triton max_batch_size).'),
    max_queue_delay_ms: z
      .number()
      .min(0)
      .default(0)
      .describe('How long the oldest waiting request may be held to let a batch grow (Triton max_queue_delay_microseconds, in ms). 0: dispatch whatever waits as soon as an instance is free.'),
    preferred_batch_sizes: z
      .array(z.int().min(1))
      .optional()
      .describe('Batch sizes dispatched at once when they can be formed; the largest that can be formed wins (Triton preferred_batch_size).'),
    max_queue_size: z
      .int()
      .min(1)
      .optional()
      .describe('Most requests that may wait in the queue; an arrival beyond it is rejected at once (Triton default_queue_policy.max_queue_size). Unbounded when absent.'),
    queue_timeout_ms: z
      .number()
      .positive()
      .optional()
      .describe('A request that has waited this long without being dispatched is dropped (Triton default_timeout_microseconds, in ms).'),
  })
  .refine((b) => (b.preferred_batch_sizes ?? []).every((p) => p <= b.max_batch_size), {
    message: 'every preferred batch size must be <= max_batch_size',
    path: ['preferred_batch_sizes'],
  });

export type Batching = z.output<typeof BatchingSchema>;
export type BatchingInput = z.input<typeof BatchingSchema>;
