// The planner's whole question for one scenario: expand the grid, simulate every candidate on
// every seed (in parallel, or one shard of them), price each run, find the cost/latency Pareto
// frontier and recommend the cheapest candidate that meets the SLO on every seed. Returns
// servetwin.result/v1 extended with `cost`, `seeds`, `frontier` and `recommendation`; `merge`
// re-judges shard results with the same functions.
import type { Candidate, Scenario } from '../config/scenario.js';
import { CandidateSchema } from '../config/scenario.js';
import { parseConfig } from '../config/validate.js';
import { InputError } from '../common/errors.js';
import { scenarioInfo, selectCandidates, type LoadedScenario } from '../simulator/simulate.js';
import { RESULT_SCHEMA_ID, type CandidateResult, type PlannedCandidate, type PlanResult } from '../config/result.js';
import { expandGrid } from './grid.js';
import { inputsSha256, shardPositions, type Shard } from './shard.js';
import { servetwinVersion } from '../common/servetwin-files.js';
import { openSweepPool, runSweep } from './sweep.js';
import { priceCandidate } from './cost.js';

// Pricing a candidate is cost.ts's (the browser playground prices with it); re-exported for the planner's callers.
export { priceCandidate, usageOf } from './cost.js';
import { paretoFrontier } from './frontier.js';
import { recommend } from './recommend.js';
import { recommendationMargin } from './margin.js';
import { hasCalibrationIntervals } from './calibration-spread.js';
import { servingConfigFor } from '../config/serving-translation.js';

