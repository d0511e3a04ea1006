// The served candidate's saturation throughput, measured: a ramp of short open-loop replays from
// well below an estimate (the profile's forward passes alone), each offering 1.25× the one before
// while the engine keeps up, or 1/1.25× while it is saturated — sheds requests or completes less
// than 95 % of what arrived — until the answer changes, then one replay between the last offer it
// kept up with and the first it did not. The figure is the most completed per second over the ramp. Not one replay far above capacity: offered twice
// its capacity the engine completes far less than its best (every shed request still costs its
// HTTP thread the body's ingress; measured here: 41/s completed of 422/s offered where 183/s of 190
// were served), and the simulator shows the same collapse.
import type { LoadedScenario } from '../../simulator/simulate.js';
import { runReplay, type ReplayOutcome } from '../../replay/run-replay.js';
import type { SendReport } from '../../replay/sender.js';
import type { Mode } from './modes.js';

/** A replay saturated the engine when it shed more than SHED_ABOVE of its requests, or completed less than SATURATED_BELOW of what arrived. */
export const SHED_ABOVE = 0.01;
export const SATURATED_BELOW = 0.95;
/** The ramp: its first offer as a share of the estimate, each next offer over the last, and its length at most. */
export const RAMP_FROM = 0.3;
export const RAMP_RATIO = 1.25;
export const RAMP_TRIES = 10;

export interface SaturationTry {
  offeredRps: number;
  completedRps: number;
  /** Share of the measured requests shed (503/429). */
  shed: number;
  /** The simulator's throughput for the same replay (its host included). */
  predictedRps: number;
  saturated: boolean;
  generatorLagP99Ms: number;
}

export interface Saturation {
  /** Measured saturation throughput: the most completed per second over the ramp, requests/s (NaN when no replay saturated the engine). */
  rps: number;
  /** The same reading of the prediction: the most it completed per second over the same ramp. */
  predictedRps: number;
  /** The estimate that set the first offer. */
  estimateRps: number;
  tries: SaturationTry[];
}

/** 200s answered within [fromMs, toMs) of the schedule's clock, per second. */
export function completionsPerSecond(records: SendReport['records'], fromMs: number, toMs: number): number {
  let n = 0;
  for (let i = 0; i < records.status.length; i++) {
    const done = records.doneMs[i]!;
    if (records.status[i] === 200 && done >= fromMs && done < toMs) n++;
  }
  return toMs > fromMs ? n / ((toMs - fromMs) / 1000) : 0;
}

/**
 * The ramp's next offer after `tries` (in order), or null when it is done: up by RAMP_RATIO while
 * every try kept up, down while every try saturated, and once the answer changed, one offer at the
 * geometric middle of the bracket; RAMP_TRIES at most.
 */
export function nextRampOffer(tries: readonly Pick<SaturationTry, 'offeredRps' | 'saturated'>[], estimateRps: number): number | null {
  if (tries.length === 0) return RAMP_FROM * estimateRps;
  if (tries.length >= RAMP_TRIES) return null;
  const changed = tries.findIndex((t) => t.saturated !== tries[0]!.saturated);
  const last = tries[tries.length - 1]!;
  if (changed === -1) return tries[0]!.saturated ? last.offeredRps / RAMP_RATIO : last.offeredRps * RAMP_RATIO;
  // The answer changed between the two last offers: their geometric middle, once.
  return changed === tries.length - 1 ? Math.sqrt(tries[changed - 1]!.offeredRps * last.offeredRps) : null;
}

export async function measureSaturation(opts: {
  at: (rps: number) => LoadedScenario;
  mode: Mode;
  estimateRps: number;
  before: () => Promise<unknown>;
  log: (line: string) => void;
}): Promise<Saturation> {
  const tries: SaturationTry[] = [];
  const attempt = async (offer: number): Promise<SaturationTry> => {
    await opts.before();
    const loaded = opts.at(offer);
    const outcome: ReplayOutcome = await runReplay({ loaded, serve: true, cores: opts.mode.cores });
    const s = loaded.scenario;
    const completedRps = completionsPerSecond(outcome.sent.records, s.warmup_s * 1000, s.duration_s * 1000);
    const { measured, outcomes } = outcome.sent;
    const saturated = outcomes.rejected > SHED_ABOVE * measured || completedRps < SATURATED_BELOW * (measured / (s.duration_s - s.warmup_s));
    const t: SaturationTry = {
      offeredRps: offer,
      completedRps,
      shed: measured > 0 ? outcomes.rejected / measured : 0,
      predictedRps: outcome.report.predicted.throughput_rps,
      saturated,
      generatorLagP99Ms: outcome.report.generator.lag_ms.p99,
    };
    tries.push(t);
    opts.log(`offered ${offer.toFixed(0)}/s: completed ${completedRps.toFixed(1)}/s, shed ${(t.shed * 100).toFixed(1)} % (predicted ${t.predictedRps.toFixed(1)}/s)${t.saturated ? ', saturated' : ''}; generator p99 lag ${t.generatorLagP99Ms.toFixed(1)} ms`);
    return t;
  };
  for (let offer = nextRampOffer([], opts.estimateRps); offer !== null; offer = nextRampOffer(tries, opts.estimateRps)) await attempt(offer);
  const most = (f: (t: SaturationTry) => number) => Math.max(...tries.map(f));
  return { rps: tries.some((t) => t.saturated) ? most((t) => t.completedRps) : Number.NaN, predictedRps: most((t) => t.predictedRps), estimateRps: opts.estimateRps, tries };
}
