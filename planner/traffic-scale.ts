// The two ways `servetwin capacity` changes a scenario's traffic, as new `traffic.arrivals` specs
// (the simulator is never told it is being searched): the load scaled as a whole by a multiplier
// (every rate of every kind, a trace time-compressed), and an MMPP made burstier at the same mean
// rate with its dwell times fixed. Both keep the kind, so the same seed draws from the same named
// streams at every level (planner/capacity.ts searches over them; planner/sweep-task.ts runs them).
import { InputError } from '../common/errors.js';
import type { Arrivals } from '../config/scenario.js';

type Mmpp = Extract<Arrivals, { kind: 'mmpp' }>;

/** How the load is scaled, in one sentence per kind (stated in the output and the docs). */
export const LOAD_SCALING =
  'the traffic scaled as a whole: Poisson, step, spike and MMPP rates and the diurnal mean multiplied by the level (amplitude, dwell times and step times kept), a trace time-compressed (rate_scale multiplied); the same seeds and random streams at every level';

/** The arrivals at `multiplier` × the scenario's load. A trace is time-compressed (rate_scale × multiplier). */
export function scaleArrivals(arrivals: Arrivals, multiplier: number): Arrivals {
  if (!(multiplier > 0) || !Number.isFinite(multiplier)) throw new Error(`scaleArrivals: expected a positive multiplier, got ${multiplier}`);
  const m = multiplier;
  switch (arrivals.kind) {
    case 'poisson':
      return { ...arrivals, rate_rps: arrivals.rate_rps * m };
    case 'steps':
      return { ...arrivals, steps: arrivals.steps.map((s) => ({ ...s, rate_rps: s.rate_rps * m })) };
    case 'spikes':
      return { ...arrivals, base_rate_rps: arrivals.base_rate_rps * m, spikes: arrivals.spikes.map((s) => ({ ...s, rate_rps: s.rate_rps * m })) };
    case 'diurnal':
      return { ...arrivals, mean_rate_rps: arrivals.mean_rate_rps * m };
    case 'mmpp':
      return { ...arrivals, states: arrivals.states.map((s) => ({ ...s, rate_rps: s.rate_rps * m })) };
    case 'trace':
      return { ...arrivals, rate_scale: arrivals.rate_scale * m };
  }
}

/** An MMPP's long-run mean rate: each state's rate weighted by its mean dwell (the states are visited in a cycle). */
export function mmppMeanRate(spec: Mmpp): number {
  const dwell = spec.states.reduce((s, st) => s + st.mean_dwell_s, 0);
  return spec.states.reduce((s, st) => s + st.rate_rps * st.mean_dwell_s, 0) / dwell;
}

/** Highest state rate over lowest (Infinity when a state is silent). */
export function peakToTrough(spec: Mmpp): number {
  const rates = spec.states.map((s) => s.rate_rps);
  const lo = Math.min(...rates);
  const hi = Math.max(...rates);
  return lo > 0 ? hi / lo : Number.POSITIVE_INFINITY;
}

/** The MMPP of the scenario, or an InputError naming `flag` when the traffic is of another kind. */
export function requireMmpp(arrivals: Arrivals, source: string, flag: string): Mmpp {
  if (arrivals.kind === 'mmpp') {
    if (new Set(arrivals.states.map((s) => s.rate_rps)).size > 1) return arrivals;
    throw new InputError(`${flag}: ${source}: traffic.arrivals: every MMPP state has the same rate, so there is no burst to stretch; give the states different rate_rps`, {
      source,
      path: 'traffic.arrivals.states',
    });
  }
  throw new InputError(
    `${flag}: ${source}: traffic.arrivals is ${arrivals.kind}, but ${flag} varies the peak-to-trough ratio of bursty traffic (traffic.arrivals.kind: mmpp); drop ${flag} to search the load instead`,
    { source, path: 'traffic.arrivals.kind', expected: 'mmpp', found: arrivals.kind },
  );
}

/**
 * The MMPP with peak-to-trough ratio `ratio` at the same mean rate, dwell times fixed. Each state's
 * deviation from the mean is stretched by one factor k (rate_i = mean + k · (rate_i − mean)), which
 * keeps the mean (the deviations weighted by dwell sum to zero) and the states' order; k follows
 * from the ratio. Ratio 1 is Poisson at the mean; the ratio grows without bound as the trough
 * reaches zero.
 */
export function burstArrivals(spec: Mmpp, ratio: number): Mmpp {
  if (!(ratio >= 1)) throw new Error(`burstArrivals: expected a ratio >= 1, got ${ratio}`);
  const mean = mmppMeanRate(spec);
  const rates = spec.states.map((s) => s.rate_rps);
  const above = Math.max(...rates) - mean;
  const below = mean - Math.min(...rates);
  if (above <= 0 || below <= 0) throw new Error('burstArrivals: every state has the same rate (requireMmpp refuses such an MMPP)');
  // (mean + k·above) / (mean − k·below) = ratio  ⇒  k = mean·(ratio − 1) / (above + ratio·below)
  const k = Number.isFinite(ratio) ? (mean * (ratio - 1)) / (above + ratio * below) : mean / below;
  return { ...spec, states: spec.states.map((s) => ({ ...s, rate_rps: Math.max(0, mean + k * (s.rate_rps - mean)) })) };
}
