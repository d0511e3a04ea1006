// The knee: the highest rate on a grid (bench/fidelity/rate-grid.ts) at which the p99 SLO holds on
// every seed. Predicted, every grid point is simulated and `highestPassing` reads it off; measured,
// each point costs several replays, so `searchKnee` looks for it with a bounded number of probes:
// from a starting point (the predicted knee) it steps up or down by doubling strides until the
// answer changes, bisects the bracket to neighbouring points, then probes the point above the first
// failure — if that one passes, the failure was a dip (noise, or a truly non-monotone curve) and
// the search goes on upwards from there. Pure; bench/fidelity.ts supplies the probe.

/** Whether the SLO holds on every seed at grid point `index`. */
export type Probe = (index: number) => Promise<boolean>;

export interface KneeSearch {
  /** Highest grid index found passing with a failure right above it (null: none passed). */
  knee: number | null;
  /** The failing index right above (or the nearest found above) the knee; null: the grid's top passed. */
  above: number | null;
  /** Every probe, in the order made. */
  probes: { index: number; pass: boolean }[];
  /**
   * True when the answer is pinned down: knee and above are neighbours (and the point above the
   * failure was probed and failed, where the grid has one), or the top passed, or the bottom failed.
   * False when the probes ran out first: the knee lies between `knee` and `above`.
   */
  resolved: boolean;
}

/** The highest index whose entry is true (every point evaluated, as the prediction does); null when none. */
export function highestPassing(passes: readonly boolean[]): number | null {
  for (let i = passes.length - 1; i >= 0; i--) if (passes[i]) return i;
  return null;
}

export async function searchKnee(gridLength: number, start: number, probe: Probe, maxProbes = 8): Promise<KneeSearch> {
  if (!(Number.isInteger(gridLength) && gridLength >= 1)) throw new RangeError(`searchKnee: expected a grid of at least one point, got ${gridLength}`);
  if (!(Number.isInteger(maxProbes) && maxProbes >= 1)) throw new RangeError(`searchKnee: expected at least one probe, got ${maxProbes}`);
  const top = gridLength - 1;
  const known = new Map<number, boolean>();
  const probes: KneeSearch['probes'] = [];
  /** The answer at `i` (a repeated index is free); undefined once the probes are spent. */
  const test = async (i: number): Promise<boolean | undefined> => {
    if (known.has(i)) return known.get(i);
    if (probes.length >= maxProbes) return undefined;
    const pass = await probe(i);
    known.set(i, pass);
    probes.push({ index: i, pass });
    return pass;
  };
  let lo: number | null = null; // highest known pass of the current bracket
  let hi: number | null = null; // lowest known failure above lo
  const done = (resolved: boolean): KneeSearch => ({ knee: lo, above: hi, probes, resolved });

  let from = Math.min(top, Math.max(0, Math.round(start)));
  const first = await test(from);
  if (first === undefined) return done(false);
  if (first) lo = from;
  else hi = from;
  for (;;) {
    if (lo !== null && hi === null) {
      // Up from a pass, strides 1, 2, 4, … until something fails or the grid ends.
      for (let stride = 1; hi === null; stride *= 2) {
        if (lo === top) return done(true);
        const i = Math.min(top, lo + stride);
        const r = await test(i);
        if (r === undefined) return done(false);
        if (r) lo = i;
        else hi = i;
      }
    } else if (hi !== null && lo === null) {
      // Down from a failure until something passes or the bottom fails too.
      for (let stride = 1; lo === null; stride *= 2) {
        if (hi === 0) return done(true);
        const i = Math.max(0, hi - stride);
        const r = await test(i);
        if (r === undefined) return done(false);
        if (r) lo = i;
        else hi = i;
      }
    }
    // Bisect to neighbours.
    while (hi! - lo! > 1) {
      const mid = Math.floor((lo! + hi!) / 2);
      const r = await test(mid);
      if (r === undefined) return done(false);
      if (r) lo = mid;
      else hi = mid;
    }
    // Confirm the failure is not a dip: the point above it must fail too.
    if (hi! === top) return done(true);
    const next = await test(hi! + 1);
    if (next === undefined) return done(false);
    if (!next) return done(true);
    from = hi! + 1;
    lo = from;
    hi = null;
  }
}
