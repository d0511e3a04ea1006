// The decision clock shared by the policies: a controller that ticks every period decides at
// k × period (k ≥ 1), and a decision taken off the grid (a poke) does not shift the grid. Pure:
// it only remembers the time of the last decision it was told about.

export class Cadence {
  readonly periodMs: number;
  private lastDecisionMs = 0;

  constructor(periodS: number) {
    // Whole milliseconds keep the grid exact (0.1 s would otherwise drift in binary floating point).
    this.periodMs = Math.max(1, Math.round(periodS * 1000));
  }

  /** The first grid time after the last decision (the first one after t = 0 before any). */
  next(): number {
    return (Math.floor(this.lastDecisionMs / this.periodMs) + 1) * this.periodMs;
  }

  /** Notes that a decision was taken at nowMs. */
  decided(nowMs: number): void {
    this.lastDecisionMs = Math.max(this.lastDecisionMs, nowMs);
  }
}
