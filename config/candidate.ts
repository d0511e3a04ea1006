// A candidate architecture, declared once: replicas, instances, threads and CPUs per replica,
// batching, router, autoscaler, placement on the edge or in the cloud, and its price. Scenarios
// (config/scenario.ts) compare candidates; the one translation (config/serving-translation.ts)
// turns one into the serving config the engine runs.
import * as z from 'zod';
import { BatchingSchema, withQueueBound } from './batching.js';
import { ParametricProfileSchema } from './profile.js';
import { CostSchema } from './cost.js';
import { AutoscalerSchema, ProvisioningSchema } from './autoscaler.js';

const Positive = z.number().positive();
const NonNegative = z.number().min(0);

export const RouterKindSchema = z
  .enum(['round_robin', 'least_outstanding', 'power_of_two', 'random'])
  .describe('How requests are spread across replicas (policies/router.ts).');

export const ProfileFileSchema = z.strictObject({
  file: z
    .string()
    .min(1)
    .describe('A servetwin.profile/v2 (or v1) JSON file: relative to the scenario file\'s folder, or else to the servetwin folder (calibration/profiles/…).'),
});

const OutageSchema = z.strictObject({
  at_s: NonNegative.describe('When the edge goes down, in seconds from the start of the run.'),
  duration_s: Positive.describe('How long it stays down.'),
  sites: z.array(z.string().min(1)).optional().describe('Names of the site entries whose edge goes down; all of them when absent.'),
});

export const PlacementSchema = z
  .enum(['cloud_only', 'edge_only', 'hybrid'])
  .describe('Where requests are served: the cloud pool only, each site\'s edge pool only, or the edge first with overflow to the cloud.');

const EdgeSchema = z
  .strictObject({
    replicas: z.int().min(1).default(1).describe('Edge replicas (devices) per site.'),
    instances: z.int().min(1).default(1).describe('Execution slots per edge replica.'),
    batching: BatchingSchema.optional().describe('The edge batcher; the candidate\'s `batching` when absent.'),
    router: RouterKindSchema.default('round_robin'),
    profile: z.union([ParametricProfileSchema, ProfileFileSchema]).optional().describe('The edge device\'s own profile; give this or speed_factor.'),
    speed_factor: Positive.optional().describe('Edge speed relative to the cloud profile (0.25: four times slower; service and cold-start times are divided by it). 1 when neither this nor profile is given.'),
    overflow_queue_threshold: z
      .int()
      .min(0)
      .optional()
      .describe('hybrid: a request goes to the cloud when every ready edge replica of its site has more than this many requests waiting; the edge max_batch_size when absent.'),
    cost: CostSchema.optional().describe('Price of one edge device (replica_per_hour_usd is its cost per device-hour); not priced when absent.'),
    outages: z.array(OutageSchema).optional().describe('Times the edge is down: it takes no new requests (work already queued finishes).'),
  })
  .refine((e) => e.profile === undefined || e.speed_factor === undefined, { message: 'give either profile or speed_factor, not both', path: ['speed_factor'] });

/**
 * CPUs per replica: a positive number of cores, Kubernetes millicores ("1500m" = 1.5), or
 * "unlimited". Parsed to a number of cores, or Infinity for "unlimited".
 */
export const CpusSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const cores = typeof value === 'number' ? value : value === 'unlimited' ? Number.POSITIVE_INFINITY : /^\d+(\.\d+)?m$/.test(value) ? Number(value.slice(0, -1)) / 1000 : /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(cores > 0)) {
    ctx.addIssue({ code: 'custom', message: `expected a positive number of cores (1.5), millicores ("1500m") or "unlimited", got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return cores;
});

// A candidate as written. Its queue bounds (config/batching.ts defaultMaxQueueSize) derive from
// max_batch_size and instances, so they are filled in only once those are final: by CandidateSchema,
// which parses a concrete candidate — every one the simulator or the engine is given.
export const CandidateFieldsSchema = z
  .strictObject({
    name: z.string().min(1).describe('Shown in tables and results; unique within the scenario.'),
    replicas: z.int().min(1).default(1).describe('Identical servers, each with its own queue and batcher (ignored with an autoscaler, which sets the count).'),
    instances: z.int().min(1).default(1).describe('Execution slots per replica sharing its queue (Triton instance_group count).'),
    intra_op_threads: z
      .int()
      .min(1)
      .optional()
      .describe(
        "ONNX Runtime intra-op threads per instance, as the engine runs them (the serving config's intra_op_threads). When absent: the profile's threads.intra_op for a measured profile, else 1. Not yet modelled by the simulator.",
      ),
    cpus: CpusSchema.optional().describe(
      'CPU cores each replica (pod) has, shared by its instances\' forward passes, its HTTP thread and, in a replay whose load generator is not pinned elsewhere, the generator: a number (1.5), Kubernetes millicores ("1500m"), or "unlimited" (every consumer its own core, no CPU model). Modelled as processor sharing on that many cores, with the interference the calibration measured. When absent: the cores the profile was calibrated on (host.cpus, else host.cores); no CPU model for a parametric profile.',
    ),
    batching: BatchingSchema,
    router: RouterKindSchema.default('round_robin'),
    cost: CostSchema.optional().describe('How this candidate (its cloud tier, with placement) is priced; the scenario-level `cost` when absent.'),
    autoscaler: AutoscalerSchema.optional().describe('Decides the replica count over time (fixed, schedule, hpa, kpa, ray_serve); `replicas` fixed when absent.'),
    provisioning: ProvisioningSchema.optional().describe('Delay before a replica the autoscaler adds starts loading the model (the profile\'s cold start comes on top); 0 when absent.'),
    placement: PlacementSchema.optional().describe('Edge vs cloud: absent is cloud_only. The candidate\'s own replicas, batching and autoscaler are the cloud pool.'),
    edge: EdgeSchema.optional().describe('The edge tier: one pool per site (edge_only and hybrid placements).'),
  })
  .refine((c) => c.placement === undefined || c.placement === 'cloud_only' || c.edge !== undefined, {
    message: 'edge_only and hybrid placements need an `edge` section',
    path: ['edge'],
  });

/** A concrete candidate: every batcher's max_queue_size explicit, the edge's batching written out. */
export const CandidateSchema = CandidateFieldsSchema.transform(withQueueBounds);

export function withQueueBounds(c: z.output<typeof CandidateFieldsSchema>): z.output<typeof CandidateFieldsSchema> {
  // The edge batches as the candidate does unless it says otherwise, but bounds its queue by its own instances.
  const edge = c.edge && EdgeSchema.parse({ ...c.edge, batching: withQueueBound(c.edge.batching ?? c.batching, c.edge.instances) });
  return { ...c, batching: withQueueBound(c.batching, c.instances), ...(edge ? { edge } : {}) };
}


export type Candidate = z.output<typeof CandidateSchema>;
export type RouterKind = z.output<typeof RouterKindSchema>;
export type Edge = NonNullable<Candidate['edge']>;
export type Outage = NonNullable<Edge['outages']>[number];
export type Placement = z.output<typeof PlacementSchema>;
