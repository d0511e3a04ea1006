// One task of a sweep: a candidate simulated on one seed, on the scenario as loaded or on a variant
// of it — other arrivals (capacity: the load scaled, an MMPP made burstier) or the profile at the
// slow end of its confidence intervals (the calibration's spread). Runs the same in a worker thread
// (planner/sweep-worker.ts) and in this thread (workers = 0), so both give the same bytes.
import type { Arrivals, Candidate } from '../config/scenario.js';
import type { CandidateResult } from '../config/result.js';
import { simulateCandidate, type LoadedScenario } from '../simulator/simulate.js';
import { AttributionTrace, attribute, type Attribution } from './attribution.js';
import { pessimisticProfile } from './calibration-spread.js';

export interface SweepTask {
  candidate: Candidate;
  seed: number;
  /** Replaces the scenario's traffic.arrivals. */
  arrivals?: Arrivals;
  /** `ci95_high`: the profile at the slow end of its 95 % intervals (planner/calibration-spread.ts). */
  profile?: 'ci95_high';
}

export interface AttributedRun {
  result: CandidateResult;
  attribution: Attribution;
}

const pessimistic = new WeakMap<object, LoadedScenario>();

/** The scenario the task asks for. */
export function taskScenario(loaded: LoadedScenario, task: SweepTask): LoadedScenario {
  let out = loaded;
  if (task.profile === 'ci95_high') {
    let cached = pessimistic.get(loaded);
    if (!cached) {
      const profile = pessimisticProfile(loaded.profile);
      if (!profile) throw new Error('a ci95_high task on a profile without confidence intervals');
      cached = { ...loaded, profile };
      pessimistic.set(loaded, cached);
    }
    out = cached;
  }
  if (task.arrivals) {
    const s = out.scenario;
    out = { ...out, scenario: { ...s, traffic: { ...s.traffic, arrivals: task.arrivals } } };
  }
  return out;
}

export function runTask(loaded: LoadedScenario, task: SweepTask): CandidateResult {
  return simulateCandidate(taskScenario(loaded, task), task.candidate, task.seed);
}

/** The task's run with its trace, and why it missed the SLO (planner/attribution.ts). */
export function runAttributed(loaded: LoadedScenario, task: SweepTask): AttributedRun {
  const scenario = taskScenario(loaded, task);
  const s = scenario.scenario;
  const trace = new AttributionTrace(s.warmup_s * 1000, s.duration_s * 1000, s.slo.latency_ms);
  const result = simulateCandidate(scenario, task.candidate, task.seed, trace);
  return { result, attribution: attribute(trace, result, { candidate: task.candidate, slo: s.slo, warmupMs: s.warmup_s * 1000, endMs: s.duration_s * 1000 }) };
}
