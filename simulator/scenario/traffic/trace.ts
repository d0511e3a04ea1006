// Trace replay: the request times of a loaded trace file (simulator/scenario/traffic/trace-file.ts), sped up
// by rate_scale and optionally looped. No randomness: the same trace gives the same arrivals.
import type { ArrivalProcess } from './arrival-process.js';

/** A loaded trace: request times in ms from the first request (sorted, the first is 0). */
export interface TraceData {
  file: string;
  timesMs: Float64Array;
  /** Items per request, when the file gives them. */
  items: Uint32Array | null;
}

export class TraceArrivals implements ArrivalProcess {
  items = 0;
  private index = 0;
  private offsetMs = 0;
  private readonly periodMs: number;

  constructor(
    private readonly trace: TraceData,
    private readonly rateScale: number,
    private readonly loop: boolean,
  ) {
    const n = trace.timesMs.length;
    const span = n > 0 ? trace.timesMs[n - 1]! : 0;
    // One mean gap after the last request, so the seam looks like the rest of the trace.
    this.periodMs = n > 1 ? span + span / (n - 1) : span;
  }

  next(): number {
    const times = this.trace.timesMs;
    if (this.index === times.length) {
      if (!this.loop || this.periodMs <= 0) return Number.POSITIVE_INFINITY;
      this.index = 0;
      this.offsetMs += this.periodMs;
    }
    const i = this.index++;
    this.items = this.trace.items ? this.trace.items[i]! : 0;
    return (this.offsetMs + times[i]!) / this.rateScale;
  }
}
