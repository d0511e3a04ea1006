// Constant-rate Poisson arrivals: exponential gaps with mean 1000 / rate_rps ms.
import type { Uniform } from '../../../common/rng.js';
import type { ArrivalProcess } from './arrival-process.js';

export class PoissonArrivals implements ArrivalProcess {
  readonly items = 0;
  private readonly meanGapMs: number;
  private t = 0;

  constructor(
    rateRps: number,
    private readonly u: Uniform,
  ) {
    this.meanGapMs = 1000 / rateRps;
  }

  next(): number {
    this.t -= this.meanGapMs * Math.log(1 - this.u());
    return this.t;
  }
}
