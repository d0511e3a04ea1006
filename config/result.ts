// The result (`servetwin.result/v1`), declared once: what `simulate --json` and `check --result` write,
// `report`, `check --baseline` and `merge` read (through config/result-file.ts), and the JSON Schema
// schemas/result.schema.json. The simulator's part (scenario info, one entry per candidate) is
// config/simulation-result.ts; here the planner's additions (position, cost, seeds, serving config, frontier,
// recommendation). Plain JSON data, free of timestamps and host names, so the same scenario and
// seed give byte-identical files: the simulator and the planner build these objects themselves (key
// order is the file's byte order), and the schema types them and checks files; it never rebuilds one.
//
// Declared in two modes from one text: `written` is what this version writes (every field required,
// no unknown field), `stored` is what a loader accepts from a file of any version: a field marked
// `later(…)` did not exist in the first results and may be missing (loaders derive it, or do
// without). Fields a later version adds are tolerated by the loader, not here.
import * as z from 'zod';
import { ServingConfigSchema, type ServingConfigInput } from './serving.js';
import { declareSimulationResult, laterIn, type ResultMode } from './simulation-result.js';

export { RESULT_SCHEMA_ID, type ResultMode } from './simulation-result.js';

const Num = z.number();
const NonNegative = z.number().min(0);
const Count = z.int().min(0);
const Fraction = z.number().min(0).max(1);
const Positive = z.number().positive();

function declareResult<M extends ResultMode>(mode: M) {
  const later = laterIn(mode);

  const { LatencyStats, Usage, ReplicaSummary, AutoscalingSummary, TimeSeries, TierResult, SiteResult, CandidateResult, SimulationResult } = declareSimulationResult(mode);

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
