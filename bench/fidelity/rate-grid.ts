// The rates the knee is looked for on (bench/fidelity.ts): a geometric grid, each rate at most
// `step` above the one below it, so "the knee within 5 %" is not lost to the grid's own coarseness
// (issue #8 asks for steps of at most 2.5 %). Pure; the prediction simulates every point, the
// measurement searches it (bench/fidelity/knee-search.ts).

/** The widest step the issue allows between neighbouring rates. */
export const MAX_GRID_STEP = 0.025;

/**
 * Rates from `loRps` to `hiRps` (both included), ascending, each `(hiRps / loRps)^(1/n)` times
 * the one below, n the fewest intervals that keep that ratio at most 1 + `step`.
 */
export function rateGrid(loRps: number, hiRps: number, step = 0.02): number[] {
  if (!(loRps > 0 && Number.isFinite(loRps))) throw new RangeError(`rateGrid: expected a positive lowest rate, got ${loRps}`);
  if (!(hiRps > loRps && Number.isFinite(hiRps))) throw new RangeError(`rateGrid: expected a highest rate above ${loRps}, got ${hiRps}`);
  if (!(step > 0 && step <= MAX_GRID_STEP)) throw new RangeError(`rateGrid: expected a step in (0, ${MAX_GRID_STEP}], got ${step}`);
  // A hair under the exact count would round a ratio of exactly 1 + step up to one more interval.
  const n = Math.max(1, Math.ceil(Math.log(hiRps / loRps) / Math.log1p(step) - 1e-9));
  const ratio = (hiRps / loRps) ** (1 / n);
  const rates = Array.from({ length: n + 1 }, (_, i) => loRps * ratio ** i);
  rates[n] = hiRps;
  return rates;
}

/** The largest relative step between neighbours of `rates` (ascending). */
export function largestStep(rates: readonly number[]): number {
  let widest = 0;
  for (let i = 1; i < rates.length; i++) widest = Math.max(widest, rates[i]! / rates[i - 1]! - 1);
  return widest;
}
