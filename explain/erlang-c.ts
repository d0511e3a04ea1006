// Erlang's C formula: the M/M/c queue (Poisson arrivals, exponential service, c identical servers,
// one first-come-first-served queue without bound). The probability that an arrival waits is
//   C(c, a) = (a^c / c!) · c/(c − a)  /  ( Σ_{k<c} a^k / k!  +  (a^c / c!) · c/(c − a) ),
// a = λ/μ the offered load in Erlangs, and the mean wait in queue is Wq = C(c, a) / (cμ − λ).
// Source: A. K. Erlang (1917); as written in D. Gross, J. F. Shortle, J. M. Thompson and C. M.
// Harris, "Fundamentals of Queueing Theory", 4th ed. (Wiley, 2008), the M/M/c queue, and in
// A. O. Allen, "Probability, Statistics, and Queueing Theory", 2nd ed. (Academic Press, 1990).
// Used by explain/closed-forms.ts, and by allen-cunneen.ts, which scales it.

/** C(c, a): the probability that an arrival finds all c servers busy and waits (0 < a < c). */
export function erlangC(c: number, a: number): number {
  if (!(c >= 1) || !Number.isInteger(c)) throw new RangeError(`erlangC: c must be a positive integer, got ${c}`);
  if (!(a >= 0 && a < c)) throw new RangeError(`erlangC: needs 0 ≤ a < c (a stable queue), got a = ${a}, c = ${c}`);
  if (a === 0) return 0;
  // Σ_{k<c} a^k/k! built term by term: no factorials, no overflow for the c a replica has.
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a)); // a^c / c! · c/(c − a)
  return top / (sum + top);
}

export interface MmcFigures {
  /** λ/(cμ). */
  utilization: number;
  /** C(c, a). */
  pWait: number;
  /** Mean wait in queue Wq, in the unit of `serviceTime`. */
  wait: number;
  /** Mean time in system W = Wq + 1/μ. */
  sojourn: number;
  /** Mean number waiting Lq = λ Wq, and in the system L = λ W (Little's law). */
  lq: number;
  l: number;
}

/** M/M/c with arrival rate `lambda` (per unit time) and mean service time `serviceTime` (same unit). Null when λ ≥ cμ: no steady state. */
export function mmc(lambda: number, serviceTime: number, c: number): MmcFigures | null {
  const a = lambda * serviceTime;
  if (a >= c) return null;
  const pWait = erlangC(c, a);
  const wait = lambda > 0 ? pWait / (c / serviceTime - lambda) : 0;
  return { utilization: a / c, pWait, wait, sojourn: wait + serviceTime, lq: lambda * wait, l: lambda * (wait + serviceTime) };
}
