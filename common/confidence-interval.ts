// A 95 % confidence interval for a mean from a few independent values (Student's t): what replay
// --repeat puts on each measured percentile and on each error, one value per independent replay.
// The t-interval needs the values to be independent and each roughly normal; a percentile of a long
// run is asymptotically normal, and separate replays (fresh engine, own seed) are independent.
// Not for the requests inside one replay: their latencies are strongly autocorrelated.

/** Two-sided 95 % critical values of Student's t for 1…30 degrees of freedom (any statistics table). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06,
  2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z975 = 1.959963984540054;

/** t such that P(|T_df| ≤ t) = 0.95. Beyond 30 degrees of freedom, the Cornish–Fisher expansion around the normal (error < 1e-4). */
export function tCritical95(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  const whole = Math.floor(df);
  if (whole <= T975.length) return T975[whole - 1]!;
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

export interface Interval95 {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null for one value. */
  sd: number | null;
  /** t · sd / √n; null for one value (no interval from a single run). */
  half_width: number | null;
  lo: number | null;
  hi: number | null;
}

/** The mean of `values` with its 95 % t-interval. */
export function interval95(values: readonly number[]): Interval95 {
  const n = values.length;
  const mean = n > 0 ? values.reduce((a, x) => a + x, 0) / n : Number.NaN;
  if (n < 2) return { n, mean, sd: null, half_width: null, lo: null, hi: null };
  const sd = Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (tCritical95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, half_width: half, lo: mean - half, hi: mean + half };
}
