// The simulator's public entry: simulate(loaded scenario, options) → servetwin.result/v1. A pure
// function (no I/O, no clock): files are read beforehand by load-scenario.ts, and inputs and outputs
// are structured-cloneable so the sweep (issue 4) can run candidates in worker threads. Every
// candidate sees the same arrivals, network draws and service-time streams (common random numbers),
// so differences between candidates are the architecture's, not the dice's. Autoscalers, sites and
// edge/cloud placement are laid out by topology.ts and driven by run.ts; a profile's measured
// serving overhead becomes each replica's HTTP thread (frontend.ts).
import type { Candidate } from '../config/scenario.js';
import type { ParametricProfile, Profile } from '../config/profile.js';
import type { LoadedScenario } from './scenario/loaded-scenario.js';

export type { LoadedScenario } from './scenario/loaded-scenario.js';
import { serviceTimeFor, type ServiceTime } from './fleet/service-time.js';
import { InputError } from '../common/errors.js';
import { createArrivals } from './scenario/traffic/create-arrivals.js';
import { NetworkPath } from './scenario/network.js';
import { CandidateRun } from './run.js';
import type { RunTrace } from './core/run-trace.js';
import { summarize } from './summary.js';
import { Sites } from './scenario/sites.js';
import { scaledServiceTime, topologyOf, type CandidateCpus, type ServingOverheads } from './fleet/topology.js';
import { cpuModel, cpuSettings, maxThreads } from './fleet/cpu-model.js';
import type { CpuModel } from './fleet/host-cpu.js';
import { defaultSampleIntervalS } from './fleet/metrics/timeseries.js';
import { RESULT_SCHEMA_ID, type CandidateResult, type SimulationResult } from '../config/result.js';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Simulate only these candidates (by name), in the scenario's order. */
  candidates?: string[];
  /** Observer of every request and batch of a candidate (tests; slows the run). */
  trace?: (candidate: string) => RunTrace | undefined;
}

/** The candidates named by --candidate, in the scenario's order; all of them when none is named. */
export function selectCandidates(all: readonly Candidate[], wanted: readonly string[] | undefined): Candidate[] {
  if (!wanted || wanted.length === 0) return [...all];
  const unknown = wanted.filter((n) => !all.some((c) => c.name === n));
  if (unknown.length > 0) {
    throw new InputError(`--candidate: expected one of ${all.map((c) => JSON.stringify(c.name)).join(', ')}, got ${unknown.map((n) => JSON.stringify(n)).join(', ')}`, {
      source: '--candidate',
    });
  }
  return all.filter((c) => wanted.includes(c.name));
}

/** The `scenario` block of a result: what was simulated, with which seed and profile. */
export function scenarioInfo(loaded: LoadedScenario, seed: number): SimulationResult['scenario'] {
  const s = loaded.scenario;
  return {
    name: s.name,
    file: loaded.file,
    seed,
    duration_s: s.duration_s,
    warmup_s: s.warmup_s,
    measured_s: s.duration_s - s.warmup_s,
    slo: s.slo,
    traffic: s.traffic.arrivals.kind,
    profile: { kind: loaded.profile.kind, source: loaded.profileSource, extrapolation: serviceTimeFor(loaded.profile).extrapolation },
  };
}

export function simulate(loaded: LoadedScenario, options: SimulateOptions = {}): SimulationResult {
  const seed = options.seed ?? loaded.scenario.seed;
  const candidates = selectCandidates(loaded.scenario.candidates, options.candidates);
  return {
    schema: RESULT_SCHEMA_ID,
    scenario: scenarioInfo(loaded, seed),
    candidates: candidates.map((c) => simulateCandidate(loaded, c, seed, options.trace?.(c.name))),
  };
}

/** One candidate of a loaded scenario (the sweep calls this with candidates made from a grid). */
export function simulateCandidate(loaded: LoadedScenario, candidate: Candidate, seed = loaded.scenario.seed, trace?: RunTrace): CandidateResult {
  const s = loaded.scenario;
  const servingOverheads = servingOverheadsOf(loaded, candidate);
  const cpus = candidateCpus(loaded, candidate, servingOverheads);
  const serviceTime = serviceTimeFor(loaded.profile, { sharedCpus: cpus.cloud.model !== null });
  const routed = s.sites !== undefined || candidate.placement !== undefined;
  const sites = routed ? new Sites(s, seed) : null;
  const run = new CandidateRun({
    candidate,
    topology: topologyOf(candidate, serviceTime, edgeServiceTime(loaded, candidate, serviceTime), sites, servingOverheads, cpus),
    serviceTime,
    arrivals: createArrivals(s.traffic.arrivals, seed, loaded.trace),
    network: new NetworkPath(s.network, seed),
    sites,
    sitesDeclared: s.sites !== undefined,
    seed,
    durationMs: s.duration_s * 1000,
    warmupMs: s.warmup_s * 1000,
    sloMs: s.slo.latency_ms,
    itemsPerRequest: s.traffic.items_per_request,
    sampleIntervalMs: (s.metrics?.sample_interval_s ?? defaultSampleIntervalS(s.duration_s)) * 1000,
    trace,
  });
  run.run();
  return summarize(candidate, run, s.slo, s.network?.response_bytes_per_item ?? 0, s.sites);
}

