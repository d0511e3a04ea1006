// The Pollaczek–Khinchine mean-value formula: the M/G/1 queue (Poisson arrivals, any service-time
// distribution with finite variance, one server, FCFS, no bound). With ρ = λ E[S] < 1,
//   Wq = λ E[S²] / (2 (1 − ρ)) = ρ E[S] (1 + Cs²) / (2 (1 − ρ)),   Cs² = Var[S] / E[S]²,
// exact for every service distribution: M/M/1 is Cs² = 1, M/D/1 (a constant service time) Cs² = 0.
// Source: F. Pollaczek (1930), A. Y. Khinchine (1932); as written in L. Kleinrock, "Queueing
// Systems, Volume 1: Theory" (Wiley, 1975), the M/G/1 queue, and Gross, Shortle, Thompson and Harris,
// "Fundamentals of Queueing Theory", 4th ed. Used by explain/closed-forms.ts.

export interface Mg1Figures {
  utilization: number;
  /** Mean wait in queue, in the unit of `serviceTime`. */
  wait: number;
  /** Wq + E[S]. */
  sojourn: number;
  lq: number;
  l: number;
}

/** M/G/1 with arrival rate `lambda`, mean service time `serviceTime` and its squared coefficient of variation `cs2`. Null when ρ ≥ 1. */
export function mg1(lambda: number, serviceTime: number, cs2: number): Mg1Figures | null {
  if (!(cs2 >= 0)) throw new RangeError(`mg1: the service time's SCV must be ≥ 0, got ${cs2}`);
  const rho = lambda * serviceTime;
  if (rho >= 1) return null;
  const wait = (rho * serviceTime * (1 + cs2)) / (2 * (1 - rho));
  return { utilization: rho, wait, sojourn: wait + serviceTime, lq: lambda * wait, l: lambda * (wait + serviceTime) };
}
