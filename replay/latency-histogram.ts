// Latency figures for replay: an HDR histogram (hdr-histogram-js, µs, 3 significant digits — the
// simulator's resolution) with the exact mean and max kept beside it, summarised the way the
// simulator summarises (simulator/fleet/metrics/histogram.ts), so measured and predicted read alike.
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../simulator/fleet/metrics/histogram.js';

/** The simulator's summary shape, so measured and predicted compare field by field. */
export type LatencyFigures = LatencySummary;

/**
 * An HDR histogram of ms values kept in µs (3 significant digits, as the simulator's), with the
 * exact mean and max beside it; percentiles never exceed the true max.
 */
export class Histogram {
  private readonly h = hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1, autoResize: true, useWebAssembly: false });
  private count = 0;
  private sumMs = 0;
  private maxMs = 0;

  record(ms: number): void {
    this.h.recordValue(Math.max(0, Math.round(ms * 1000)));
    this.count++;
    this.sumMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  summary(): LatencyFigures {
    if (this.count === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
    const at = (p: number) => Math.min(this.h.getValueAtPercentile(p) / 1000, this.maxMs);
    return { mean: this.sumMs / this.count, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: this.maxMs };
  }
}
