// The targets of issue #8 item 5 and the verdict on each: p50 within 5 % and p99 within 10 % up to
// ~80 % busy (taken as busy ≤ 80 %: a row above it is shown without a target), bursty p99 within
// 15 %, the knee within 5 %. A verdict reads the error's point estimate (the mean over paired
// seeds) and says whether its 95 % interval agrees, so a "met" that a wider repeat could overturn
// reads as such. Pure; used by bench/fidelity.ts and its table (bench/fidelity/table.ts).

export const P50_TARGET = 0.05;
export const P99_TARGET = 0.1;
export const BURSTY_P99_TARGET = 0.15;
export const KNEE_TARGET = 0.05;
/** The busiest a steady scenario may be for the p50 and p99 targets to apply. */
export const TARGET_BUSY_LIMIT = 0.8;

/** Largest |error| allowed on each figure, as a fraction; null: no target for it here. */
export interface Targets {
  p50: number | null;
  p99: number | null;
}

/** The targets of a scenario: its traffic's shape and its (mean) load as a share of saturation. */
export function targetsFor(traffic: 'poisson' | 'bursty', busy: number): Targets {
  if (busy > TARGET_BUSY_LIMIT + 1e-9) return { p50: null, p99: null };
  return { p50: P50_TARGET, p99: traffic === 'bursty' ? BURSTY_P99_TARGET : P99_TARGET };
}

export interface TargetVerdict {
  /** |mean error| ≤ bound. */
  met: boolean;
  /** The error's 95 % interval lies wholly on the verdict's side of the bound (false without an interval). */
  sure: boolean;
  /** A few words for a table cell: "yes", "no", "yes?", "no?" ("?": the interval crosses the bound). */
  cell: string;
}

/** The verdict on a signed relative error (mean and 95 % interval, fractions) against ±`bound`. */
export function judgeTarget(error: { mean: number; lo: number | null; hi: number | null }, bound: number): TargetVerdict {
  const met = Math.abs(error.mean) <= bound;
  let sure = false;
  if (error.lo !== null && error.hi !== null) {
    sure = met ? error.lo >= -bound && error.hi <= bound : error.lo > bound || error.hi < -bound;
  }
  return { met, sure, cell: `${met ? 'yes' : 'no'}${sure ? '' : '?'}` };
}

/**
 * The knee's error, (measured − predicted) / predicted as everywhere else in servetwin, and its
 * verdict; an unresolved search (the probes ran out) leaves the measured knee a bracket, and the
 * verdict is sure only when the whole bracket agrees.
 */
export function judgeKnee(predictedRps: number, measured: { rps: number; upToRps: number | null }, bound = KNEE_TARGET): { error: number } & TargetVerdict {
  const error = (measured.rps - predictedRps) / predictedRps;
  const hiError = measured.upToRps === null ? error : (measured.upToRps - predictedRps) / predictedRps;
  const verdict = judgeTarget({ mean: error, lo: Math.min(error, hiError), hi: Math.max(error, hiError) }, bound);
  return { error, ...verdict };
}
