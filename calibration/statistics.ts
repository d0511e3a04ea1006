// Summary statistics of one batch size's latency samples: percentiles (numpy's default linear
// method, via simple-statistics), mean, sample standard deviation, throughput, and Tukey outliers,
// which are reported beside the samples and never removed from them. Used by calibrate and import.
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

/** Two-sided 95 % critical values of Student's t for 1…30 degrees of freedom (any statistics table). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064,
  2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z975 = 1.959963984540054;

/** t with P(|T_df| ≤ t) = 0.95; past 30 degrees of freedom the Cornish–Fisher expansion (error < 1e-4). */
export function tCritical95(df: number): number {
  if (!(df >= 1)) throw new Error(`t critical value: need at least 1 degree of freedom, got ${df}`);
  const whole = Math.floor(df);
  if (whole <= T975.length) return T975[whole - 1]!;
  const z = Z975;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3);
}

/** Half-width of the 95 % t-interval of the mean of `blocks` (one figure per independent block); 0 for fewer than two. */
export function blockHalfWidth(blocks: readonly number[]): number {
  const k = blocks.length;
  if (k < 2) return 0;
  const avg = blocks.reduce((a, x) => a + x, 0) / k;
  const sd = Math.sqrt(blocks.reduce((a, x) => a + (x - avg) ** 2, 0) / (k - 1));
  return (tCritical95(k - 1) * sd) / Math.sqrt(k);
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
