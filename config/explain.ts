// The explanation (`servetwin.explain/v1`), declared once: what `servetwin explain --json` writes,
// built by explain/explain.ts from a scenario, its profile, a result and optionally a replay's
// fidelity report, and rendered by reports/explain-*.ts. Every figure that a formula, the
// simulation and a live measurement can each give sits in a `Columns` triple, so a reader sees
// where they agree and where they part; a formula whose assumptions do not hold says why instead
// of giving a number. Times in ms, rates per second, shares as fractions.
import * as z from 'zod';

export const EXPLAIN_SCHEMA_ID = 'servetwin.explain/v1';

const Num = z.number();
const NonNegative = z.number().min(0);
const Maybe = Num.nullable();

function declareExplanation() {
  const Columns = z
    .strictObject({
      formula: Maybe.describe('From the closed forms and the profile (null: no formula applies, or it has no input).'),
      simulated: Maybe.describe("From the simulator's result."),
      measured: Maybe.describe('From a live replay (servetwin.fidelity), when one was given and measured it.'),
    })
    .describe('One figure three ways: the formula, the simulation, the live engine.')
    .meta({ id: 'ExplainColumns' });

  const Load = z
    .strictObject({
      offered_rps: NonNegative.describe("Requests per second offered to this pool: the scenario's mean rate over the measured window (for tiers and traces, the simulation's count)."),
      offered_from: z.string().describe('Where offered_rps comes from.'),
      peak_rps: Maybe.describe('The highest rate the traffic reaches (its busiest state, step or spike), for time-varying traffic.'),
      arrived_rps: NonNegative.describe("Requests per second that arrived in the simulation's measured window."),
      items_per_request: z.int().min(1),
      pools: z.int().min(1).describe('Identical pools the figures stand for (edge: one per site; cloud: 1).'),
      replicas: NonNegative.describe('Ready replicas per pool, time-averaged over the window (the fixed count without an autoscaler).'),
      per_replica_rps: NonNegative.describe('λ per replica: offered_rps / pools / replicas.'),
    })
    .meta({ id: 'ExplainLoad' });

  const ServiceRow = z
    .strictObject({
      batch_size: z.int().min(1).describe('Items in the batch.'),
      mean_ms: NonNegative.describe('S(b): mean time the batch holds an instance.'),
      scv: Maybe.describe("Cs² of that time (null: the profile cannot tell, see the service's scv_note)."),
      items_per_s: NonNegative.describe('b / S(b): one instance running such batches back to back.'),
    })
    .meta({ id: 'ExplainServiceRow' });

  const Service = z
    .strictObject({
      source: z.string().describe('What S(b) is: the profile, with any serving overhead, edge speed or CPU model.'),
      rows: z.array(ServiceRow),
      scv_note: z.string().nullable(),
    })
    .meta({ id: 'ExplainService' });

  const Station = z
    .strictObject({
      name: z.enum(['instances', 'http_thread', 'cpus']),
      label: z.string(),
      servers: NonNegative.describe('Servers per replica: instances, 1 HTTP thread, or cores.'),
      work_ms_per_request: NonNegative.describe("Busy time one request costs the station (per server), ms."),
      capacity_rps: Maybe.describe('Requests per second one replica of this station can take (ρ = 1).'),
      utilization: Columns.describe('ρ: the busy share of its servers.'),
      note: z.string().nullable(),
    })
    .meta({ id: 'ExplainStation' });

  const ClosedForm = z
    .strictObject({
      formula: z.enum(['erlang_c', 'pollaczek_khinchine', 'allen_cunneen']),
      model: z.string().describe('Kendall notation of the queue the formula solves.'),
      source: z.string().describe('Where the formula is published.'),
      assumptions: z.array(z.string()),
      broken: z.array(z.string()).describe('Assumptions this candidate breaks: the number is then only a reference, or absent.'),
      applicable: z.boolean().describe('False when a broken assumption removes the model altogether (batching, autoscaling, non-stationary or correlated arrivals, several servers for P–K, ρ ≥ 1, unknown inputs).'),
      why_empty: z.string().nullable().describe('Why wait_ms is null.'),
      p_wait: Maybe.describe('Probability that a request waits (M/M/c, Allen–Cunneen).'),
      wait_ms: Maybe.describe('Mean wait in queue Wq, ms.'),
      sojourn_ms: Maybe.describe('Wq + S, ms.'),
    })
    .meta({ id: 'ExplainClosedForm' });

  const ClosedForms = z
    .strictObject({
      servers: z.int().min(1).describe('c: instances per replica, each replica its own queue.'),
      arrival_rps: NonNegative.describe('λ per replica.'),
      service_ms: NonNegative.describe('E[S] of one request alone (a batch of items_per_request).'),
      utilization: NonNegative.describe('ρ = λ E[S] / c.'),
      ca2: Maybe.describe("Arrivals' squared coefficient of variation at one replica (null: not a renewal stream)."),
      cs2: Maybe.describe("Service time's squared coefficient of variation (the profile's)."),
      index_of_dispersion: Maybe.describe('I(∞) of the arrivals, for bursty traffic (Poisson: 1).'),
      arrivals_note: z.string(),
      forms: z.array(ClosedForm),
      wait_ms: Columns.describe('Mean wait in the batcher queue: the best applicable formula (Allen–Cunneen, else Erlang C or P–K), the simulation, a replay.'),
      sojourn_ms: Columns.describe('Queue + instance time.'),
    })
    .meta({ id: 'ExplainClosedForms' });

  const Batching = z
    .strictObject({
      max_batch_size: z.int().min(1),
      max_queue_delay_ms: NonNegative,
      batch_limit_requests: z.int().min(1).describe('Requests in a batch before it goes at once: max_batch_size (or the smallest preferred size) / items_per_request.'),
      window_batch_requests: NonNegative.describe('Expected requests the delay window collects at this rate when an instance is free: E[min(1 + N, limit)], N ~ Poisson(λ · delay).'),
      window_wait_ms: NonNegative.describe('Mean time a request waits for its batch to fill or the delay to pass, when an instance is free (light load).'),
      mean_batch_items: Columns.describe('Mean batch size in items: the window at light load, the simulation, a replay.'),
      throughput_rps: z
        .strictObject({
          unbatched: NonNegative.describe('Requests per second one instance serves one at a time.'),
          at_mean_batch: Maybe.describe("At the simulation's mean batch size."),
          at_full_batch: NonNegative.describe('With every batch full.'),
        })
        .describe('Throughput per instance, requests/s.'),
      gain: Maybe.describe('at_mean_batch / unbatched: what batching bought per instance.'),
      split: z
        .strictObject({
          recorded: z.boolean().describe('Whether the result records the split (results of older simulators do not).'),
          queue_ms: NonNegative.describe("The simulation's whole wait in the batcher, mean."),
          batch_wait_ms: Maybe.describe('Of it, time spent while an instance of the replica was free: waiting for the batch to fill or the delay to pass.'),
          instance_wait_ms: Maybe.describe('Of it, time spent with every instance busy.'),
        })
        .describe("The batcher wait split in two, from the simulator's instrumentation."),
      notes: z.array(z.string()),
    })
    .meta({ id: 'ExplainBatching' });

  const Pool = z
    .strictObject({
      tier: z.enum(['cloud', 'edge']),
      label: z.string(),
      load: Load,
      service: Service,
      stations: z.array(Station),
      bottleneck: z.strictObject({ station: z.string(), utilization: NonNegative, stable: z.boolean() }).describe('The station with the highest ρ by formula; stable when below 1.'),
      closed_forms: ClosedForms,
      batching: Batching,
    })
    .meta({ id: 'ExplainPool' });

  const LittlesLaw = z
    .strictObject({
      intervals: z.int().min(0).describe('Time-series intervals in the measured window that were averaged.'),
      throughput_rps: NonNegative.describe('λ: completions per second.'),
      in_system: z.strictObject({ series: Maybe, lambda_w: Maybe, relative_error: Maybe }).describe('L from the time series (queue_depth + in_service) against λ · (queue_ms + compute_ms).'),
      in_queue: z.strictObject({ series: Maybe, lambda_w: Maybe, relative_error: Maybe }).describe('Lq from queue_depth against λ · queue_ms.'),
      note: z.string(),
    })
    .meta({ id: 'ExplainLittlesLaw' });

  const BudgetPart = z
    .strictObject({
      part: z.enum(['network', 'batch_wait', 'queue', 'forward_pass', 'serving_overhead']),
      label: z.string(),
      ms: Columns,
    })
    .meta({ id: 'ExplainBudgetPart' });

  const NetworkLeg = z
    .strictObject({
      site: z.string().nullable(),
      tier: z.enum(['edge', 'cloud']),
      share: NonNegative.describe('Share of the traffic sent from this site.'),
      rtt_ms: NonNegative.describe('Mean propagation round trip.'),
      transfer_ms: NonNegative.describe('Request and response payload ÷ bandwidth, both ways.'),
    })
    .meta({ id: 'ExplainNetworkLeg' });

  const LatencyBudget = z
    .strictObject({
      parts: z.array(BudgetPart).describe('Means add up where percentiles do not: the parts of the mean end-to-end latency.'),
      total_ms: Columns,
      network: z.array(NetworkLeg),
      notes: z.array(z.string()),
    })
    .meta({ id: 'ExplainLatencyBudget' });

  const Cost = z
    .strictObject({
      pricing: z.string().describe('provisioned, serverless, or tiers (each priced on its own).'),
      replica_per_hour_usd: Maybe.describe('What one replica costs an hour (spot discount applied).'),
      replicas_billed: NonNegative.describe('Replicas billed on average: replica-seconds / window.'),
      per_hour_usd: Columns.describe('formula: replicas × price; simulated: the planner\'s price of the run.'),
      per_million_requests_usd: Maybe.describe('per hour / (throughput × 3600) × 10⁶.'),
      autoscaling: z
        .strictObject({
          peak_replicas: NonNegative,
          always_on_per_hour_usd: NonNegative.describe('Holding the peak replica count all the time.'),
          saved_per_hour_usd: Num.describe('always_on − what it paid.'),
          saved_share: Maybe,
          zero_share: Maybe.describe('Share of the window with no replica at all (scale to zero).'),
        })
        .nullable(),
      notes: z.array(z.string()),
    })
    .meta({ id: 'ExplainCost' });

  const Why = z
    .strictObject({
      outcome: z.enum(['recommended', 'rejected', 'no_recommendation']),
      constraint: z.enum(['drops', 'latency', 'price', 'tie']).nullable().describe('The one constraint that rejected it, by the attribution rule (null for the winner).'),
      detail: z.string(),
    })
    .meta({ id: 'ExplainWhy' });

  const CandidateExplanation = z
    .strictObject({
      name: z.string(),
      summary: z.string().describe('The architecture in one line.'),
      slo_met: z.boolean(),
      pools: z.array(Pool),
      littles_law: LittlesLaw,
      latency_budget: LatencyBudget,
      cost: Cost,
      why: Why,
      fidelity: z.string().nullable().describe('The fidelity file whose measurements fill the measured columns, if any.'),
    })
    .meta({ id: 'ExplainCandidate' });

  const Explanation = z
    .strictObject({
      schema: z.literal(EXPLAIN_SCHEMA_ID),
      scenario: z.strictObject({
        name: z.string(),
        file: z.string().nullable(),
        seed: z.int().min(0),
        seeds: z.int().min(1).describe('Seeds each candidate was judged on.'),
        measured_s: z.number().positive(),
        traffic: z.string(),
        profile: z.strictObject({ kind: z.string(), source: z.string() }),
        slo: z.strictObject({ latency_ms: z.number().positive(), percentile: z.number(), max_drop_rate: NonNegative }),
      }),
      attribution_rule: z.string().describe('How the one constraint that rejected a candidate is chosen.'),
      recommendation: z.strictObject({ name: z.string().nullable(), reason: z.string() }).nullable(),
      candidates: z.array(CandidateExplanation),
      notes: z.array(z.string()),
    })
    .describe('servetwin.explain/v1: the closed forms beside the simulation beside the measurement, per candidate, and why the winner won.');

  return { Columns, Station, ClosedForm, Pool, CandidateExplanation, Explanation };
}

type Schemas = ReturnType<typeof declareExplanation>;
let schemas: Schemas | undefined;

/** Built on first use: only `explain` pays for it. */
export function explanationSchemas(): Schemas {
  return (schemas ??= declareExplanation());
}

export type Columns = z.output<Schemas['Columns']>;
export type Station = z.output<Schemas['Station']>;
export type ClosedForm = z.output<Schemas['ClosedForm']>;
export type PoolExplanation = z.output<Schemas['Pool']>;
export type CandidateExplanation = z.output<Schemas['CandidateExplanation']>;
export type Explanation = z.output<Schemas['Explanation']>;
export type ClosedForms = PoolExplanation['closed_forms'];
export type BatchingExplanation = PoolExplanation['batching'];
export type LittlesLawCheck = CandidateExplanation['littles_law'];
export type LatencyBudget = CandidateExplanation['latency_budget'];
export type CostExplanation = CandidateExplanation['cost'];
export type WhyExplanation = CandidateExplanation['why'];

export const EXPLAIN_JSON_SCHEMA_PATH = 'schemas/explain.schema.json';

/** The JSON Schema of `servetwin explain --json`, for tools that read it. */
export function explainJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(explanationSchemas().Explanation, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}
