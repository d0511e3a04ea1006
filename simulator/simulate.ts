// The simulator's public entry: simulate(loaded scenario, options) → servetwin.result/v1. A pure
// function (no I/O, no clock): files are read beforehand by load-scenario.ts, and inputs and outputs
// are structured-cloneable so the sweep (issue 4) can run candidates in worker threads. Every
// candidate sees the same arrivals, network draws and service-time streams (common random numbers),
// so differences between candidates are the architecture's, not the dice's.
import type { Candidate, Scenario } from '../config/scenario.js';
import type { ParametricProfile, Profile } from '../config/profile.js';
import { serviceTimeFor } from '../calibration/service-time.js';
import { InputError } from '../common/errors.js';
import { createArrivals } from './traffic/arrival-process.js';
import type { TraceData } from './traffic/trace.js';
import { NetworkPath } from './network.js';
import { CandidateRun } from './run.js';
import type { RunTrace } from './run-trace.js';
import { summarize } from './metrics/summary.js';
import { defaultSampleIntervalS } from './metrics/timeseries.js';
import { RESULT_SCHEMA_ID, type CandidateResult, type SimulationResult } from './result.js';

/** A validated scenario with what its files hold, ready to simulate without touching the disk. */
export interface LoadedScenario {
  scenario: Scenario;
  /** The scenario file as named by the user, or null when built in memory. */
  file: string | null;
  profile: Profile | ParametricProfile;
  /** `inline` or the profile file as written in the scenario. */
  profileSource: string;
  trace?: TraceData;
}

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Simulate only these candidates (by name), in the scenario's order. */
  candidates?: string[];
  /** Observer of every request and batch of a candidate (tests; slows the run). */
  trace?: (candidate: string) => RunTrace | undefined;
}

export function simulate(loaded: LoadedScenario, options: SimulateOptions = {}): SimulationResult {
  const s = loaded.scenario;
  const seed = options.seed ?? s.seed;
  let candidates = s.candidates;
  if (options.candidates && options.candidates.length > 0) {
    const wanted = options.candidates;
    const unknown = wanted.filter((n) => !candidates.some((c) => c.name === n));
    if (unknown.length > 0) {
      throw new InputError(`--candidate: expected one of ${candidates.map((c) => JSON.stringify(c.name)).join(', ')}, got ${unknown.map((n) => JSON.stringify(n)).join(', ')}`, {
        source: '--candidate',
      });
    }
    candidates = candidates.filter((c) => wanted.includes(c.name));
  }
  const serviceTime = serviceTimeFor(loaded.profile);
  return {
    schema: RESULT_SCHEMA_ID,
    scenario: {
      name: s.name,
      file: loaded.file,
      seed,
      duration_s: s.duration_s,
      warmup_s: s.warmup_s,
      measured_s: s.duration_s - s.warmup_s,
      slo: s.slo,
      traffic: s.traffic.arrivals.kind,
      profile: { kind: loaded.profile.kind, source: loaded.profileSource, extrapolation: serviceTime.extrapolation },
    },
    candidates: candidates.map((c) => simulateCandidate(loaded, c, seed, options.trace?.(c.name))),
  };
}

/** One candidate of a loaded scenario (the sweep calls this with candidates made from a grid). */
export function simulateCandidate(loaded: LoadedScenario, candidate: Candidate, seed = loaded.scenario.seed, trace?: RunTrace): CandidateResult {
  const s = loaded.scenario;
  const run = new CandidateRun({
    candidate,
    serviceTime: serviceTimeFor(loaded.profile),
    arrivals: createArrivals(s.traffic.arrivals, seed, loaded.trace),
    network: new NetworkPath(s.network, seed),
    seed,
    durationMs: s.duration_s * 1000,
    warmupMs: s.warmup_s * 1000,
    sloMs: s.slo.latency_ms,
    itemsPerRequest: s.traffic.items_per_request,
    sampleIntervalMs: (s.metrics?.sample_interval_s ?? defaultSampleIntervalS(s.duration_s)) * 1000,
    trace,
  });
  return summarize(candidate, run.run(), s.slo);
}
