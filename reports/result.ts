// What a report is made from: a servetwin.result/v1 JSON (`simulate --json`, or a sweep's result
// with cost, seeds, frontier and recommendation), read and checked here so the renderers can trust
// it. Only the fields the report reads are required; later fields pass through untouched.
import * as z from 'zod';
import { InputError, describeValue } from '../common/errors.js';
import { parseConfig } from '../config/validate.js';
import { RESULT_SCHEMA_ID, type CandidateResult, type SimulationResult } from '../simulator/result.js';
import { readJsonFile } from '../common/read-file.js';

/** A candidate's price, as the sweep adds it (planner/cost.ts). Non-finite numbers arrive as null in JSON. */
export interface CandidateCost {
  per_hour_usd: number | null;
  per_million_requests_usd: number | null;
  run_usd?: number | null;
  [more: string]: unknown;
}

/** One seed's outcome of a candidate in a sweep (planner/recommend.ts SeedOutcome). */
export interface SeedVerdict {
  seed: number;
  slo_attainment: number;
  drop_rate?: number;
  latency_at_slo_percentile_ms?: number | null;
  utilization?: number;
  /** This seed's verdict, drop bound included (computed from the fields above when absent). */
  slo_met?: boolean;
  [more: string]: unknown;
}

export interface Recommendation {
  /** The recommended candidate, or null when none meets the SLO (then `reason` says what came closest). */
  name: string | null;
  reason: string;
  runner_up: { name: string; why: string } | null;
  /** The servetwin.serving/v1 config `servetwin serve --config` takes. */
  serving_config?: unknown;
  [more: string]: unknown;
}

/** Fields results written before they existed lack; the report derives them when absent. */
type Derivable = 'drop_rate' | 'latency_at_slo_percentile_ms';

export type ReportCandidate = Omit<CandidateResult, Derivable> &
  Partial<Pick<CandidateResult, Derivable>> & { cost?: CandidateCost; seeds?: SeedVerdict[] };

type Scenario = SimulationResult['scenario'];

export type ReportResult = Omit<SimulationResult, 'candidates' | 'scenario'> & {
  scenario: Omit<Scenario, 'slo'> & { slo: Omit<Scenario['slo'], 'max_drop_rate'> & { max_drop_rate?: number } };
  candidates: ReportCandidate[];
  /** Names on the cost / tail-latency Pareto frontier, cheapest first. */
  frontier?: string[];
  recommendation?: Recommendation | null;
};

// ---- validation: what the renderers read --------------------------------------------------------

const Num = z.number();
const Stats = z.looseObject({ mean: Num, p50: Num, p90: Num, p99: Num, p999: Num, max: Num });
const Series = z.array(Num);

const CandidateSchema = z.looseObject({
  name: z.string(),
  config: z.looseObject({
    replicas: Num,
    instances: Num,
    batching: z.looseObject({ max_batch_size: Num, max_queue_delay_ms: Num }),
  }),
  requests: z.looseObject({ arrived: Num }),
  completed: Num,
  dropped: Num,
  throughput_rps: Num,
  latency_ms: Stats,
  queue_ms: Stats,
  compute_ms: Stats,
  network_ms: Stats,
  frontend_ms: Stats.optional(),
  slo_attainment: Num,
  drop_rate: Num.optional(),
  latency_at_slo_percentile_ms: Num.optional(),
  slo_met: z.boolean(),
  mean_batch_size: Num,
  batch_size_histogram: z.record(z.string(), Num),
  utilization: Num,
  replica_seconds: Num,
  timeseries: z.looseObject({
    interval_s: Num,
    t_s: Series,
    arrival_rps: Series,
    throughput_rps: Series,
    dropped_rps: Series,
    queue_depth: Series,
    busy_instances: Series,
    replicas: Series,
  }),
  cost: z.looseObject({ per_hour_usd: Num.nullable(), per_million_requests_usd: Num.nullable(), run_usd: Num.nullable().optional() }).optional(),
  seeds: z.array(z.looseObject({ seed: Num, slo_attainment: Num })).optional(),
});

const ResultSchema = z.looseObject({
  schema: z.literal(RESULT_SCHEMA_ID),
  scenario: z.looseObject({
    name: z.string(),
    file: z.string().nullable(),
    seed: Num,
    duration_s: Num,
    warmup_s: Num,
    measured_s: Num,
    slo: z.looseObject({ latency_ms: Num, percentile: Num, max_drop_rate: Num.optional() }),
    traffic: z.string(),
    profile: z.looseObject({ kind: z.string(), source: z.string(), extrapolation: z.string() }),
  }),
  candidates: z.array(CandidateSchema),
  frontier: z.array(z.string()).optional(),
  recommendation: z
    .looseObject({
      name: z.string().nullable(),
      reason: z.string(),
      runner_up: z.looseObject({ name: z.string(), why: z.string() }).nullable().optional(),
    })
    .nullable()
    .optional(),
});

/** Checks an already-parsed value (e.g. what `servetwin start` holds in memory). */
export function parseResult(raw: unknown, source: string): ReportResult {
  const schema = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).schema : undefined;
  if (schema !== RESULT_SCHEMA_ID) {
    throw new InputError(`${source}: expected a ${RESULT_SCHEMA_ID} result (from \`servetwin simulate --json\`), but its schema is ${describeValue(schema)}`, {
      source,
      path: 'schema',
      expected: RESULT_SCHEMA_ID,
      found: describeValue(schema),
    });
  }
  parseConfig(ResultSchema, raw, source);
  // Validated above for every field the report reads; the rest is passed through as it came.
  return raw as ReportResult;
}

/** Reads and checks a result file; every problem is an InputError naming the file. */
export function loadResult(file: string): ReportResult {
  const raw = readJsonFile(file, `a ${RESULT_SCHEMA_ID} JSON file`);
  return parseResult(raw, file);
}
