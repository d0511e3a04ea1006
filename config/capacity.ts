// The capacity result (`servetwin.capacity/v1`), declared once: what `servetwin capacity --json`
// writes (planner/capacity.ts builds it), what `report --capacity` and `merge` read back
// (config/capacity-file.ts), and the JSON Schema schemas/capacity.schema.json. Per candidate: the
// highest level at which it meets the SLO on every seed (a load multiplier, or with --burst an MMPP's
// peak-to-trough ratio), the rates and cost there, why it breaks just above, and every level the
// search tried, which the latency-vs-load chart draws. Plain JSON, byte-identical for equal inputs.
import * as z from 'zod';
import { writtenResultSchemas } from './result.js';

export const CAPACITY_SCHEMA_ID = 'servetwin.capacity/v1';

const NonNegative = z.number().min(0);
const Positive = z.number().positive();
const Fraction = z.number().min(0).max(1);
const Count = z.int().min(0);

export const BREAK_REASON_IDS = ['instance_queue', 'batch_wait', 'http_thread', 'network', 'drops', 'scale_up', 'max_replicas', 'compute'] as const;

function declareCapacity() {
  const result = writtenResultSchemas();

  const SeedPoint = z
    .strictObject({
      seed: Count,
      slo_met: z.boolean(),
      slo_attainment: Fraction,
      drop_rate: Fraction,
      latency_at_slo_percentile_ms: NonNegative,
      p50_ms: NonNegative,
      p99_ms: NonNegative,
    })
    .describe('One seed at one level.')
    .meta({ id: 'CapacitySeedPoint' });

  const Probe = z
    .strictObject({
      level: Positive.describe('The level tried (see search.level).'),
      offered_mean_rps: NonNegative.describe('The traffic at this level: its mean rate (see search.rates).'),
      offered_peak_rps: NonNegative.describe('Its peak rate.'),
      slo_met: z.boolean().describe('Met the SLO on every seed.'),
      p50_ms: NonNegative.describe('End-to-end p50, worst seed, ms.'),
      p99_ms: NonNegative.describe('End-to-end p99, worst seed, ms.'),
      latency_at_slo_percentile_ms: NonNegative.describe("Latency at the SLO's percentile, worst seed, ms."),
      cost: NonNegative.describe("What it cost at this level, mean over the seeds, in the result's cost_axis units ($/hour, or instances held)."),
      seeds: z.array(SeedPoint),
    })
    .describe('One level the search tried.')
    .meta({ id: 'CapacityProbe' });

  const Breaks = z
    .strictObject({
      reason: z.enum(BREAK_REASON_IDS).describe('Why it breaks, by search.attribution.'),
      text: z.string().describe('The reason in words, with the figure behind it.'),
      level: Positive.describe('The level it was read at: the first failing one above the edge (the lowest bound when nothing passed).'),
      seed: Count.describe('The seed it was read on: the first that failed there.'),
      late_requests: Count.describe('Requests slower than the SLO (in flight past it included) on that run.'),
      shares: z.record(z.string(), Fraction).describe("Share of the late requests' summed time in each part."),
    })
    .describe('Why the candidate breaks at the edge.')
    .meta({ id: 'CapacityBreaks' });

  const CandidateCapacity = z
    .strictObject({
      name: z.string(),
      position: Count.describe('Position in the full (unsharded) candidate list.'),
      config: result.CandidateResult.shape.config,
      status: z
        .enum(['found', 'none', 'at_bound', 'non_monotone'])
        .describe(
          'found: meets the SLO up to `level` and not just above; none: no sustainable load (misses it even at the lowest bound); at_bound: meets it at the highest bound (capacity ≥ bound); non_monotone: a level below the bisection\'s edge failed, so `level` is the highest one with every level tried below it passing.',
        ),
      level: Positive.nullable().describe('The sustainable level (null: none).'),
      edge_level: Positive.nullable().describe("The bisection's edge (differs from level only when non_monotone)."),
      breaks_at_level: Positive.nullable().describe('The lowest failing level above `level` (null at the upper bound).'),
      failures_below: z.array(Positive).describe("Levels below the bisection's edge that failed (non_monotone)."),
      sustainable_mean_rps: NonNegative.nullable().describe('The mean rate at `level`.'),
      sustainable_peak_rps: NonNegative.nullable().describe('The peak rate at `level`.'),
      headroom: Positive.nullable().describe("`level` over the scenario's own: how many times its load (or its burstiness) the candidate takes."),
      cost_at_level: NonNegative.nullable().describe('What it costs running at `level` (cost_axis units; for an autoscaled candidate its mean).'),
      qps_per_usd_per_hour: NonNegative.nullable().describe('sustainable_mean_rps per $/hour at `level` (null when unpriced).'),
      breaks: Breaks.nullable().describe('Why it breaks just above `level` (null when at the upper bound).'),
      probes: z.array(Probe).describe('Every level tried, lowest first.'),
    })
    .describe("One candidate's capacity.")
    .meta({ id: 'CandidateCapacity' });

  const CapacityResult = z
    .strictObject({
      schema: z.literal(CAPACITY_SCHEMA_ID).describe('Version of the capacity format.'),
      scenario: result.SimulationResult.shape.scenario,
      seeds: z.array(Count).describe('Seeds every level was simulated on; the SLO must hold on all of them.'),
      search: z
        .strictObject({
          mode: z.enum(['load', 'burst']).describe('load: the traffic scaled as a whole; burst (--burst): an MMPP made burstier at the same mean rate.'),
          level: z.string().describe('What a level is, in words.'),
          bounds: z.tuple([Positive, Positive]).describe('Lowest and highest level tried.'),
          start: Positive.describe('The first level tried: the scenario as written.'),
          tolerance: Positive.describe('Bisection stops when the failing level is within this factor above the passing one (0.02: 2 %).'),
          below_edge_checks: z.array(Positive).describe('Fractions of the edge also tried below it, for non-monotone candidates.'),
          scaling: z.string().describe('How the traffic is changed from level to level.'),
          rates: z.string().describe('How the mean and peak rates are defined.'),
          attribution: z.string().describe('The rule that names why a candidate breaks.'),
        })
        .describe('How the search was run: the definitions every figure below rests on.'),
      traffic: z
        .strictObject({
          kind: z.string(),
          mean_rps: NonNegative.describe("The scenario's own mean rate."),
          peak_rps: NonNegative.describe('Its peak rate.'),
          peak_to_trough: Positive.nullable().describe("An MMPP's highest state rate over its lowest (null: not an MMPP, or a silent state)."),
        })
        .describe('The traffic as the scenario writes it (level 1 of a load search).'),
      shard: z
        .strictObject({ index: z.int().min(1), count: z.int().min(1), total_candidates: Count })
        .optional()
        .describe('Present when only a slice of the candidates was searched (`--shard i/N`).'),
      cost_axis: z.enum(['usd_per_hour', 'instances']).describe('Units of the costs: $/hour, or instances held when the scenario gives no prices.'),
      candidates: z.array(CandidateCapacity),
      frontier: z.array(z.string()).describe('Candidates no other beats on both cost at its level (lower) and sustainable level (higher), cheapest first.'),
    })
    .describe('servetwin.capacity/v1, as `servetwin capacity --json` writes it.');

  return { SeedPoint, Probe, Breaks, CandidateCapacity, CapacityResult };
}

type CapacitySchemas = ReturnType<typeof declareCapacity>;
let schemas: CapacitySchemas | undefined;

/** Built on first use (building schemas costs start-up time). */
export function capacitySchemas(): CapacitySchemas {
  return (schemas ??= declareCapacity());
}

export type CapacitySeedPoint = z.output<CapacitySchemas['SeedPoint']>;
export type CapacityProbe = z.output<CapacitySchemas['Probe']>;
export type CapacityBreaks = z.output<CapacitySchemas['Breaks']>;
export type CandidateCapacity = z.output<CapacitySchemas['CandidateCapacity']>;
export type CapacityResult = z.output<CapacitySchemas['CapacityResult']>;

export const CAPACITY_JSON_SCHEMA_PATH = 'schemas/capacity.schema.json';

export function capacityJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(capacitySchemas().CapacityResult, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
