// `servetwin capacity`: for each candidate of a scenario (its grid expanded, --candidate, --shard),
// the highest level at which it meets the SLO on every seed — the load multiplier, or with --burst
// the MMPP's peak-to-trough ratio at the same mean rate — by planner/capacity-search.ts, each level
// simulated on the sweep's worker pool (planner/sweep.ts) with the traffic changed by
// planner/traffic-scale.ts. Reports the rates there (planner/traffic-rates.ts), headroom, cost and
// QPS per $/hour, and why it breaks just above (planner/attribution.ts), as servetwin.capacity/v1.
import { InputError } from '../common/errors.js';
import type { Arrivals, Candidate } from '../config/scenario.js';
import type { CandidateResult } from '../config/result.js';
import { CAPACITY_SCHEMA_ID, type CandidateCapacity, type CapacityProbe, type CapacityResult } from '../config/capacity.js';
import { scenarioInfo, selectCandidates, type LoadedScenario } from '../simulator/simulate.js';
import { ATTRIBUTION_RULE } from './attribution.js';
import { DEFAULT_BELOW_EDGE_CHECKS, searchEdge, type SearchOutcome } from './capacity-search.js';
import { paretoFrontier } from './frontier.js';
import { expandCandidates, meanInstances, priceCandidate, seedList } from './plan.js';
import { shardPositions, type Shard } from './shard.js';
import { openSweepPool, type SweepPool } from './sweep.js';
import { RATE_DEFINITIONS, trafficRates, type TrafficRates } from './traffic-rates.js';
import { LOAD_SCALING, burstArrivals, peakToTrough, requireMmpp, scaleArrivals } from './traffic-scale.js';

export const DEFAULT_TOLERANCE = 0.02;
export const LOAD_BOUNDS: [number, number] = [1 / 64, 64];
export const BURST_BOUNDS: [number, number] = [1, 1024];

export interface CapacityOptions {
  seed?: number;
  seeds?: number;
  candidates?: string[];
  shard?: Shard;
  workers: number;
  /** Relative width of the final bracket, in (0, 0.5]; 0.02 by default. */
  tolerance?: number;
  /** Search the MMPP's peak-to-trough ratio at the scenario's mean rate instead of the load. */
  burst?: boolean;
  /** May a trace be time-compressed (true by default)? Without it a trace's load cannot be scaled. */
  compress?: boolean;
  /** Called as each candidate's search ends. */
  onCandidate?: (done: number, total: number, name: string) => void;
}

/** An option's value checked, or an InputError naming its flag. */
export function checkTolerance(tolerance: number): number {
  if (!(typeof tolerance === 'number' && tolerance > 0 && tolerance <= 0.5)) {
    throw new InputError(`--tolerance: expected a number in (0, 0.5] (0.02 is 2 %), got ${String(tolerance)}`, { source: '--tolerance', expected: '(0, 0.5]', found: String(tolerance) });
  }
  return tolerance;
}

/** Level → the traffic at that level, and what a level means. */
interface Levels {
  mode: 'load' | 'burst';
  describe: string;
  arrivals: (level: number) => Arrivals;
  bounds: [number, number];
  start: number;
  /** The scenario's own level (headroom = sustainable / own); null when it has none (a silent MMPP state). */
  own: number | null;
}

function levelsOf(loaded: LoadedScenario, options: CapacityOptions): Levels {
  const source = loaded.file ?? 'scenario';
  const arrivals = loaded.scenario.traffic.arrivals;
  if (options.burst) {
    const mmpp = requireMmpp(arrivals, source, '--burst');
    const own = peakToTrough(mmpp);
    const [min, max] = BURST_BOUNDS;
    return {
      mode: 'burst',
      describe: 'the MMPP’s peak-to-trough ratio (highest state rate over lowest) at the scenario’s mean rate, dwell times fixed',
      arrivals: (ratio) => burstArrivals(mmpp, ratio),
      bounds: BURST_BOUNDS,
      start: Math.min(Math.max(Number.isFinite(own) ? own : max, min), max),
      own: Number.isFinite(own) ? own : null,
    };
  }
  if (arrivals.kind === 'trace' && options.compress === false) {
    throw new InputError(`--no-compress: ${source}: traffic.arrivals is a trace, whose load can only be scaled by compressing its time (rate_scale); drop --no-compress, or search a scenario with rate-driven traffic`, {
      source: '--no-compress',
      path: 'traffic.arrivals.kind',
    });
  }
  return { mode: 'load', describe: 'a multiplier of the scenario’s load (1: as written)', arrivals: (m) => scaleArrivals(arrivals, m), bounds: LOAD_BOUNDS, start: 1, own: 1 };
}

