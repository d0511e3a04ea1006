// The result (`servetwin.result/v1`), declared once: what `simulate --json` and `check --result` write,
// `report`, `check --baseline` and `merge` read (through config/result-file.ts), and the JSON Schema
// schemas/result.schema.json. The simulator's part (scenario info, one entry per candidate) comes
// first, then the planner's additions (position, cost, seeds, serving config, frontier,
// recommendation). Plain JSON data, free of timestamps and host names, so the same scenario and
// seed give byte-identical files: the simulator and the planner build these objects themselves (key
// order is the file's byte order), and the schema types them and checks files; it never rebuilds one.
//
// Declared in two modes from one text: `written` is what this version writes (every field required,
// no unknown field), `stored` is what a loader accepts from a file of any version: a field marked
// `later(…)` did not exist in the first results and may be missing (loaders derive it, or do
// without). Fields a later version adds are tolerated by the loader, not here.
import * as z from 'zod';
import { BatchingSchema } from './batching.js';
import { AutoscalerSchema, ProvisioningSchema } from './autoscaler.js';
import { CandidateFieldsSchema, PlacementSchema, RouterKindSchema, SloSchema } from './scenario.js';
import { ServingConfigSchema, type ServingConfigInput } from './serving.js';

export const RESULT_SCHEMA_ID = 'servetwin.result/v1';

export type ResultMode = 'written' | 'stored';

const Num = z.number();
const NonNegative = z.number().min(0);
const Count = z.int().min(0);
const Fraction = z.number().min(0).max(1);
const Positive = z.number().positive();

function declareResult<M extends ResultMode>(mode: M) {
  /** A field results written by earlier versions lack: required when written, optional when read back. */
  const later = <T extends z.ZodType>(schema: T) => (mode === 'stored' ? schema.optional() : schema) as M extends 'stored' ? z.ZodOptional<T> : T;

  // ---- the simulator's part ----------------------------------------------------------------------

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

  // ---- the planner's additions -------------------------------------------------------------------

  const CandidateCost = z
    .strictObject({
      run_usd: NonNegative.describe('What the measured window cost.'),
      per_hour_usd: NonNegative.describe('The same, per hour.'),
      per_million_requests_usd: NonNegative.nullable().describe('Per million completed requests; null when nothing completed (infinite, which JSON cannot write).'),
      compute_usd: NonNegative.describe('Of run_usd: replicas (provisioned) or GB-seconds (serverless).'),
      requests_usd: NonNegative.describe('Of run_usd: the per-request price (serverless).'),
      egress_usd: NonNegative.describe('Of run_usd: network egress.'),
    })
    .describe("A candidate's price (planner/cost.ts); with placement, each tier priced at its own price and summed.")
    .meta({ id: 'CandidateCost' });

  const SeedVerdict = z
    .strictObject({
      seed: Count,
      slo_attainment: Fraction.describe('Fraction of requests (drops count as misses) within the SLO latency.'),
      drop_rate: Fraction.describe('Dropped / arrived.'),
      latency_at_slo_percentile_ms: NonNegative.describe('Latency at the SLO percentile, ms.'),
      utilization: NonNegative.describe('Busy share of the instances.'),
      slo_met: z.boolean().describe("This seed's verdict, drop bound included."),
    })
    .describe("One seed's outcome of a candidate in a sweep.")
    .meta({ id: 'SeedVerdict' });

  // Typed as the serving config's input form, which is what the planner writes and `serve --config`
  // reads (defaults left out); the schema that checks it is the serving config's own.
  const servingConfig = () =>
    (ServingConfigSchema as unknown as z.ZodType<ServingConfigInput>).describe('The servetwin.serving/v1 config `servetwin serve --config` takes.');

  const PlannedCandidate = CandidateResult.extend({
    position: later(Count.describe('Position in the full (unsharded) candidate list.')),
    cost: later(CandidateCost),
    seeds: later(z.array(SeedVerdict).describe('The same candidate on every seed (the first is the one whose metrics are reported).')),
    serving_config: later(servingConfig()),
    calibration_high: z
      .strictObject({
        latency_at_slo_percentile_ms: NonNegative.describe("Worst seed's latency at the SLO's percentile."),
        slo_met: z.boolean().describe('Met the SLO on every seed.'),
      })
      .optional()
      .describe("Only for a candidate that met the SLO on every seed, when the profile records 95 % intervals: the same runs with the profile at their slow end (planner/calibration-spread.ts)."),
  })
    .describe('A candidate of a sweep: simulated on every seed, priced and judged.')
    .meta({ id: 'PlannedCandidate' });

  const Margin = z
    .strictObject({
      slo_latency_ms: Positive.describe("The SLO's latency."),
      worst_ms: NonNegative.describe("The winner's latency at the SLO's percentile on its worst seed."),
      best_ms: NonNegative.describe('The same on its best seed.'),
      margin_ms: Num.describe('slo_latency_ms − worst_ms.'),
      seed_spread_ms: NonNegative.describe('worst_ms − best_ms: the spread over the seeds.'),
      calibration_ms: NonNegative.nullable().describe("Its worst seed's latency with the profile at the slow end of its 95 % intervals (null: the profile records none)."),
      next_passing: z
        .strictObject({
          name: z.string(),
          cost: NonNegative.describe('Its cost ($/hour, or instances held: see cost_axis).'),
          cost_difference: Num.describe("Its cost over the winner's, minus 1 (0.5: 50 % more)."),
          worst_ms: NonNegative,
          margin_ms: Num,
        })
        .nullable()
        .describe('The next-cheapest candidate that also meets the SLO on every seed.'),
      close_call: z.boolean().describe('Whether the choice is close, by planner/margin.ts CLOSE_CALL_RULE.'),
      close_because: z.array(z.string()).describe('Why it is close, one sentence per reason.'),
    })
    .describe("The margin the recommendation stands on, and whether it is a close call.")
    .meta({ id: 'Margin' });

  const Recommendation = z
    .strictObject({
      name: z.string().nullable().describe('The recommended candidate, or null when none meets the SLO (then `reason` says what came closest).'),
      reason: z.string(),
      runner_up: z.strictObject({ name: z.string(), why: z.string() }).nullable().describe('The closest candidate that lost, and why.'),
      serving_config: servingConfig().nullable().describe("The recommended candidate's serving config (null when nothing met the SLO)."),
      margin: later(Margin.nullable().describe('Null when nothing met the SLO.')),
    })
    .describe('The cheapest candidate that meets the SLO on every seed.')
    .meta({ id: 'Recommendation' });

  const PlanResult = SimulationResult.extend({
    candidates: z.array(PlannedCandidate),
    seeds: later(z.array(Count).describe('Seeds every candidate was simulated on (the first is the reported one).')),
    shard: z
      .strictObject({
        index: z.int().min(1),
        count: z.int().min(1),
        total_candidates: Count,
        servetwin_version: later(z.string().describe('The servetwin that simulated the shard: `merge` joins only shards of its own version.')),
        inputs_sha256: later(
          z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .describe('SHA-256 of what the shard simulated (the scenario, its profiles and trace as loaded, and the candidates): every shard of one sweep has the same.'),
        ),
      })
      .optional()
      .describe('Present when only a slice of the grid was simulated (`--shard i/N`); `merge` drops it.'),
    cost_axis: later(z.enum(['usd_per_hour', 'instances']).describe("What the frontier's cost axis is: $/hour, or instances held when no prices were given.")),
    frontier: later(z.array(z.string()).describe('Names on the cost / tail-latency Pareto frontier, cheapest first.')),
    recommendation: later(Recommendation),
  }).describe("servetwin.result/v1 as `simulate --json` writes it: the simulator's result of every candidate, priced and judged by the planner.");

  return { LatencyStats, Usage, ReplicaSummary, AutoscalingSummary, TimeSeries, TierResult, SiteResult, CandidateResult, SimulationResult, CandidateCost, SeedVerdict, PlannedCandidate, Margin, Recommendation, PlanResult };
}

