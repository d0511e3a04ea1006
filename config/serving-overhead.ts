// What the live engine pays beyond the profile's forward pass, declared once. A profile may carry
// it (`serving_overhead`), measured on the same machine by replaying low-load traffic against the
// engine and reading each response's Server-Timing header (replay/overhead.ts): every part is a
// measured distribution, none is fitted to the end-to-end latency. The simulator models it per
// replica (simulator/fleet/frontend.ts): ingress and egress are served one at a time, first come first
// served, by the replica's single HTTP thread (Node's event loop), so under load they queue; the
// forward pass is scaled and lengthened per batch (simulator/fleet/service-time.ts).
import * as z from 'zod';
import { DelaySchema } from './delay.js';
import { Ci95Schema } from './profile-cpu.js';

const OverheadCi95Schema = z
  .strictObject({
    ingress_mean_ms: Ci95Schema.optional(),
    egress_mean_ms: Ci95Schema.optional(),
    per_batch_ms: Ci95Schema.optional(),
    compute_scale: Ci95Schema.optional(),
    deferred_ms: Ci95Schema.optional(),
  })
  .describe(
    '95 % confidence intervals of the measured figures (ingress_mean_ms and egress_mean_ms: the means of ingress_ms and egress_ms), from independent blocks of the measurement; absent in profiles measured before they were recorded.',
  );

export const ServingOverheadSchema = z
  .strictObject({
    source: z.string().describe('How and where it was measured (command, rate, host).'),
    compute_scale: z
      .number()
      .positive()
      .describe('Live forward pass over the profile’s for the same batch sizes (1: as profiled). The profile ran one session alone; live, the instances share the cores with the HTTP thread.'),
    per_batch_ms: z
      .number()
      .min(0)
      .describe('Time an instance stays busy per batch beyond the forward pass: the batch copied in, the message to the worker thread and the result back, ms.'),
    ingress_ms: DelaySchema.describe('Per request, on the HTTP thread before the batcher: body received, decoded, validated.'),
    egress_ms: DelaySchema.describe('Per request, on the HTTP thread after its batch: outputs split, response encoded and written.'),
    deferred_ms: z
      .number()
      .min(0)
      .default(0)
      .describe(
        'Per request, HTTP-thread work that delays no response of its own (garbage collection, message and timer handling, bookkeeping): the event loop’s busy time per request minus ingress and egress. It keeps the thread busy after each egress, so later requests wait for it, ms.',
      ),
    after_idle: z
      .array(
        z.strictObject({
          idle_ms: z.number().min(0).describe('Mean idle time of the instance before the forward passes of this group, ms.'),
          extra_ms: z.number().min(0).describe('How much longer those forward passes took than passes that followed another within 1 ms, ms.'),
          requests: z.number().int().positive().describe('Timed requests the group holds.'),
        }),
      )
      .optional()
      .describe(
        'A forward pass that follows an idle spell runs slower than one straight after another (caches and clock speed cool down while the instance waits): the extra time by idle time, measured from the engine’s Server-Timing `idle` and `compute`, in increasing idle_ms. With the CPU model the simulator adds it to each batch by the instance’s own idle time, interpolated (none below the first point, the last point’s beyond it), in place of compute_scale. Absent in profiles measured before it was recorded.',
      ),
    client_ms: DelaySchema.optional().describe(
      'Outside the server, as replay measured it: the client’s HTTP work, the loopback link, the generator’s lag. Used by replay’s prediction in place of the scenario’s network; simulate ignores it.',
    ),
    ci95: OverheadCi95Schema.optional(),
  })
  .describe('The serving engine’s overhead beyond the forward pass, measured live (servetwin replay --write-overhead).');

export type ServingOverhead = z.output<typeof ServingOverheadSchema>;
