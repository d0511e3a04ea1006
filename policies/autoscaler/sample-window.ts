// A sliding window over the samples a policy observed: the mean of the values recorded in the last
// `span` ms. The HPA reads its metric through one (the metrics pipeline averages), Ray Serve its
// look-back average of ongoing requests. Arrays with a moving head, compacted now and then, so a
// long run does not grow memory.

export class SampleWindow {
  private readonly spanMs: number;
  private times: number[] = [];
  private values: number[] = [];
  private head = 0;

  constructor(spanMs: number) {
    this.spanMs = spanMs;
  }

  /** Records `value` measured at `nowMs` (times must not go backwards). */
  add(nowMs: number, value: number): void {
    this.times.push(nowMs);
    this.values.push(value);
    while (this.head < this.times.length && this.times[this.head]! <= nowMs - this.spanMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }

  /** Mean of the values recorded in (nowMs − span, nowMs], or undefined when there are none. */
  mean(nowMs: number): number | undefined {
    let sum = 0;
    let count = 0;
    for (let i = this.head; i < this.times.length; i++) {
      const t = this.times[i]!;
      if (t <= nowMs - this.spanMs || t > nowMs) continue;
      sum += this.values[i]!;
      count++;
    }
    return count === 0 ? undefined : sum / count;
  }
}
