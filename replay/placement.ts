// Where a replay's engines and load generator ran, and what the prediction must therefore model:
// pinned to disjoint cores (the generator out of the engine's way), or sharing them (the generator
// then enters the prediction as a co-located consumer, scenario `client`, with the CPU it was
// measured to spend per request). Either way the candidate predicted gets the cores each engine
// process had (`cpus`). Also when a run is valid for fidelity: the generator kept its schedule.
// The cores themselves are decided by the caller (cli/cpu-pinning.ts); used by replay/run-replay.ts.
import type { Candidate } from '../config/scenario.js';
import type { LoadedScenario } from '../simulator/simulate.js';

/** Where the engine processes and the generator run, as the caller arranged it. */
export interface ReplayCores {
  /** Engines and generator on disjoint cores. */
  pinned: boolean;
  /** The cores each engine process may use: one list per replica, or one list that all share. */
  engines: number[][];
  /** The cores the generator (this process) may use. */
  generator: number[];
  /** Cores per replica the prediction gives the candidate: the engine's list's size, less under a CPU quota. */
  cpus: number;
  /** The command an engine on `cpus` starts under (e.g. taskset -c 1); [] when unpinned. */
  launchPrefix(cpus: readonly number[]): string[];
}

/** The report's account of it (servetwin.fidelity/v2 `placement`). */
export interface Placement {
  /** The engines and the generator ran on disjoint cores (--engine-cpus, --generator-cpus). */
  pinned: boolean;
  /** Each engine process (one per replica): its URL, pid, the cores the kernel let it use, and the measured requests it was sent. */
  engines: { url: string; pid: number | null; cpus: number[] | null; requests: number }[];
  /** Cores per replica: what the prediction gave the candidate as `cpus` (null when not known: an engine replay did not start). */
  engine_cores: number | null;
  /** The cores the generator may use (null when not known). */
  generator_cpus: number[] | null;
  /** The generator's CPU (every thread) over the measured window, per request sent in it, ms. */
  generator_cpu_ms_per_request: number;
  /** The prediction counted the generator as a consumer of the engine's cores (scenario `client`). */
  client_in_prediction: boolean;
}

/** Share of the SLO's latency the generator's p99 lag may reach before a run is invalid for fidelity. */
export const LAG_SHARE_OF_SLO = 0.05;
/** The limit never goes below this: the clock thread alone lags a few tenths of a millisecond. */
export const MIN_LAG_LIMIT_MS = 1;

/**
 * The p99 send lag above which a run is invalid for fidelity: `given`, else 5 % of the SLO's
 * latency (at least 1 ms). Latency counts from the scheduled send, so a generator that lags by x
 * adds up to x to every measured figure; at 5 % of the SLO it alone could move a p99 near the SLO
 * by the 5 % that counts as a tight interval (replay/repeat-statistics.ts).
 */
export function lagLimitMs(loaded: LoadedScenario, given?: number): number {
  return given ?? Math.max(MIN_LAG_LIMIT_MS, LAG_SHARE_OF_SLO * loaded.scenario.slo.latency_ms);
}

/** Loopback: a target on this machine, whose engine shares the generator's cores unless told otherwise. */
export function isLoopback(url: URL): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
}

export interface PredictionHost {
  /** Cores per replica to predict with (null: leave the candidate's own). */
  cpus: number | null;
  /** The generator's CPU per request when it shares the engine's cores (null: it does not). */
  clientCpuMsPerRequest: number | null;
}

/**
 * What the prediction is told about the host, and the notes a reader needs about it. Only a
 * measured profile describes this host's CPU (a parametric or imported one has no CPU model), and
 * the scenario's `client` is for a single replica.
 */
export function predictionHost(
  loaded: LoadedScenario,
  candidate: Candidate,
  facts: { cores: ReplayCores | null; coLocated: boolean; generatorCpuMsPerRequest: number },
): { host: PredictionHost; notes: string[] } {
  const notes: string[] = [];
  if (loaded.profile.kind !== 'measured') {
    const kind = loaded.profile.kind === 'imported' ? 'imported (measured elsewhere)' : `parametric (${loaded.profile.kind})`;
    if (facts.cores) notes.push(`the profile is ${kind}, so the prediction has no CPU model: the engine's ${facts.cores.cpus} core(s) and the generator's CPU are not in it`);
    return { host: { cpus: null, clientCpuMsPerRequest: null }, notes };
  }
  const cpus = facts.cores?.cpus ?? null;
  if (cpus !== null && candidate.cpus !== undefined && candidate.cpus !== cpus) {
    notes.push(`the candidate's cpus ${candidate.cpus} is replaced in the prediction by the ${cpus} core(s) each engine had`);
  }
  if (facts.cores && candidate.replicas > 1 && facts.cores.engines.length < candidate.replicas) {
    notes.push(
      `the ${candidate.replicas} engine processes shared the same ${facts.cores.engines[0]!.length} core(s), but the simulator gives each replica cores of its own: the prediction is optimistic${facts.cores.pinned ? `; give --engine-cpus a multiple of ${candidate.replicas} cores to give each its share` : ''}`,
    );
  }
  let client: number | null = null;
  if (facts.coLocated) {
    if (candidate.replicas === 1) client = facts.generatorCpuMsPerRequest;
    else notes.push(`the generator shared the cores of ${candidate.replicas} engines; the prediction models a co-located generator only beside one replica, so it leaves it out`);
  }
  return { host: { cpus, clientCpuMsPerRequest: client }, notes };
}

/**
 * The scenario predicted: the candidate with its cores, and the generator as a consumer when it
 * shared them (a `client` the scenario gave is replaced by what was measured, or dropped).
 */
export function withPredictionHost(loaded: LoadedScenario, host: PredictionHost): LoadedScenario {
  const { client: _given, ...s } = loaded.scenario;
  return {
    ...loaded,
    scenario: {
      ...s,
      candidates: host.cpus === null ? s.candidates : s.candidates.map((c) => ({ ...c, cpus: host.cpus! })),
      ...(host.clientCpuMsPerRequest === null ? {} : { client: { cpu_ms_per_request: host.clientCpuMsPerRequest } }),
    },
  };
}
