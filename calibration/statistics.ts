// Summary statistics of one batch size's latency samples: percentiles (numpy's default linear
// method, via simple-statistics), mean, sample standard deviation, throughput, and Tukey outliers,
// which are reported beside the samples and never removed from them. Used by calibrate and import.
import { interval95 } from '../common/confidence-interval.js';
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

export const OUTLIER_RULE = 'Tukey 1.5 IQR (below Q1 - 1.5*IQR or above Q3 + 1.5*IQR)';

export interface BatchSummary {
  batch_size: number;
  samples_ms: number[];
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  mean_ms: number;
  stddev_ms: number;
  items_per_s: number;
}

export interface Outliers {
  count: number;
  rule: string;
  values_ms: number[];
}

/** Rounds to a microsecond's thousandth (1 ns) so profiles stay readable without losing anything measurable. */
export function round(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

export function summarize(batchSize: number, samplesMs: readonly number[]): BatchSummary {
  if (samplesMs.length === 0) throw new Error(`batch size ${batchSize}: no samples to summarise`);
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const avg = mean(sorted);
  return {
    batch_size: batchSize,
    samples_ms: samplesMs.map(round),
    p50_ms: round(quantileSorted(sorted, 0.5)),
    p90_ms: round(quantileSorted(sorted, 0.9)),
    p99_ms: round(quantileSorted(sorted, 0.99)),
    mean_ms: round(avg),
    stddev_ms: round(sorted.length > 1 ? sampleStandardDeviation(sorted) : 0),
    items_per_s: avg > 0 ? round((batchSize * 1000) / avg) : 0,
  };
}

/** Samples outside Tukey's fences, in measurement order. */
export function tukeyOutliers(samplesMs: readonly number[]): Outliers {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  if (sorted.length < 4) return { count: 0, rule: OUTLIER_RULE, values_ms: [] };
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const values = samplesMs.filter((x) => x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr).map(round);
  return { count: values.length, rule: OUTLIER_RULE, values_ms: values };
}

// ---- confidence intervals from independent blocks ----------------------------------------------
// Consecutive forward passes (and consecutive requests) are autocorrelated: a busy neighbour, a
// frequency change or a GC pause slows a run of them together, so an i.i.d. bootstrap over passes
// would give intervals far too narrow. Instead the measurement is cut into independent blocks
// (batch means): one figure per block, and Student's t over the blocks.

/** Half-width of the 95 % t-interval of the mean of `blocks` (one figure per independent block); 0 for fewer than two. */
export function blockHalfWidth(blocks: readonly number[]): number {
  return interval95(blocks).half_width ?? 0;
}

/**
 * The 95 % interval around `estimate` (the figure over the whole measurement) with the half-width
 * its blocks' spread gives. For a mean over equal blocks the estimate is the blocks' mean; for a
 * ratio of sums (a slowdown) it is the pooled ratio, which a block's own ratio scatters around.
 */
export function blockInterval(estimate: number, blocks: readonly number[]): [number, number] {
  const h = blockHalfWidth(blocks);
  return [round(estimate - h), round(estimate + h)];
}

/** The mean of `values` (NaN for none). */
export function meanOf(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, x) => a + x, 0) / values.length;
}
