// Knative's windowed average (pkg/autoscaler/aggregation TimedFloat64Buckets): one bucket per
// second; the average divides by the buckets since the first write (a partial window right after
// the data starts, or restarts after a whole window of silence), counts gaps as zeros, and rounds
// to 6 digits. kpa.ts keeps two, the stable and the panic window.
//
// Knative adds every stat of a second into its bucket (one scrape per second); a driver sampling
// faster than once a second gets the mean of its samples per bucket instead, so the value does not
// depend on the sample rate.

export class BucketWindow {
  private readonly windowS: number;
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;
  private firstWrite = Number.NaN;
  private lastWrite = Number.NaN;

  constructor(windowS: number) {
    this.windowS = Math.max(1, Math.ceil(windowS));
    this.sums = new Float64Array(this.windowS);
    this.counts = new Uint32Array(this.windowS);
  }

  /** Records `value` in the bucket of second `sec` (whole seconds, never decreasing). */
  record(sec: number, value: number): void {
    if (Number.isNaN(this.lastWrite) || sec - this.lastWrite >= this.windowS) {
      // First write, or a whole window without data: start over with a partial window.
      this.sums.fill(0);
      this.counts.fill(0);
      this.firstWrite = sec;
    } else {
      for (let s = this.lastWrite + 1; s <= sec; s++) this.clear(s);
    }
    if (sec > this.lastWrite || Number.isNaN(this.lastWrite)) this.lastWrite = sec;
    const i = this.index(sec);
    this.sums[i]! += value;
    this.counts[i]! += 1;
  }

  /** True when nothing was recorded in the last window (Knative: ErrNoData, no decision). */
  isEmpty(sec: number): boolean {
    return Number.isNaN(this.lastWrite) || sec - this.lastWrite > this.windowS;
  }

  /** WindowAverage at second `sec`. */
  average(sec: number): number {
    if (Number.isNaN(this.lastWrite)) return 0;
    const gap = sec - this.lastWrite;
    if (gap >= this.windowS) return 0;
    let total = 0;
    const from = Math.max(this.firstWrite, sec - this.windowS + 1);
    for (let s = from; s <= this.lastWrite; s++) {
      const i = this.index(s);
      if (this.counts[i]! > 0) total += this.sums[i]! / this.counts[i]!;
    }
    const buckets = Math.min(this.lastWrite - this.firstWrite + 1, this.windowS - Math.max(0, gap));
    return Math.round((total / buckets) * 1e6) / 1e6;
  }

  private clear(sec: number): void {
    const i = this.index(sec);
    this.sums[i] = 0;
    this.counts[i] = 0;
  }

  private index(sec: number): number {
    return ((sec % this.windowS) + this.windowS) % this.windowS;
  }
}