export interface PlanOptions {
  seed?: number;
  /** How many seeds each candidate must pass on; defaults to scenario.sweep.seeds, else 3 with a grid and 1 without. */
  seeds?: number;
  candidates?: string[];
  shard?: Shard;
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

/** The concrete candidates of a scenario: each declared one, times the grid. */
export function expandCandidates(scenario: Scenario, source: string): Candidate[] {
  const raw = expandGrid(scenario.candidates, scenario.grid, source);
  const names = new Set<string>();
  return raw.map((c, i) => {
    const candidate = parseConfig(CandidateSchema, c, `${source} (grid candidate ${i + 1}, ${String(c.name)})`);
    if (names.has(candidate.name)) {
      throw new InputError(`${source}: grid: two candidates are both named ${JSON.stringify(candidate.name)}; give the templates distinct names`, { source });
    }
    names.add(candidate.name);
    return candidate;
  });
}

/** The scenario with exactly `candidates` (no grid): same traffic, profile and seed. For `check --config` and replay. */
export function withCandidates(loaded: LoadedScenario, candidates: Candidate[]): LoadedScenario {
  return { ...loaded, scenario: { ...loaded.scenario, candidates, grid: undefined } };
}

export function seedList(scenario: Scenario, options: Pick<PlanOptions, 'seed' | 'seeds'>): number[] {
  const first = options.seed ?? scenario.seed;
  const count = options.seeds ?? scenario.sweep?.seeds ?? (scenario.grid ? 3 : 1);
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Prices, judges and ranks simulated candidates; shared by plan() and merge. */
export function judgeCandidates(
  loaded: Pick<LoadedScenario, 'scenario' | 'profile'>,
  candidates: readonly Candidate[],
  positions: readonly number[],
  results: readonly CandidateResult[][],
  seeds: readonly number[],
): PlannedCandidate[] {
  const s = loaded.scenario;
  return candidates.map((candidate, i) => {
    const runs = results[i]!;
    const primary = runs[0]!;
    return {
      ...primary,
      position: positions[i]!,
      cost: priceCandidate(candidate, primary, s),
      seeds: runs.map((r, j) => ({
        seed: seeds[j]!,
        slo_attainment: r.slo_attainment,
        drop_rate: r.drop_rate,
        latency_at_slo_percentile_ms: r.latency_at_slo_percentile_ms,
        utilization: r.utilization,
        slo_met: r.slo_met,
      })),
      serving_config: servingConfigFor(candidate, loaded.profile),
    };
  });
}

/** Instances provisioned on average over the window: the hardware a candidate holds. */
export function meanInstances(c: Pick<CandidateResult, 'config' | 'tiers' | 'replica_seconds'>, measuredS: number): number {
  if (measuredS <= 0) return 0;
  const edgeInstances = (c.config as { edge?: { instances: number } }).edge?.instances ?? 1;
  if (c.tiers) {
    const edge = (c.tiers.edge?.replica_seconds ?? 0) * edgeInstances;
    const cloud = (c.tiers.cloud?.replica_seconds ?? 0) * c.config.instances;
    return (edge + cloud) / measuredS;
  }
  return (c.replica_seconds / measuredS) * c.config.instances;
}

/**
 * Frontier and recommendation over planned candidates (the whole sweep, or a merge of its shards).
 * Candidates are ranked by $/hour; when no candidate has a price, by the instances they hold, so
 * a scenario without prices still gets "the smallest configuration that meets the SLO".
 */
export function conclude(
  candidates: readonly PlannedCandidate[],
  scenario: Pick<Scenario, 'slo' | 'duration_s' | 'warmup_s'>,
): Pick<PlanResult, 'frontier' | 'recommendation' | 'cost_axis'> {
  const measuredS = scenario.duration_s - scenario.warmup_s;
  const priced = candidates.some((c) => c.cost.per_hour_usd > 0);
  const cost = (c: PlannedCandidate) => (priced ? c.cost.per_hour_usd : meanInstances(c, measuredS));
  const frontier = paretoFrontier(candidates.map((c) => ({ name: c.name, cost: cost(c), latency: c.latency_at_slo_percentile_ms })));
  const rec = recommend(
    candidates.map((c) => ({ name: c.name, cost_per_hour_usd: c.cost.per_hour_usd, resources: meanInstances(c, measuredS), seeds: c.seeds })),
    { latency_ms: scenario.slo.latency_ms, percentile: scenario.slo.percentile, max_drop_rate: scenario.slo.max_drop_rate },
  );
  const winner = candidates.find((c) => c.name === rec.name);
  const seedCount = candidates[0]?.seeds.length ?? 0;
  let reason = rec.reason;
  if (rec.name && !priced) reason += ' No prices were given (scenario `cost`), so candidates were ranked by the instances they hold.';
  if (rec.name && seedCount === 1) reason += ' Judged on one seed only: set sweep.seeds (or --seeds) to 3 or more for a firmer answer.';
  const margin = recommendationMargin(
    candidates.map((c) => ({ name: c.name, cost: cost(c), seeds: c.seeds, ...(c.calibration_high ? { calibration_high: c.calibration_high } : {}) })),
    rec.name,
    { latency_ms: scenario.slo.latency_ms, max_drop_rate: scenario.slo.max_drop_rate },
    (x) => (priced ? `$${x.toFixed(x < 1 ? 4 : 2)}/h` : `${x.toFixed(1)} instances`),
  );
  return {
    cost_axis: priced ? 'usd_per_hour' : 'instances',
    frontier,
    recommendation: { name: rec.name, reason, runner_up: rec.runner_up, serving_config: winner ? winner.serving_config : null, margin },
  };
}

/**
 * When the profile records 95 % intervals: each candidate that met the SLO on every seed, run again
 * on every seed with the profile at their slow end (`calibration_high`), for the close-call test.
 * Per candidate, so a shard does it for its own and merge gives the bytes of one run.
 */
async function checkCalibrationSpread(loaded: LoadedScenario, candidates: readonly Candidate[], planned: PlannedCandidate[], seeds: readonly number[], workers: number): Promise<void> {
  if (!hasCalibrationIntervals(loaded.profile)) return;
  const passing = planned.map((p, i) => ({ p, candidate: candidates[i]! })).filter(({ p }) => p.seeds.every((s) => s.slo_met));
  if (passing.length === 0) return;
  const pool = await openSweepPool(loaded, workers, passing.length * seeds.length);
  try {
    await Promise.all(
      passing.map(async ({ p, candidate }) => {
        const runs = await Promise.all(seeds.map((seed) => pool.run({ candidate, seed, profile: 'ci95_high' })));
        p.calibration_high = {
          latency_at_slo_percentile_ms: Math.max(...runs.map((r) => r.latency_at_slo_percentile_ms)),
          slo_met: runs.every((r) => r.slo_met),
        };
      }),
    );
  } finally {
    await pool.close();
  }
}

export async function plan(loaded: LoadedScenario, options: PlanOptions): Promise<PlanResult> {
  const s = loaded.scenario;
  const source = loaded.file ?? 'scenario';
  const all = selectCandidates(expandCandidates(s, source), options.candidates);
  const positions = shardPositions(all.length, options.shard);
  const mine = positions.map((p) => all[p]!);
  const seeds = seedList(s, options);
  const run = await runSweep(loaded, mine, seeds, { workers: options.workers, onProgress: options.onProgress });
  const candidates = judgeCandidates(loaded, mine, positions, run.results, seeds);
  await checkCalibrationSpread(loaded, mine, candidates, seeds, options.workers);
  return {
    schema: RESULT_SCHEMA_ID,
    scenario: scenarioInfo(loaded, seeds[0]!),
    seeds,
    ...(options.shard
      ? {
          shard: {
            index: options.shard.index,
            count: options.shard.count,
            total_candidates: all.length,
            servetwin_version: servetwinVersion(),
            inputs_sha256: inputsSha256({ scenario: s, profile: loaded.profile, profiles: loaded.profiles ?? null, trace: loaded.trace ?? null, candidates: all }),
          },
        }
      : {}),
    candidates,
    ...conclude(candidates, s),
  };
}
