// The Allen–Cunneen approximation for the G/G/c queue (renewal arrivals, any service distribution,
// c servers, FCFS, no bound): the M/M/c wait scaled by the mean of the two squared coefficients of
// variation,
//   Wq ≈ Wq(M/M/c) · (Ca² + Cs²) / 2 = C(c, a) / (cμ − λ) · (Ca² + Cs²) / 2,
// Ca² = Var[interarrival] / E[interarrival]², Cs² = Var[S] / E[S]². It is exact for M/M/c
// (Ca² = Cs² = 1) and for M/G/1 (c = 1, Ca² = 1: Pollaczek–Khinchine), and an approximation
// elsewhere, best in heavy traffic. It knows only two moments of independent gaps: correlated
// arrivals (bursts) break it, however their gaps' SCV looks.
// Source: A. O. Allen, "Probability, Statistics, and Queueing Theory with Computer Science
// Applications", 2nd ed. (Academic Press, 1990), its G/G/c approximation (credited there to
// Cunneen); surveyed by W. Whitt, "Approximations for the GI/G/m queue", Production and Operations
// Management 2(2), 1993, as the basic two-moment approximation. Used by explain/closed-forms.ts.
import { mmc } from './erlang-c.js';

export interface GgcFigures {
  utilization: number;
  /** C(c, a) of the M/M/c with the same λ, μ, c. */
  pWait: number;
  wait: number;
  sojourn: number;
  lq: number;
  l: number;
}

/** G/G/c by Allen–Cunneen. Null when λ ≥ cμ. */
export function ggc(lambda: number, serviceTime: number, c: number, ca2: number, cs2: number): GgcFigures | null {
  if (!(ca2 >= 0) || !(cs2 >= 0)) throw new RangeError(`ggc: squared coefficients of variation must be ≥ 0, got Ca² = ${ca2}, Cs² = ${cs2}`);
  const m = mmc(lambda, serviceTime, c);
  if (m === null) return null;
  const wait = (m.wait * (ca2 + cs2)) / 2;
  return { utilization: m.utilization, pWait: m.pWait, wait, sojourn: wait + serviceTime, lq: lambda * wait, l: lambda * (wait + serviceTime) };
}
