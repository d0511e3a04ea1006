// The offered load of a traffic spec over a scenario's measured window (warm-up to the end), as
// two rates a capacity figure is stated against: the mean and the peak. Exact for the rate-driven
// kinds; a trace is counted (its busiest second is its peak, and its mean runs over the part of the
// window it covers, so a time-compressed trace that ends early still reads at its compressed rate).
import type { Arrivals } from '../config/scenario.js';
import type { TraceData } from '../simulator/scenario/traffic/trace.js';
import { TraceArrivals } from '../simulator/scenario/traffic/trace.js';
import { spikesSegments, stepsSegments, type Segments } from '../simulator/scenario/traffic/piecewise.js';
import { mmppMeanRate } from './traffic-scale.js';

export interface TrafficRates {
  /** Requests per second averaged over the measured window (an MMPP: its long-run mean). */
  mean_rps: number;
  /** The highest rate the traffic reaches in the window (a trace: its busiest second). */
  peak_rps: number;
}

/** How the two rates are defined, for the output and the docs. */
export const RATE_DEFINITIONS =
  'mean: requests per second averaged over the measured window (an MMPP: its long-run mean; a trace: over the part of the window it covers); peak: the highest rate in the window (an MMPP: its busiest state; a trace: its busiest second)';

export interface Window {
  startS: number;
  endS: number;
}

export function trafficRates(arrivals: Arrivals, window: Window, trace?: TraceData): TrafficRates {
  switch (arrivals.kind) {
    case 'poisson':
      return { mean_rps: arrivals.rate_rps, peak_rps: arrivals.rate_rps };
    case 'steps':
      return segmentRates(stepsSegments(arrivals), window);
    case 'spikes':
      return segmentRates(spikesSegments(arrivals), window);
    case 'diurnal':
      return diurnalRates(arrivals, window);
    case 'mmpp':
      return { mean_rps: mmppMeanRate(arrivals), peak_rps: Math.max(...arrivals.states.map((s) => s.rate_rps)) };
    case 'trace':
      if (!trace) throw new Error(`trafficRates: the trace ${arrivals.file} was not loaded`);
      return traceRates(new TraceArrivals(trace, arrivals.rate_scale, arrivals.loop), window);
  }
}

function segmentRates(segments: Segments, window: Window): TrafficRates {
  const from = window.startS * 1000;
  const to = window.endS * 1000;
  let area = 0;
  let peak = 0;
  const n = segments.startsMs.length;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(from, segments.startsMs[i]!);
    const hi = Math.min(to, i + 1 < n ? segments.startsMs[i + 1]! : Number.POSITIVE_INFINITY);
    if (hi <= lo) continue;
    const rate = segments.ratesPerMs[i]! * 1000;
    area += rate * (hi - lo);
    peak = Math.max(peak, rate);
  }
  return { mean_rps: to > from ? area / (to - from) : 0, peak_rps: peak };
}

function diurnalRates(spec: Extract<Arrivals, { kind: 'diurnal' }>, window: Window): TrafficRates {
  const w = (2 * Math.PI) / spec.period_s;
  const rate = (t: number) => spec.mean_rate_rps * (1 + spec.amplitude * Math.cos(w * (t - spec.peak_at_s)));
  const { startS: a, endS: b } = window;
  // ∫ cos(w (t − p)) dt = sin(w (t − p)) / w
  const integral = spec.mean_rate_rps * ((b - a) + (spec.amplitude * (Math.sin(w * (b - spec.peak_at_s)) - Math.sin(w * (a - spec.peak_at_s)))) / w);
  // The curve's maximum in the window: an end, or a peak of the cosine inside it.
  let peak = Math.max(rate(a), rate(b));
  const firstPeak = spec.peak_at_s + Math.ceil((a - spec.peak_at_s) / spec.period_s) * spec.period_s;
  if (firstPeak <= b) peak = spec.mean_rate_rps * (1 + spec.amplitude);
  return { mean_rps: b > a ? integral / (b - a) : rate(a), peak_rps: peak };
}

function traceRates(arrivals: TraceArrivals, window: Window): TrafficRates {
  const from = window.startS * 1000;
  const to = window.endS * 1000;
  const times: number[] = [];
  let t = arrivals.next();
  for (; t < to; t = arrivals.next()) if (t >= from) times.push(t);
  if (times.length === 0) return { mean_rps: 0, peak_rps: 0 };
  // The part of the window the trace covers: up to its last request when it ends before the window does.
  const endedEarly = t === Number.POSITIVE_INFINITY;
  const coveredMs = endedEarly ? times[times.length - 1]! - from : to - from;
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return { mean_rps: times.length / (Math.max(coveredMs, 1000) / 1000), peak_rps: peak };
}
