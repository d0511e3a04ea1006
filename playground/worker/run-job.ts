// One run of the simulation worker, as a plain function (tests run it in Node): the scenario is
// validated again by the scenario schema, given the profile the page resolved (no file is read:
// a browser has none), and simulated by the simulator itself — the same simulate() the CLI runs,
// on the scenario's seed or another. A watched run has latency-over-time.ts watching every request
// for the timeline and for progress, and scaling-over-time.ts every scaling decision.
import { parseConfig } from '../../config/validate.js';
import { ScenarioSchema } from '../../config/scenario.js';
import { InputError } from '../../common/errors.js';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import { serviceTimeFor } from '../../simulator/fleet/service-time.js';
import type { SimulationResult } from '../../config/result.js';
import { LatencyOverTime, bucketSeconds } from './latency-over-time.js';
import { ScalingWatch } from './scaling-over-time.js';
import type { Run, SoFar, Watched } from './messages.js';
import type { RunTrace } from '../../simulator/core/run-trace.js';

/** A scenario object and its profile as the simulator takes them: what loadScenario() gives from files. */
export function loadedScenarioOf(run: Pick<Run, 'scenario' | 'profile'>, source = 'scenario'): LoadedScenario {
  const scenario = parseConfig(ScenarioSchema, run.scenario, source);
  if (!('file' in scenario.profile)) return { scenario, file: null, profile: scenario.profile, profileSource: 'inline' };
  if (run.profile === null) throw new InputError(`${source}: profile.file: expected the profile ${JSON.stringify(scenario.profile.file)} to come with the scenario, but it did not`, { source, path: 'profile.file' });
  return { scenario, file: null, profile: run.profile, profileSource: scenario.profile.file };
}

export interface RunOutcome {
  result: SimulationResult;
  /** The timelines of a watched run; null otherwise. */
  watched: Watched | null;
}

/** Counts requests and calls `tick` every 4096 of them: what lets an unwatched run be stopped (about a tenth of its time). */
export function ticking(tick: () => void): RunTrace {
  let seen = 0;
  return {
    onRequest() {
      if ((++seen & 4095) === 0) tick();
    },
    onBatch() {},
  };
}

/**
 * Runs one run. `onProgress` is called every few thousand requests, offered a watched run's figures
 * so far (null for an unwatched run); it decides (from the wall clock) whether they are worth
 * sending, and may throw to stop the run.
 */
export function runJob(run: Pick<Run, 'scenario' | 'profile' | 'watch' | 'seed'>, onProgress: ((partial: (() => SoFar) | null) => void) | null = null): RunOutcome {
  const loaded = loadedScenarioOf(run);
  const seed = run.seed;
  if (!run.watch) {
    const trace = onProgress && ticking(() => onProgress(null));
    return { result: simulate(loaded, { seed, ...(trace ? { trace: () => trace } : {}) }), watched: null };
  }
  const { duration_s, warmup_s } = loaded.scenario;
  const candidate = loaded.scenario.candidates[0]!;
  let watcher: LatencyOverTime | null = null;
  const partial = (): SoFar => ({ simulated_s: watcher!.latestMs / 1000, duration_s, ...watcher!.soFar(), overTime: watcher!.overTime(watcher!.latestMs) });
  const bucketMs = bucketSeconds(duration_s) * 1000;
  const scaling = candidate.autoscaler ? new ScalingWatch(bucketMs, duration_s * 1000, serviceTimeFor(loaded.profile).coldStartMs) : null;
  watcher = new LatencyOverTime(duration_s * 1000, warmup_s * 1000, onProgress && (() => onProgress(partial)), scaling);
  const result = simulate(loaded, { seed, trace: () => watcher! });
  return { result, watched: { overTime: watcher.overTime(), scaling: scaling?.result() ?? null } };
}
