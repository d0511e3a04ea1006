// The predicted side of the knee: every rate of the grid simulated on the seeds the measurement
// uses, with the host as the replays found it (the engine's cores; the generator's CPU per request
// when it shared them), exactly as replay predicts one run (replay/run-replay.ts).
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import { applyOverhead } from '../../replay/overhead.js';
import { withPredictionHost, type PredictionHost } from '../../replay/placement.js';

/** The p99 the simulator predicts for `loaded` on each seed, ms. */
export function predictedP99s(loaded: LoadedScenario, host: PredictionHost, seeds: readonly number[]): number[] {
  const scenario = applyOverhead(withPredictionHost(loaded, host), null);
  return seeds.map((seed) => simulate(scenario, { seed }).candidates[0]!.latency_ms.p99);
}

/** For each grid rate, the p99 on every seed and whether all of them meet `sloMs`. */
export function predictGrid(at: (rps: number) => LoadedScenario, grid: readonly number[], host: PredictionHost, seeds: readonly number[], sloMs: number): { p99s: number[][]; passes: boolean[] } {
  const p99s = grid.map((rps) => predictedP99s(at(rps), host, seeds));
  return { p99s, passes: p99s.map((ps) => ps.every((p) => p <= sloMs)) };
}
