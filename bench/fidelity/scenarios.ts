// The scenarios of the figure (issue #8 item 5), built in the run because their rates are shares of
// the served candidate's saturation throughput as measured here: the bundled ppocr-cls model, one
// candidate of one or two instances with batches of up to 8, a 2 ms window and a queue of 256, a
// p99 SLO of 50 ms; Poisson at ~25, 50, 70 and 85 % busy, two instances at ~60 %, and a bursty MMPP
// whose peaks are 4× its trough around ~55 % on average. Each is also written as YAML beside the
// profile it used, so a reader can replay any row with `servetwin replay FILE --serve`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import type { LoadedScenario } from '../../simulator/simulate.js';

export const SLO_MS = 50;
export const BATCHING = { max_batch_size: 8, max_queue_delay_ms: 2, max_queue_size: 256 } as const;
/** MMPP: the burst state's rate over the calm state's, and each state's mean dwell. */
export const BURST_PEAK_OVER_TROUGH = 4;
export const BURST_DWELL_S = 1;

export interface FidelityCase {
  /** Short name, the table's first column. */
  key: string;
  instances: 1 | 2;
  traffic: 'poisson' | 'bursty';
  /** Mean offered rate over the candidate's measured saturation throughput. */
  busy: number;
  /** First seed; repeats use seed, seed + 1, … */
  seed: number;
}

export const CASES: readonly FidelityCase[] = [
  { key: 'light', instances: 1, traffic: 'poisson', busy: 0.25, seed: 101 },
  { key: 'busy-50', instances: 1, traffic: 'poisson', busy: 0.5, seed: 201 },
  { key: 'busy-70', instances: 1, traffic: 'poisson', busy: 0.7, seed: 301 },
  { key: 'busy-85', instances: 1, traffic: 'poisson', busy: 0.85, seed: 401 },
  { key: 'two-instances', instances: 2, traffic: 'poisson', busy: 0.6, seed: 501 },
  { key: 'bursty', instances: 1, traffic: 'bursty', busy: 0.55, seed: 601 },
];

/** The knee is looked for on the one-instance candidate under Poisson traffic, from this seed. */
export const KNEE_SEED = 701;

export interface ScenarioPlace {
  /** Folder the scenario's YAML goes to, where `profileFile` lies too. */
  dir: string;
  /** The profile's file name inside `dir`. */
  profileFile: string;
  durationS: number;
  warmupS: number;
}

/** Poisson at `rateRps`, or (bursty) an MMPP of two states with equal dwell whose mean is `rateRps`. */
function arrivals(traffic: FidelityCase['traffic'], rateRps: number): Record<string, unknown> {
  if (traffic === 'poisson') return { kind: 'poisson', rate_rps: rateRps };
  const trough = (2 * rateRps) / (1 + BURST_PEAK_OVER_TROUGH);
  return {
    kind: 'mmpp',
    states: [
      { name: 'calm', rate_rps: trough, mean_dwell_s: BURST_DWELL_S },
      { name: 'burst', rate_rps: BURST_PEAK_OVER_TROUGH * trough, mean_dwell_s: BURST_DWELL_S },
    ],
  };
}

/** The scenario as a plain object (what the YAML holds). */
export function scenarioObject(name: string, c: Pick<FidelityCase, 'instances' | 'traffic' | 'seed'>, rateRps: number, place: ScenarioPlace): Record<string, unknown> {
  return {
    schema: 'servetwin.scenario/v1',
    name,
    seed: c.seed,
    duration_s: place.durationS,
    warmup_s: place.warmupS,
    profile: { file: place.profileFile },
    traffic: { arrivals: arrivals(c.traffic, rateRps) },
    slo: { latency_ms: SLO_MS, percentile: 99 },
    candidates: [{ name: c.instances === 1 ? 'one-instance-batch-8' : 'two-instances-batch-8', instances: c.instances, batching: { ...BATCHING } }],
  };
}

/** Loads the scenario (validated as any scenario file is), and with `writeAs` leaves its YAML in the folder. */
export function buildScenario(name: string, c: Pick<FidelityCase, 'instances' | 'traffic' | 'seed'>, rateRps: number, place: ScenarioPlace, writeAs?: string): LoadedScenario {
  const object = scenarioObject(name, c, rateRps, place);
  if (writeAs) {
    const header = `# Written by npm run bench -- fidelity (bench/fidelity/scenarios.ts): ${name} at ${rateRps.toFixed(1)} requests/s.\n`;
    writeFileSync(path.join(place.dir, writeAs), `${header}${YAML.stringify(object)}`);
  }
  return scenarioFromObject(object, place.dir, `bench/fidelity: ${name}`);
}
