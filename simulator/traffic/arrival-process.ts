// Where requests come from: every traffic kind is an ArrivalProcess that hands out absolute arrival
// times in ms, in order, one at a time, from its own seeded stream (`arrivals`, plus `arrivals:state`
// for the MMPP's state changes). The simulator pulls one arrival ahead; replay (issue 6) pulls the
// same times to send real requests. createArrivals is the registry by `kind`.
import { stream } from '../../common/rng.js';
import type { Arrivals } from '../../config/scenario.js';
import { PoissonArrivals } from './poisson.js';
import { PiecewiseArrivals, spikesSegments, stepsSegments } from './piecewise.js';
import { DiurnalArrivals } from './diurnal.js';
import { MmppArrivals } from './mmpp.js';
import { TraceArrivals, type TraceData } from './trace.js';

export interface ArrivalProcess {
  /** The next arrival time in ms (strictly not before the previous one); Infinity when there are no more. */
  next(): number;
  /** Items carried by the arrival next() returned last, or 0 to mean the scenario's items_per_request. */
  readonly items: number;
}

export const ARRIVALS_STREAM = 'arrivals';

/**
 * The arrival process of a scenario's `traffic.arrivals`. `trace` holds the loaded file for
 * `kind: trace` (loading is I/O, done by simulator/load-scenario.ts).
 */
export function createArrivals(spec: Arrivals, seed: number, trace?: TraceData): ArrivalProcess {
  const u = stream(seed, ARRIVALS_STREAM);
  switch (spec.kind) {
    case 'poisson':
      return new PoissonArrivals(spec.rate_rps, u);
    case 'steps':
      return new PiecewiseArrivals(stepsSegments(spec), u);
    case 'spikes':
      return new PiecewiseArrivals(spikesSegments(spec), u);
    case 'diurnal':
      return new DiurnalArrivals(spec, u);
    case 'mmpp':
      return new MmppArrivals(spec, u, stream(seed, `${ARRIVALS_STREAM}:state`));
    case 'trace':
      if (!trace) throw new Error(`traffic.arrivals: the trace ${spec.file} was not loaded`);
      return new TraceArrivals(trace, spec.rate_scale, spec.loop);
  }
}

/** Every arrival time (ms) before `untilMs`: for tests, replay and plots, not the simulator's hot loop. */
export function arrivalTimes(process: ArrivalProcess, untilMs: number): number[] {
  const out: number[] = [];
  for (let t = process.next(); t < untilMs; t = process.next()) out.push(t);
  return out;
}
