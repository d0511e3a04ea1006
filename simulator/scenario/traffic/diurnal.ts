// A daily curve, rate(t) = mean · (1 + a · cos(2π (t − peak) / period)), as a non-homogeneous
// Poisson process by Lewis–Shedler thinning: candidates at the peak rate, each kept with
// probability rate(t) / peak rate. Both draws come from the one `arrivals` stream.
import type { Uniform } from '../../../common/rng.js';
import type { Arrivals } from '../../../config/scenario.js';
import type { ArrivalProcess } from './arrival-process.js';

export class DiurnalArrivals implements ArrivalProcess {
  readonly items = 0;
  private readonly meanPerMs: number;
  private readonly amplitude: number;
  private readonly omega: number;
  private readonly peakMs: number;
  private readonly maxGapMs: number;
  private t = 0;

  constructor(
    spec: Extract<Arrivals, { kind: 'diurnal' }>,
    private readonly u: Uniform,
  ) {
    this.meanPerMs = spec.mean_rate_rps / 1000;
    this.amplitude = spec.amplitude;
    this.omega = (2 * Math.PI) / (spec.period_s * 1000);
    this.peakMs = spec.peak_at_s * 1000;
    this.maxGapMs = 1 / (this.meanPerMs * (1 + this.amplitude));
  }

  /** Arrivals per ms at time tMs. */
  rateAt(tMs: number): number {
    return this.meanPerMs * (1 + this.amplitude * Math.cos(this.omega * (tMs - this.peakMs)));
  }

  next(): number {
    const peakRate = this.meanPerMs * (1 + this.amplitude);
    for (;;) {
      this.t -= this.maxGapMs * Math.log(1 - this.u());
      if (this.u() * peakRate <= this.rateAt(this.t)) return this.t;
    }
  }
}
