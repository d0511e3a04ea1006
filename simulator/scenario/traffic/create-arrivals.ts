// The traffic registry: the arrival process of a scenario's `traffic.arrivals`, chosen by its
// `kind`, each drawing from the scenario's `arrivals` stream (and `arrivals:state` for the MMPP's
// state changes). Used by the simulator (simulate.ts) and by replay, which sends the same times.
import { stream } from '../../../common/rng.js';
import type { Arrivals } from '../../../config/scenario.js';
import type { ArrivalProcess } from './arrival-process.js';
import { PoissonArrivals } from './poisson.js';
import { PiecewiseArrivals, spikesSegments, stepsSegments } from './piecewise.js';
import { DiurnalArrivals } from './diurnal.js';
import { MmppArrivals } from './mmpp.js';
import { TraceArrivals, type TraceData } from './trace.js';

export const ARRIVALS_STREAM = 'arrivals';

/**
 * The arrival process of a scenario's `traffic.arrivals`. `trace` holds the loaded file for
 * `kind: trace` (loading is I/O, done by simulator/scenario/load-scenario.ts).
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
