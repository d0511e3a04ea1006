// The simulator's part of the result (servetwin.result/v1, config/result.ts): scenario info and one
// entry per candidate — latency stats, usage, replicas, autoscaling, tiers, sites, CPU use and the
// time series — declared once, in the mode config/result.ts asks for (see there).
import * as z from 'zod';
import { BatchingSchema } from './batching.js';
import { AutoscalerSchema, ProvisioningSchema } from './autoscaler.js';
import { CandidateFieldsSchema, PlacementSchema, RouterKindSchema, SloSchema } from './scenario.js';

export const RESULT_SCHEMA_ID = 'servetwin.result/v1';

export type ResultMode = 'written' | 'stored';

const Num = z.number();
const NonNegative = z.number().min(0);
const Count = z.int().min(0);
const Fraction = z.number().min(0).max(1);
const Positive = z.number().positive();

/** A field results written by earlier versions lack: required when written, optional when read back. */
export function laterIn<M extends ResultMode>(mode: M) {
  return <T extends z.ZodType>(schema: T) => (mode === 'stored' ? schema.optional() : schema) as M extends 'stored' ? z.ZodOptional<T> : T;
}

export function declareSimulationResult<M extends ResultMode>(mode: M) {
  const later = laterIn(mode);

  const LatencyStats = z
    .strictObject({ mean: NonNegative, p50: NonNegative, p90: NonNegative, p99: NonNegative, p999: NonNegative, max: NonNegative })
    .describe('mean (exact), p50/p90/p99/p999 (HDR, 3 significant digits) and max (exact), in ms; zeros when nothing completed.')
    .meta({ id: 'LatencyStats' });

  const Usage = z
    .strictObject({
      window_s: NonNegative.describe('Length of the measured window (duration_s − warmup_s), seconds.'),
      replica_seconds: NonNegative.describe('Replica-seconds billed in the window: every second a replica existed — provisioning, loading the model, ready or draining.'),
      busy_instance_seconds: NonNegative.describe('Instance-seconds spent executing batches in the window (serverless GB-seconds are billed on this).'),
      requests: Count.describe('Requests sent in the window (and placed on this tier).'),
      completed: Count.describe('Of those, requests completed before the end of the run.'),
      egress_bytes: Count.describe('Response bytes sent to clients for them: completed items × network.response_bytes_per_item.'),
    })
    .describe("What a candidate (or one tier of it) used in the measured window, for pricing: what planner/cost.ts's priceRun() takes.")
    .meta({ id: 'Usage' });

  const ReplicaSummary = z
    .strictObject({ min: Count, max: Count, mean: NonNegative })
    .describe('Replicas ready (serving) over the measured window: fewest, most, time-averaged.')
    .meta({ id: 'ReplicaSummary' });

  const AutoscalingSummary = z
    .strictObject({
      kind: z.string().describe("The autoscaler's kind; kinds of several pools joined with +."),
      scale_ups: Count.describe('Decisions in the window that raised the count asked for.'),
      scale_downs: Count.describe('Decisions in the window that lowered it (scaling_events = scale_ups + scale_downs).'),
      replicas_started: Count.describe('Replicas asked for after t = 0, over the whole run.'),
      replicas_stopped: Count.describe('Replicas that went (cancelled while starting, or drained), over the whole run.'),
      max_desired: Count.describe('The largest count the autoscaler asked for.'),
      held_requests: Count.describe("Measured requests that arrived with no ready replica and waited for one (Knative's activator, Ray's handle queue)."),
      panic_fraction: Fraction.optional().describe('Knative KPA: share of the window in panic mode.'),
      activator_fraction: Fraction.optional().describe('Knative KPA: share of the window with the activator in the request path.'),
    })
    .describe("What a candidate's autoscaler did (present when it has one).")
    .meta({ id: 'AutoscalingSummary' });

  const Requests = z
    .strictObject({ arrived: Count, completed: Count, dropped: Count, in_flight: Count })
    .describe('Requests sent after the warm-up: arrived = completed + dropped + in_flight.')
    .meta({ id: 'Requests' });

  const DroppedByReason = z
    .strictObject({ queue_full: Count, timeout: Count, too_large: Count })
    .describe('Dropped requests, by why they were dropped.')
    .meta({ id: 'DroppedByReason' });

  const Series = z.array(Num);
  const TimeSeries = z
    .strictObject({
      interval_s: z.number().positive(),
      t_s: Series.describe('Start of each interval, in seconds from the start of the run (warm-up included).'),
      arrival_rps: Series,
      throughput_rps: Series,
      dropped_rps: Series,
      queue_depth: Series.describe('Requests waiting in replica queues, time-averaged over the interval (all replicas).'),
      queue_depth_max: Series.describe('Largest queue depth (all replicas) seen in the interval.'),
      in_service: Series.describe('Requests executing, time-averaged.'),
      busy_instances: Series.describe('Instances executing a batch, time-averaged.'),
      replicas: Series.describe('Replicas serving, time-averaged.'),
      desired_replicas: Series.optional().describe('With an autoscaler: replicas asked for (ready or starting, not draining), time-averaged.'),
      provisioned_replicas: Series.optional().describe('With an autoscaler: replicas billed (starting, ready or draining), time-averaged.'),
      pending_unrouted: Series.optional().describe('With an autoscaler: requests held with no ready replica (activator / handle queue), time-averaged; they are part of queue_depth.'),
      panic: Series.optional().describe('Knative KPA: share of the interval in panic mode (0..1).'),
      activator_in_path: Series.optional().describe('Knative KPA: share of the interval with the activator in the request path (0..1).'),
      edge_rps: Series.optional().describe('With tiers: requests sent to the edge per second.'),
      cloud_rps: Series.optional().describe('With tiers: requests sent to the cloud per second.'),
    })
    .describe("One candidate's run at a fixed interval: rates per second and exact time-averages of the levels over each interval.")
    .meta({ id: 'TimeSeries' });

  const frontendMs = LatencyStats.optional().describe(
    "Only when some pool's profile has a `serving_overhead` (its presence says a frontend was modelled): time on the replica's HTTP thread, ingress before the batcher plus egress after the batch, each with its wait for the thread. End to end = network + frontend + queue + compute (queue_ms is then the wait in the batcher, plus any wait for a ready replica). Completions in a pool without a frontend count as 0 here. The time series' queue_depth and in_service leave requests on the thread out.",
  );

  const TierResult = z
    .strictObject({
      pools: Count.describe('Pools in the tier (one per site for the edge).'),
      requests: Requests,
      dropped_by_reason: DroppedByReason,
      throughput_rps: NonNegative,
      latency_ms: LatencyStats,
      queue_ms: LatencyStats,
      compute_ms: LatencyStats,
      network_ms: LatencyStats,
      frontend_ms: frontendMs,
      slo_attainment: Fraction,
      mean_batch_size: NonNegative,
      batches: Count,
      utilization: NonNegative.describe("Busy share of the tier's ready instances over the window."),
      replica_seconds: NonNegative,
      replicas: ReplicaSummary,
      usage: Usage.describe("Price this with the tier's cost: `edge.cost` for the edge, the candidate's (or scenario's) `cost` for the cloud."),
    })
    .describe("One tier (edge: all sites' edge pools together; cloud: the shared pool) of a candidate with placement.")
    .meta({ id: 'TierResult' });

  const SiteResult = z
    .strictObject({
      name: z.string(),
      count: z.int().min(1).describe('Identical sites the entry stands for.'),
      requests: Count.describe("Measured requests sent from the entry's sites."),
      edge_share: Fraction.describe('Share of them served at the edge.'),
      latency_ms: LatencyStats,
    })
    .describe("A site entry of the scenario: its measured requests, the share served at its edge, and their latency.")
    .meta({ id: 'SiteResult' });

  const CandidateConfig = z
    .strictObject({
      replicas: Count.describe("Replicas at the start (the autoscaler's initial count when it has one)."),
      instances: z.int().min(1),
      router: RouterKindSchema,
      batching: BatchingSchema,
      autoscaler: AutoscalerSchema.optional(),
      provisioning: ProvisioningSchema.optional(),
      placement: PlacementSchema.optional(),
      edge: CandidateFieldsSchema.shape.edge,
    })
    .describe("The candidate's architecture as simulated (the scenario's candidate, defaults filled in).")
    .meta({ id: 'CandidateConfig' });

  const CandidateResult = z
    .strictObject({
      name: z.string(),
      config: CandidateConfig,
      requests: Requests,
      completed: Count,
      dropped: Count,
      dropped_by_reason: DroppedByReason,
      in_flight: Count.describe('Measured requests not finished at the end of the run (held, queued, executing or on the wire).'),
      throughput_rps: NonNegative.describe('Completed requests per second over the measured window.'),
      latency_ms: LatencyStats.describe('End to end: network + queue + compute (+ frontend).'),
      queue_ms: LatencyStats,
      queue_split_ms: later(
        z
          .strictObject({
            replica_mean: NonNegative.describe('Waiting for a ready replica (held by the activator or a handle queue, or in an outage), ms.'),
            batch_fill_mean: NonNegative.describe("In the replica's batcher while one of its instances was free: the batch filling (max_queue_delay_ms), ms."),
            instance_mean: NonNegative.describe("In the batcher with every instance of the replica busy: waiting for an instance, ms."),
          })
          .describe("queue_ms's mean split by what the requests waited for; the three add up to it."),
      ),
      compute_ms: LatencyStats,
      network_ms: LatencyStats,
      frontend_ms: frontendMs,
      frontend_utilization: z
        .array(NonNegative)
        .optional()
        .describe("Only with a frontend: busy fraction of each replica slot's HTTP thread over the measured window, pools with a frontend in pool order (replicas that come and go share their slot's)."),
      cpu: z
        .strictObject({
          cpus: Positive.describe('Cores per replica the model shared.'),
          threads: Count.describe('Threads a replica can keep busy at once: its instances\' intra-op threads, its HTTP thread, a co-located load generator.'),
          oversubscribed: z.boolean().describe('threads > cpus: when they are all busy, each runs at cpus / threads of its speed or less.'),
          busy_threads_mean: NonNegative.describe('Busy threads per ready replica, time-averaged over the measured window.'),
          slowdown_max: Positive.describe('The model\'s slowdown when every thread is busy: max(1, threads / cpus) × the measured interference.'),
        })
        .optional()
        .describe("Only when the cloud pool's replicas share their CPUs (a CPU model: candidate cpus, the profile's calibrated cores)."),
      slo_attainment: Fraction.describe(
        'Completed within slo.latency_ms, over completed + dropped + in-flight requests already older than the SLO at the end (drops and certain misses count against it; the rest of the in-flight requests are left out, their outcome being unknown).',
      ),
      drop_rate: later(Fraction.describe('Dropped / arrived over the measured window.')),
      latency_at_slo_percentile_ms: later(NonNegative.describe("Completed requests' latency at the SLO's percentile (e.g. p99 for percentile 99), ms.")),
      slo_met: z.boolean().describe('slo_attainment >= slo.percentile / 100 and drop_rate <= slo.max_drop_rate.'),
      mean_batch_size: NonNegative,
      batch_size_histogram: z.record(z.string(), Count).describe('Batches started after the warm-up, by size in items (sizes never used are left out).'),
      batches: Count,
      utilization: NonNegative.describe('Busy share of the ready instances over the measured window (all instances, when none comes or goes).'),
      instance_utilization: z
        .array(NonNegative)
        .describe("Busy fraction of each instance slot over the window, replica-major (replicas that come and go share their slot's)."),
      replica_seconds: NonNegative.describe('Replica-seconds billed in the measured window, all tiers (= usage.replica_seconds).'),
      replicas: later(ReplicaSummary.describe('Replicas ready over the measured window, all tiers.')),
      scaling_events: later(Count.describe('Decisions of the autoscaler in the window that changed the count asked for (0 without one).')),
      usage: later(Usage.describe('What the candidate used, for pricing; with tiers the sum of theirs (price `tiers` instead: their prices differ).')),
      autoscaling: AutoscalingSummary.optional(),
      tiers: z
        .strictObject({ edge: TierResult.optional(), cloud: TierResult.optional() })
        .optional()
        .describe("With placement: each tier the candidate deploys (edge: every site's pool together)."),
      sites: z.array(SiteResult).optional().describe("When the scenario declares sites: each entry's measured requests, the share served at its edge, and their latency."),
      timeseries: TimeSeries,
    })
    .describe("One candidate, simulated on the scenario with the result's seed.")
    .meta({ id: 'CandidateResult' });

  const ScenarioInfo = z
    .strictObject({
      name: z.string(),
      file: z.string().nullable().describe('The scenario file as it was named on the command line (null when built in memory).'),
      seed: Count,
      duration_s: z.number().positive(),
      warmup_s: NonNegative,
      measured_s: z.number().positive(),
      // The scenario's SLO as the run applied it: its defaults filled in.
      slo: SloSchema.extend({
        percentile: SloSchema.shape.percentile.unwrap().describe(SloSchema.shape.percentile.description ?? ''),
        max_drop_rate: later(SloSchema.shape.max_drop_rate.unwrap().describe(SloSchema.shape.max_drop_rate.description ?? '')),
      }),
      traffic: z.string().describe('The kind of arrivals (poisson, steps, trace, …).'),
      profile: z.strictObject({
        kind: z.string(),
        source: z.string().describe('`inline`, or the profile file as named in the scenario (or by --profile).'),
        extrapolation: z.string().describe('How service times at batch sizes the profile did not measure are obtained.'),
      }),
    })
    .describe('What was simulated, with which seed and profile.')
    .meta({ id: 'ScenarioInfo' });

  const SimulationResult = z
    .strictObject({
      schema: z.literal(RESULT_SCHEMA_ID).describe('Version of the result format.'),
      scenario: ScenarioInfo,
      candidates: z.array(CandidateResult),
    })
    .describe('What the simulator returns for a scenario: one entry per candidate.');

  return { LatencyStats, Usage, ReplicaSummary, AutoscalingSummary, TimeSeries, TierResult, SiteResult, CandidateResult, SimulationResult };
}