type WrittenSchemas = ReturnType<typeof declareResult<'written'>>;
type StoredSchemas = ReturnType<typeof declareResult<'stored'>>;

let written: WrittenSchemas | undefined;
let stored: StoredSchemas | undefined;

/** The schemas of what this version writes, built on first use (building them costs start-up time). */
export function writtenResultSchemas(): WrittenSchemas {
  return (written ??= declareResult('written'));
}

/** The schemas a file of any version must pass: fields that came later are optional. */
export function storedResultSchemas(): StoredSchemas {
  return (stored ??= declareResult('stored'));
}

export type LatencyStats = z.output<WrittenSchemas['LatencyStats']>;
export type Usage = z.output<WrittenSchemas['Usage']>;
export type ReplicaSummary = z.output<WrittenSchemas['ReplicaSummary']>;
export type AutoscalingSummary = z.output<WrittenSchemas['AutoscalingSummary']>;
export type TimeSeries = z.output<WrittenSchemas['TimeSeries']>;
export type TierResult = z.output<WrittenSchemas['TierResult']>;
export type SiteResult = z.output<WrittenSchemas['SiteResult']>;
export type CandidateResult = z.output<WrittenSchemas['CandidateResult']>;
export type SimulationResult = z.output<WrittenSchemas['SimulationResult']>;
export type CandidateCost = z.output<WrittenSchemas['CandidateCost']>;
export type SeedVerdict = z.output<WrittenSchemas['SeedVerdict']>;
export type PlannedCandidate = z.output<WrittenSchemas['PlannedCandidate']>;
export type Margin = z.output<WrittenSchemas['Margin']>;
export type Recommendation = z.output<WrittenSchemas['Recommendation']>;
export type PlanResult = z.output<WrittenSchemas['PlanResult']>;

/** A result as a file holds it, written by this version or an earlier one (config/result-file.ts reads it). */
export type StoredResult = z.output<StoredSchemas['PlanResult']>;
export type StoredCandidate = StoredResult['candidates'][number];

export const RESULT_JSON_SCHEMA_PATH = 'schemas/result.schema.json';

/** The JSON Schema of a result as this version writes it (`simulate --json`), for tools that read results. */
export function resultJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(writtenResultSchemas().PlanResult, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
