// Latency histograms for the simulator's hot loop. Values are counted in exactly the bucket layout
// of an HDR histogram (1 µs unit, 3 significant digits: 2048 sub-buckets per power of two), but the
// bucket index comes from Math.clz32 instead of hdr-histogram-js's Math.log2/Math.pow (~5 ns instead
// of ~165 ns a record on this machine). At the end the counts are handed to a real hdr-histogram-js
// histogram (toHdr), which answers the percentiles; both agree bucket for bucket (tested).
import type * as hdr from 'hdr-histogram-js';
// Not the package's index: that also loads its log writer (which builds an Intl.NumberFormat when
// loaded, ~15 ms a start), pako and the WebAssembly build, none of which this uses.
import { constructorFromBucketSize } from 'hdr-histogram-js/dist/JsHistogramFactory.js';

/** What hdr.build({ bitBucketSize: 64 }) constructs. */
const Float64Histogram = constructorFromBucketSize(64);
import type { LatencyStats } from '../../../config/result.js';

const SUB_BUCKET_MAGNITUDE = 10; // half of 2048 sub-buckets = 2^10
const SUB_BUCKET_HALF = 1 << SUB_BUCKET_MAGNITUDE;
/** Buckets covering every value below 2^31 µs (about 36 minutes); larger values grow the array. */
const INITIAL_BUCKETS = 22;

/** mean (exact), p50/p90/p99/p999 (HDR, 3 significant digits) and max (exact), in ms: the result's LatencyStats. */
export type LatencySummary = LatencyStats;

export class LatencyHistogram {
  private counts = new Float64Array((INITIAL_BUCKETS + 1) * SUB_BUCKET_HALF);
  /** Values recorded. */
  count = 0;
  /** Exact sum of the recorded values in ms (the mean is exact; percentiles are to 3 digits). */
  sumMs = 0;
  /** Exact largest value in ms. */
  maxMs = 0;

  record(ms: number): void {
    this.recordCount(ms, 1);
  }

  /** Records `n` copies of `ms` (a batch's compute time, once for all its requests). */
  recordCount(ms: number, n: number): void {
    const us = Math.round(ms * 1000);
    if (!(us >= 0)) throw new Error(`LatencyHistogram: cannot record ${ms} ms`);
    let index: number;
    if (us < 0x80000000) {
      let bucket = 21 - Math.clz32(us); // floor(log2(us)) - 10, for us >= 1
      if (bucket < 0) bucket = 0;
      index = (bucket << SUB_BUCKET_MAGNITUDE) + (us >>> bucket);
    } else {
      index = slowIndex(us);
      if (index >= this.counts.length) this.grow(index);
    }
    this.counts[index]! += n;
    this.count += n;
    this.sumMs += ms * n;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  /** The same counts in an hdr-histogram-js histogram (microseconds), for percentiles and encoding. */
  toHdr(): hdr.Histogram {
    const h = new Float64Histogram(1, 2, 3); // lowest discernible value 1 µs, 3 significant digits
    h.autoResize = true;
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i]!;
      if (c > 0) h.recordValueWithCount(valueFromIndex(i), c);
    }
    return h;
  }

  /** Mean (exact), percentiles (HDR, 3 significant digits) and max (exact), in ms; zeros when empty. */
  summary(): LatencySummary {
    if (this.count === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
    const h = this.toHdr();
    // HDR answers the highest value equivalent to the bucket; never report above the true max.
    const at = (p: number): number => Math.min(h.getValueAtPercentile(p) / 1000, this.maxMs);
    return { mean: this.sumMs / this.count, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: this.maxMs };
  }

  /** The value (ms) at percentile `p` (0–100); 0 when empty. Never above the true max. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    return Math.min(this.toHdr().getValueAtPercentile(p) / 1000, this.maxMs);
  }

  private grow(index: number): void {
    const counts = new Float64Array(((index >> SUB_BUCKET_MAGNITUDE) + 2) * SUB_BUCKET_HALF);
    counts.set(this.counts);
    this.counts = counts;
  }
}

/** HDR counts index for values of 2^31 µs and above (rare: latencies past half an hour). */
function slowIndex(us: number): number {
  const bucket = Math.floor(Math.log2(us)) - SUB_BUCKET_MAGNITUDE;
  return bucket * SUB_BUCKET_HALF + Math.floor(us / 2 ** bucket);
}

/** Lowest value (µs) counted at `index`; recording it lands in the same bucket. */
function valueFromIndex(index: number): number {
  let bucket = (index >> SUB_BUCKET_MAGNITUDE) - 1;
  let sub = (index & (SUB_BUCKET_HALF - 1)) + SUB_BUCKET_HALF;
  if (bucket < 0) {
    sub -= SUB_BUCKET_HALF;
    bucket = 0;
  }
  return sub * 2 ** bucket;
}
