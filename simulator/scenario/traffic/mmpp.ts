// Bursty traffic as a Markov-modulated Poisson process: the arrival rate is that of the current
// state; each visit to a state lasts an exponential time with its mean dwell, then the next state in
// the list follows (cyclically: calm → burst → calm for two). Exponential gaps are memoryless, so a
// gap that crosses a state change is simply redrawn at the new rate from the change. Dwell times use
// their own stream so the state path does not depend on how many arrivals fell in each state.
import type { Uniform } from '../../../common/rng.js';
import type { Arrivals } from '../../../config/scenario.js';
import type { ArrivalProcess } from './arrival-process.js';

export class MmppArrivals implements ArrivalProcess {
  readonly items = 0;
  private readonly ratesPerMs: Float64Array;
  private readonly dwellMs: Float64Array;
  private state: number;
  private stateEnd: number;
  private t = 0;

  constructor(
    spec: Extract<Arrivals, { kind: 'mmpp' }>,
    private readonly u: Uniform,
    private readonly uState: Uniform,
  ) {
    this.ratesPerMs = Float64Array.from(spec.states, (s) => s.rate_rps / 1000);
    this.dwellMs = Float64Array.from(spec.states, (s) => s.mean_dwell_s * 1000);
    this.state = spec.initial_state;
    this.stateEnd = this.dwell();
  }

  /** The state the process was in at its last arrival (for tests). */
  get currentState(): number {
    return this.state;
  }

  next(): number {
    for (;;) {
      const rate = this.ratesPerMs[this.state]!;
      if (rate > 0) {
        const candidate = this.t - Math.log(1 - this.u()) / rate;
        if (candidate < this.stateEnd) {
          this.t = candidate;
          return candidate;
        }
      }
      this.t = this.stateEnd;
      this.state = (this.state + 1) % this.ratesPerMs.length;
      this.stateEnd = this.t + this.dwell();
    }
  }

  private dwell(): number {
    return -this.dwellMs[this.state]! * Math.log(1 - this.uState());
  }
}
