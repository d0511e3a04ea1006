// Piecewise-constant Poisson rates (`steps`, and `spikes` over a base rate) as one generator: a
// non-homogeneous Poisson process by inversion of its cumulative rate. Draw E ~ Exp(1) and walk the
// segments, spending rate × time until E is used up; exact, one uniform per arrival, and a
// zero-rate segment is simply skipped.
import type { Uniform } from '../../../common/rng.js';
import type { Arrivals } from '../../../config/scenario.js';
import type { ArrivalProcess } from './arrival-process.js';

export interface Segments {
  /** Start of each segment in ms, increasing, the first 0; the last one lasts forever. */
  startsMs: Float64Array;
  /** Arrivals per ms in each segment. */
  ratesPerMs: Float64Array;
}

export function stepsSegments(spec: Extract<Arrivals, { kind: 'steps' }>): Segments {
  return {
    startsMs: Float64Array.from(spec.steps, (s) => s.at_s * 1000),
    ratesPerMs: Float64Array.from(spec.steps, (s) => s.rate_rps / 1000),
  };
}

export function spikesSegments(spec: Extract<Arrivals, { kind: 'spikes' }>): Segments {
  const starts: number[] = [0];
  const rates: number[] = [spec.base_rate_rps];
  for (const spike of spec.spikes) {
    const at = spike.at_s * 1000;
    if (at === starts[starts.length - 1]) rates[rates.length - 1] = spike.rate_rps;
    else {
      starts.push(at);
      rates.push(spike.rate_rps);
    }
    starts.push(at + spike.duration_s * 1000);
    rates.push(spec.base_rate_rps);
  }
  return { startsMs: Float64Array.from(starts), ratesPerMs: Float64Array.from(rates, (r) => r / 1000) };
}

export class PiecewiseArrivals implements ArrivalProcess {
  readonly items = 0;
  private t = 0;
  private segment = 0;

  constructor(
    private readonly segments: Segments,
    private readonly u: Uniform,
  ) {}

  next(): number {
    const { startsMs, ratesPerMs } = this.segments;
    let budget = -Math.log(1 - this.u());
    for (;;) {
      const rate = ratesPerMs[this.segment]!;
      const end = this.segment + 1 < startsMs.length ? startsMs[this.segment + 1]! : Number.POSITIVE_INFINITY;
      const capacity = rate * (end - this.t);
      if (budget < capacity) {
        this.t += budget / rate;
        return this.t;
      }
      if (end === Number.POSITIVE_INFINITY) {
        this.t = end;
        return end; // a silent last segment: no more arrivals
      }
      budget -= capacity;
      this.t = end;
      this.segment++;
    }
  }
}

/** Rate (arrivals per second) at time `tMs`, for tests and plots. */
export function rateAt(segments: Segments, tMs: number): number {
  let i = 0;
  while (i + 1 < segments.startsMs.length && segments.startsMs[i + 1]! <= tMs) i++;
  return segments.ratesPerMs[i]! * 1000;
}