/** 6 significant digits: levels come from bisection and read better rounded. */
const sig = (x: number) => Number(x.toPrecision(6));
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** One level of one candidate on every seed, with both cost figures (the axis is chosen at the end). */
interface Tried {
  probe: Omit<CapacityProbe, 'cost'>;
  usdPerHour: number;
  instances: number;
  failingSeed: number | null;
  arrivals: Arrivals;
  /** The architecture as the simulator reports it (defaults filled in). */
  config: CandidateResult['config'];
}

export async function findCapacity(loaded: LoadedScenario, options: CapacityOptions): Promise<CapacityResult> {
  const s = loaded.scenario;
  const source = loaded.file ?? 'scenario';
  const tolerance = checkTolerance(options.tolerance ?? DEFAULT_TOLERANCE);
  const levels = levelsOf(loaded, options);
  const all = selectCandidates(expandCandidates(s, source), options.candidates);
  const positions = shardPositions(all.length, options.shard);
  const mine = positions.map((p) => all[p]!);
  const seeds = seedList(s, options);
  const window = { startS: s.warmup_s, endS: s.duration_s };
  const rates = (arrivals: Arrivals): TrafficRates => trafficRates(arrivals, window, loaded.trace);
  const own = rates(s.traffic.arrivals);
  const measuredS = s.duration_s - s.warmup_s;

  const pool = await openSweepPool(loaded, options.workers, mine.length * seeds.length);
  let done = 0;
  let searched: { candidate: Candidate; outcome: SearchOutcome; tried: Map<number, Tried>; breaks: CandidateCapacity['breaks'] }[];
  try {
    searched = await Promise.all(
      mine.map(async (candidate) => {
        const tried = new Map<number, Tried>();
        const probe = async (level: number): Promise<boolean> => {
          const arrivals = levels.arrivals(level);
          const results = await Promise.all(seeds.map((seed) => pool.run({ candidate, seed, arrivals })));
          const t = tryLevel(candidate, level, arrivals, results, seeds, rates(arrivals), loaded, measuredS);
          tried.set(level, t);
          return t.probe.slo_met;
        };
        const outcome = await searchEdge(probe, {
          min: levels.bounds[0],
          max: levels.bounds[1],
          start: levels.start,
          tolerance,
          below: DEFAULT_BELOW_EDGE_CHECKS,
        });
        const breaks = await whyItBreaks(pool, candidate, outcome, tried);
        options.onCandidate?.(++done, mine.length, candidate.name);
        return { candidate, outcome, tried, breaks };
      }),
    );
  } finally {
    await pool.close();
  }

  const priced = searched.some(({ tried }) => [...tried.values()].some((t) => t.usdPerHour > 0));
  const candidates = searched.map(({ candidate, outcome, tried, breaks }, i): CandidateCapacity => {
    const probes = [...tried.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => ({ ...t.probe, cost: round4(priced ? t.usdPerHour : t.instances) }));
    const at = outcome.sustainable === null ? null : levelIn(tried, outcome.sustainable);
    const costAt = at ? (priced ? at.usdPerHour : at.instances) : null;
    const first = levelIn(tried, levels.start);
    return {
      name: candidate.name,
      position: positions[i]!,
      config: first.config,
      status: outcome.status,
      level: outcome.sustainable === null ? null : sig(outcome.sustainable),
      edge_level: outcome.edge === null ? null : sig(outcome.edge),
      breaks_at_level: outcome.breaks_at === null ? null : sig(outcome.breaks_at),
      failures_below: outcome.failures_below.map(sig),
      sustainable_mean_rps: at ? round4(at.probe.offered_mean_rps) : null,
      sustainable_peak_rps: at ? round4(at.probe.offered_peak_rps) : null,
      headroom: outcome.sustainable === null || levels.own === null ? null : sig(outcome.sustainable / levels.own),
      cost_at_level: costAt === null ? null : round4(costAt),
      qps_per_usd_per_hour: at && priced && at.usdPerHour > 0 ? round4(at.probe.offered_mean_rps / at.usdPerHour) : null,
      breaks,
      probes,
    };
  });
  return {
    schema: CAPACITY_SCHEMA_ID,
    scenario: scenarioInfo(loaded, seeds[0]!),
    seeds,
    search: {
      mode: levels.mode,
      level: levels.describe,
      bounds: [sig(levels.bounds[0]), sig(levels.bounds[1])],
      start: sig(levels.start),
      tolerance,
      below_edge_checks: [...DEFAULT_BELOW_EDGE_CHECKS],
      scaling: levels.mode === 'load' ? LOAD_SCALING : 'each MMPP state’s deviation from the mean rate stretched by one factor (the mean and dwell times kept); the same seeds and random streams at every level',
      rates: RATE_DEFINITIONS,
      attribution: ATTRIBUTION_RULE,
    },
    traffic: {
      kind: s.traffic.arrivals.kind,
      mean_rps: round4(own.mean_rps),
      peak_rps: round4(own.peak_rps),
      peak_to_trough: s.traffic.arrivals.kind === 'mmpp' && Number.isFinite(peakToTrough(s.traffic.arrivals)) ? sig(peakToTrough(s.traffic.arrivals)) : null,
    },
    ...(options.shard ? { shard: { index: options.shard.index, count: options.shard.count, total_candidates: all.length } } : {}),
    cost_axis: priced ? 'usd_per_hour' : 'instances',
    candidates,
    frontier: capacityFrontier(candidates),
  };
}

