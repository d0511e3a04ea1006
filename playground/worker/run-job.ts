// One job of the simulation worker, as a plain function (tests run it in Node): the scenario is
// validated again by the scenario schema, given the profile the page resolved (no file is read:
// a browser has none), and simulated by the simulator itself — the same simulate() the CLI runs —
// with latency-over-time.ts watching every request for the timeline and for progress.
import { parseConfig } from '../../config/validate.js';
import { ScenarioSchema } from '../../config/scenario.js';
import { InputError } from '../../common/errors.js';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import type { SimulationResult } from '../../config/result.js';
import { LatencyOverTime } from './latency-over-time.js';
import type { Job, OverTime, SoFar } from './messages.js';

/** A scenario object and its profile as the simulator takes them: what loadScenario() gives from files. */
export function loadedScenarioOf(job: Pick<Job, 'scenario' | 'profile'>, source = 'scenario'): LoadedScenario {
  const scenario = parseConfig(ScenarioSchema, job.scenario, source);
  if (!('file' in scenario.profile)) return { scenario, file: null, profile: scenario.profile, profileSource: 'inline' };
  if (job.profile === null) throw new InputError(`${source}: profile.file: expected the profile ${JSON.stringify(scenario.profile.file)} to come with the scenario, but it did not`, { source, path: 'profile.file' });
  return { scenario, file: null, profile: job.profile, profileSource: scenario.profile.file };
}

export interface JobOutcome {
  result: SimulationResult;
  overTime: OverTime;
}

/**
 * Runs a job. `onProgress` is offered the figures so far every few thousand requests; it decides
 * (from the wall clock) whether they are worth sending, and may throw to stop the run.
 */
export function runJob(job: Pick<Job, 'scenario' | 'profile'>, onProgress: ((partial: () => SoFar) => void) | null = null): JobOutcome {
  const loaded = loadedScenarioOf(job);
  const { duration_s, warmup_s } = loaded.scenario;
  let watcher: LatencyOverTime | null = null;
  const partial = (): SoFar => ({ simulated_s: watcher!.latestMs / 1000, duration_s, ...watcher!.soFar(), overTime: watcher!.overTime(watcher!.latestMs) });
  watcher = new LatencyOverTime(duration_s * 1000, warmup_s * 1000, onProgress && (() => onProgress(partial)));
  const result = simulate(loaded, { trace: () => watcher! });
  return { result, overTime: watcher.overTime() };
}
