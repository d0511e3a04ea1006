// A step function (replicas ready, replicas billed, instances ready) integrated over the measured
// window [from, to] only, with its smallest and largest value there. Changes before the window
// count as made at its start, so ∫ L over the window = L(to)·to − Σ Δᵢ·clamp(tᵢ), one multiply-add
// per change. Min and max only see values held for some time inside the window (several changes
// at one instant are one step). The fleet (fleet.ts) keeps one per tier and in total.

export class WindowStat {
  value = 0;
  private weighted = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;
  /** Time of the last change. */
  private lastMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {}

  change(delta: number, now: number): void {
    // The value so far held over [lastMs, now): count it if that overlaps the window.
    if (now > this.lastMs && now > this.from && this.lastMs < this.to) this.include(this.value);
    const t = now < this.from ? this.from : now > this.to ? this.to : now;
    this.value += delta;
    this.weighted += delta * t;
    this.lastMs = now;
  }

  /** ∫ value dt over the window (value·ms when times are ms). */
  area(): number {
    return this.value * this.to - this.weighted;
  }

  mean(): number {
    return this.to > this.from ? this.area() / (this.to - this.from) : this.value;
  }

  get min(): number {
    return this.lastMs < this.to ? Math.min(this.lo, this.value) : this.lo;
  }

  get max(): number {
    return this.lastMs < this.to ? Math.max(this.hi, this.value) : this.hi;
  }

  private include(v: number): void {
    if (v < this.lo) this.lo = v;
    if (v > this.hi) this.hi = v;
  }
}
