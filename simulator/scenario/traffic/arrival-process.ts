// Where requests come from: every traffic kind is an ArrivalProcess that hands out absolute arrival
// times in ms, in order, one at a time, from its own seeded stream (`arrivals`, plus `arrivals:state`
// for the MMPP's state changes). The simulator pulls one arrival ahead; replay (issue 6) pulls the
// same times to send real requests. create-arrivals.ts is the registry by `kind`.

export interface ArrivalProcess {
  /** The next arrival time in ms (strictly not before the previous one); Infinity when there are no more. */
  next(): number;
  /** Items carried by the arrival next() returned last, or 0 to mean the scenario's items_per_request. */
  readonly items: number;
}

/** Every arrival time (ms) before `untilMs`: for tests, replay and plots, not the simulator's hot loop. */
export function arrivalTimes(process: ArrivalProcess, untilMs: number): number[] {
  const out: number[] = [];
  for (let t = process.next(); t < untilMs; t = process.next()) out.push(t);
  return out;
}
