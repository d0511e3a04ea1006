// When each replayed request leaves and how many items it carries: pulled from the very arrival
// process the simulator uses (simulator/scenario/traffic/arrival-process.ts, same seed, same streams), so
// replay sends request i at the time the simulator's request i arrives. Also cuts a long scenario
// short (--duration-s) the same way for both sides. Read by replay/run-replay.ts and replay/sender.ts.
import { InputError } from '../common/errors.js';
import { createArrivals } from '../simulator/scenario/traffic/create-arrivals.js';
import type { LoadedScenario } from '../simulator/simulate.js';

export interface ReplaySchedule {
  /** Send time of each request in ms from the start, non-decreasing. */
  timesMs: Float64Array;
  /** Items (batch rows) each request carries. */
  items: Int32Array;
  durationMs: number;
  /** Requests scheduled before this are sent but left out of the statistics. */
  warmupMs: number;
}

/** Requests at most; a scenario beyond it is cut short with --duration-s rather than held in memory. */
export const MAX_REQUESTS = 5_000_000;

export function buildSchedule(loaded: LoadedScenario, seed: number): ReplaySchedule {
  const s = loaded.scenario;
  const durationMs = s.duration_s * 1000;
  const arrivals = createArrivals(s.traffic.arrivals, seed, loaded.trace);
  const times: number[] = [];
  const items: number[] = [];
  // Exactly the simulator's loop (simulator/run.ts): take arrivals while they are before the end,
  // reading each one's items right after next() returned it.
  for (let t = arrivals.next(); t < durationMs; t = arrivals.next()) {
    if (times.length >= MAX_REQUESTS) {
      throw new InputError(`${loaded.file ?? 'scenario'}: more than ${MAX_REQUESTS.toLocaleString('en')} requests to replay; cut it short with --duration-s`, {
        source: '--duration-s',
      });
    }
    times.push(t);
    const n = arrivals.items;
    items.push(n > 0 ? n : s.traffic.items_per_request);
  }
  return { timesMs: Float64Array.from(times), items: Int32Array.from(items), durationMs, warmupMs: s.warmup_s * 1000 };
}

/**
 * The scenario cut to `durationS` seconds (and its warm-up set to `warmupS` when given): the same
 * arrivals up to the cut, so the simulation and the replay of the cut scenario still match.
 */
export function cutScenario(loaded: LoadedScenario, durationS?: number, warmupS?: number): LoadedScenario {
  const s = loaded.scenario;
  const duration = durationS === undefined ? s.duration_s : Math.min(durationS, s.duration_s);
  // A cut keeps the scenario's warm-up unless that would be more than a quarter of what is left.
  const warmup = warmupS ?? (durationS === undefined ? s.warmup_s : Math.min(s.warmup_s, duration / 4));
  if (!(duration > 0)) throw new InputError(`--duration-s: expected a positive number of seconds, got ${durationS}`, { source: '--duration-s' });
  if (!(warmup >= 0 && warmup < duration)) {
    throw new InputError(`--warmup-s: expected a number of seconds from 0 up to (not including) the duration ${duration}, got ${warmup}`, { source: '--warmup-s' });
  }
  return { ...loaded, scenario: { ...s, duration_s: duration, warmup_s: warmup } };
}
