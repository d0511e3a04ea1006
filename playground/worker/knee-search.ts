// The knee by simulation, in the worker: `servetwin capacity`'s own search (planner/capacity-search.ts,
// bracketing then bisection in log space, with checks below the edge) over the run's load scaled as
// a whole (planner/traffic-scale.ts, the same scaling and the same seed and streams at every level),
// passing where the run meets its SLO. Each level tried is reported as it ends — its offered rate,
// p99 and verdict: the latency-against-load curve the explain view draws — then the outcome.
import { DEFAULT_BELOW_EDGE_CHECKS, searchEdge, type SearchOutcome } from '../../planner/capacity-search.js';
import { scaleArrivals } from '../../planner/traffic-scale.js';
import { simulate } from '../../simulator/simulate.js';
import { loadedScenarioOf, ticking } from './run-job.js';
import type { Probe, Run } from './messages.js';

/** The bounds and tolerance of `servetwin capacity` (planner/capacity.ts LOAD_BOUNDS, DEFAULT_TOLERANCE; a test keeps them equal). */
export const KNEE_BOUNDS: [number, number] = [1 / 64, 64];
export const KNEE_TOLERANCE = 0.02;

/**
 * Searches the load the run's configuration takes; `onProbe` is told of each level as it ends, and
 * `check` is called every few thousand requests inside one: either may throw to stop the search.
 */
export async function searchKnee(run: Pick<Run, 'scenario' | 'profile'>, onProbe: (p: Probe) => void, check: (() => void) | null = null): Promise<SearchOutcome> {
  const loaded = loadedScenarioOf(run);
  const s = loaded.scenario;
  const trace = check && ticking(check);
  return searchEdge(
    async (level) => {
      const arrivals = scaleArrivals(s.traffic.arrivals, level);
      const started = performance.now();
      const r = simulate({ ...loaded, scenario: { ...s, traffic: { ...s.traffic, arrivals } } }, trace ? { trace: () => trace } : {}).candidates[0]!;
      onProbe({ level, offered_rps: r.requests.arrived / (s.duration_s - s.warmup_s), p99_ms: r.latency_ms.p99, drop_rate: r.drop_rate, slo_met: r.slo_met, wall_ms: performance.now() - started });
      return r.slo_met;
    },
    { min: KNEE_BOUNDS[0], max: KNEE_BOUNDS[1], start: 1, tolerance: KNEE_TOLERANCE, below: DEFAULT_BELOW_EDGE_CHECKS },
  );
}