/** Candidates no other beats on both cost at their level and sustainable level, cheapest first. */
export function capacityFrontier(candidates: readonly CandidateCapacity[]): string[] {
  return paretoFrontier(
    candidates.filter((c) => c.level !== null && c.cost_at_level !== null).map((c) => ({ name: c.name, cost: c.cost_at_level!, latency: -c.level! })),
  );
}

function tryLevel(candidate: Candidate, level: number, arrivals: Arrivals, results: CandidateResult[], seeds: readonly number[], offered: TrafficRates, loaded: LoadedScenario, measuredS: number): Tried {
  const worst = (f: (r: CandidateResult) => number) => round4(Math.max(...results.map(f)));
  const mean = (f: (r: CandidateResult) => number) => results.reduce((sum, r) => sum + f(r), 0) / results.length;
  const failing = results.findIndex((r) => !r.slo_met);
  return {
    probe: {
      level: sig(level),
      offered_mean_rps: round4(offered.mean_rps),
      offered_peak_rps: round4(offered.peak_rps),
      slo_met: failing < 0,
      p50_ms: worst((r) => r.latency_ms.p50),
      p99_ms: worst((r) => r.latency_ms.p99),
      latency_at_slo_percentile_ms: worst((r) => r.latency_at_slo_percentile_ms),
      seeds: results.map((r, j) => ({
        seed: seeds[j]!,
        slo_met: r.slo_met,
        slo_attainment: r.slo_attainment,
        drop_rate: r.drop_rate,
        latency_at_slo_percentile_ms: r.latency_at_slo_percentile_ms,
        p50_ms: r.latency_ms.p50,
        p99_ms: r.latency_ms.p99,
      })),
    },
    usdPerHour: mean((r) => priceCandidate(candidate, r, loaded.scenario).per_hour_usd),
    instances: mean((r) => meanInstances(r, measuredS)),
    failingSeed: failing < 0 ? null : seeds[failing]!,
    arrivals,
    config: results[0]!.config,
  };
}

/** What was found at `level` (the search gives back the levels it tried, to the last bit). */
function levelIn(tried: Map<number, Tried>, level: number): Tried {
  const exact = tried.get(level);
  if (exact) return exact;
  for (const [l, t] of tried) if (Math.abs(l - level) <= 1e-9 * level) return t;
  throw new Error(`capacity: level ${level} was not tried`);
}

/** The attribution at the first failing level above the edge, on the first seed that failed there. */
async function whyItBreaks(pool: SweepPool, candidate: Candidate, outcome: SearchOutcome, tried: Map<number, Tried>): Promise<CandidateCapacity['breaks']> {
  if (outcome.breaks_at === null) return null;
  const at = levelIn(tried, outcome.breaks_at);
  if (at.failingSeed === null) return null;
  const { attribution } = await pool.runAttributed({ candidate, seed: at.failingSeed, arrivals: at.arrivals });
  const shares = Object.fromEntries(Object.entries(attribution.shares).map(([k, v]) => [k, round4(v)]));
  return { reason: attribution.reason, text: attribution.text, level: sig(outcome.breaks_at), seed: at.failingSeed, late_requests: attribution.late_requests, shares };
}
