// The dynamic batcher's settings, declared once: the scenario's candidates, the serving config and
// the engine all use this schema. Names follow Triton's model config with units in the name.
// Also the one default that depends on other fields, the queue bound, so that the simulator (a
// candidate, config/scenario.ts) and the engine (a served model, config/serving.ts) apply the same.
import * as z from 'zod';

/** Requests a replica's queue holds per item slot when max_queue_size is absent (see defaultMaxQueueSize). */
export const DEFAULT_QUEUE_BATCHES = 4;

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
      .describe(
        `Most requests that may wait in a replica's queue; an arrival beyond it is rejected at once (Triton default_queue_policy.max_queue_size). When absent: ${DEFAULT_QUEUE_BATCHES} × max_batch_size × instances, in the simulator and the engine alike (Triton's default is unbounded; servetwin sheds load instead). For a queue that never fills, give a number too large to reach.`,
      ),
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

/**
 * The queue bound of a replica whose batching leaves max_queue_size unset: four full batches per
 * instance, enough to keep every instance busy through a burst while an overloaded replica
 * answers 503 within a few batch times instead of holding requests without bound.
 */
export function defaultMaxQueueSize(maxBatchSize: number, instances: number): number {
  return DEFAULT_QUEUE_BATCHES * maxBatchSize * instances;
}

/** The batching with its queue bound explicit: as given, else defaultMaxQueueSize. */
export function withQueueBound(batching: Batching, instances: number): Batching & { max_queue_size: number } {
  const max_queue_size = batching.max_queue_size ?? defaultMaxQueueSize(batching.max_batch_size, instances);
  // Parsed again so the keys come in the schema's order: a config parsed once and one parsed twice print the same bytes.
  return BatchingSchema.parse({ ...batching, max_queue_size }) as Batching & { max_queue_size: number };
}
