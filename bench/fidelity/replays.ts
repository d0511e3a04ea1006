// Runs of the live engine for the figure: a scenario replayed N times in a mode, as `replay --serve
// --repeat N` does (a fresh engine per replay, seeds seed…seed+N−1, the prediction on the same
// seeds: replay/repeat-statistics.ts), and the knee's probe, which replays a rate on the same seeds
// until one misses the SLO. Each replay may first wait for a quiet machine (bench/fidelity/quiet.ts).
import type { LoadedScenario } from '../../simulator/simulate.js';
import { runReplay, type ReplayOutcome } from '../../replay/run-replay.js';
import { fidelityRepeats, describeRun, type FidelityRepeats } from '../../replay/repeat-statistics.js';
import type { FidelityReport } from '../../replay/fidelity.js';
import type { Mode } from './modes.js';

export interface RepeatedReplay {
  repeats: FidelityRepeats;
  /** Idle share of the CPUs before each replay (NaN when not waited for). */
  idle: number[];
  /** The host the first replay's prediction was told about (cores; the generator's CPU when co-located). */
  host: ReplayOutcome['host'];
}

export interface ReplayContext {
  mode: Mode;
  before: () => Promise<number>;
  log: (line: string) => void;
}

/** `replay --serve --repeat n` of `loaded` in the context's mode. */
export async function replayRepeated(loaded: LoadedScenario, n: number, ctx: ReplayContext): Promise<RepeatedReplay> {
  const reports: FidelityReport[] = [];
  const idle: number[] = [];
  let host: ReplayOutcome['host'] | undefined;
  for (let i = 0; i < n; i++) {
    idle.push(await ctx.before());
    const outcome = await runReplay({ loaded, serve: true, seed: loaded.scenario.seed + i, cores: ctx.mode.cores });
    host ??= outcome.host;
    reports.push(outcome.report);
    ctx.log(describeRun(outcome.report, i, n));
  }
  return { repeats: fidelityRepeats(reports), idle, host: host! };
}

export interface ProbeRun {
  seed: number;
  p99Ms: number;
  predictedP99Ms: number;
  valid: boolean;
}

/** Replays `loaded` on seeds seed, seed+1, … (at most n) and stops at the first whose p99 misses `sloMs`. */
export async function probeRate(loaded: LoadedScenario, n: number, sloMs: number, ctx: ReplayContext): Promise<{ pass: boolean; runs: ProbeRun[] }> {
  const runs: ProbeRun[] = [];
  for (let i = 0; i < n; i++) {
    await ctx.before();
    const { report } = await runReplay({ loaded, serve: true, seed: loaded.scenario.seed + i, cores: ctx.mode.cores });
    runs.push({ seed: report.scenario.seed, p99Ms: report.measured.latency_ms.p99, predictedP99Ms: report.predicted.latency_ms.p99, valid: report.valid_for_fidelity });
    if (!(report.measured.latency_ms.p99 <= sloMs)) return { pass: false, runs };
  }
  return { pass: true, runs };
}