/** The edge device's service time: its own profile, or the cloud's divided by speed_factor. */
function edgeServiceTime(loaded: LoadedScenario, candidate: Candidate, cloud: ServiceTime): ServiceTime | null {
  if (!runsEdge(candidate)) return null;
  const own = edgeProfile(loaded, candidate);
  return own === null ? scaledServiceTime(cloud, candidate.edge!.speed_factor ?? 1) : serviceTimeFor(own);
}

/** The serving overheads of the profiles the candidate's pools run (a frontend where there is one). */
function servingOverheadsOf(loaded: LoadedScenario, candidate: Candidate): ServingOverheads {
  const cloud = loaded.profile.serving_overhead;
  if (!runsEdge(candidate)) return cloud ? { cloud } : {};
  const own = edgeProfile(loaded, candidate);
  const edge = own === null ? cloud : own.serving_overhead;
  return {
    ...(cloud ? { cloud } : {}),
    ...(edge ? { edge } : {}),
    ...(own === null ? { edgeSpeed: candidate.edge!.speed_factor ?? 1 } : {}),
  };
}

/**
 * How the candidate's replicas share CPUs: the cloud's on its `cpus` (else the profile's calibrated
 * cores), with a co-located load generator when the scenario has a `client`; the edge's on its own
 * profile's cores. A scenario `client` needs a single fixed cloud replica (the generator's machine).
 */
function candidateCpus(loaded: LoadedScenario, candidate: Candidate, servingOverheads: ServingOverheads): CandidateCpus {
  const clientCpuMs = loaded.scenario.client?.cpu_ms_per_request ?? 0;
  if (clientCpuMs > 0 && (candidate.replicas !== 1 || candidate.autoscaler !== undefined || candidate.placement !== undefined)) {
    throw new InputError(`${loaded.file ?? 'scenario'}: client: a co-located load generator shares one replica's cores, but candidate ${JSON.stringify(candidate.name)} has ${candidate.autoscaler ? 'an autoscaler' : candidate.placement ? 'a placement' : `${candidate.replicas} replicas`}`, {
      source: loaded.file ?? 'scenario',
      path: 'client',
    });
  }
  const cloud = cpuSettings(loaded.profile, candidate.cpus, candidate.intra_op_threads);
  const cloudModel = cpuModel(cloud.cpus, cloud.interference, cloud.calibratedOn, maxThreads(candidate.instances, cloud, servingOverheads.cloud !== undefined, clientCpuMs > 0));
  let edge = { model: null as CpuModel | null, intraOpThreads: 1 };
  if (runsEdge(candidate)) {
    const own = edgeProfile(loaded, candidate) ?? loaded.profile;
    const settings = cpuSettings(own, undefined, undefined);
    edge = { model: cpuModel(settings.cpus, settings.interference, settings.calibratedOn, maxThreads(candidate.edge!.instances, settings, servingOverheads.edge !== undefined, false)), intraOpThreads: settings.intraOpThreads };
  }
  return { cloud: { model: cloudModel, intraOpThreads: cloud.intraOpThreads }, edge, clientCpuMs: cloudModel === null ? 0 : clientCpuMs };
}

function runsEdge(candidate: Candidate): boolean {
  return candidate.edge !== undefined && candidate.placement !== undefined && candidate.placement !== 'cloud_only';
}

/** The edge's own profile, or null when it runs the cloud's at speed_factor. */
function edgeProfile(loaded: LoadedScenario, candidate: Candidate): Profile | ParametricProfile | null {
  const profile = candidate.edge!.profile;
  if (profile === undefined) return null;
  if (!('file' in profile)) return profile;
  const found = loaded.profiles?.[profile.file];
  if (!found) {
    throw new InputError(`${loaded.file ?? 'scenario'}: candidates (${candidate.name}).edge.profile.file: expected a profile loaded with the scenario, but ${JSON.stringify(profile.file)} was not`, {
      source: loaded.file ?? 'scenario',
    });
  }
  return found;
}
