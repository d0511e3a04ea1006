// The search behind `servetwin capacity`: the highest level (a load multiplier, or an MMPP's
// peak-to-trough ratio) at which a candidate still passes, found by bracketing (doubling or halving
// from the start level within the bounds) and then bisection in log space until the bracket is
// narrower than the tolerance. Passing need not be monotone in load (an autoscaler, bursts, the
// seeds), so points below the edge are checked as well, and a failure below it makes the outcome
// `non_monotone` with a conservative figure instead of the bisection's. Knows nothing of
// simulation: planner/capacity.ts gives it the probe.

export interface SearchOptions {
  /** Lowest and highest level the search may try. */
  min: number;
  max: number;
  /** Where it starts (the scenario as written: 1 for a load multiplier). */
  start: number;
  /** Relative width of the final bracket: stop when breaks_at / edge ≤ 1 + tolerance. */
  tolerance: number;
  /** Fractions of the edge checked below it (besides the points bracketing tried). */
  below: readonly number[];
}

export const DEFAULT_BELOW_EDGE_CHECKS = [0.9, 0.75, 0.5, 0.25] as const;

export type SearchStatus = 'found' | 'none' | 'at_bound' | 'non_monotone';

export interface SearchOutcome {
  /**
   * found: passes up to `edge` and fails just above it; none: fails even at `min`; at_bound: passes
   * at `max` (the capacity is at least that); non_monotone: a level below the bisection's edge failed.
   */
  status: SearchStatus;
  /** The highest level that passed with every level tried below it passing too (null: none did). */
  sustainable: number | null;
  /** The bisection's edge: the highest passing level of the final bracket (null when none passed). */
  edge: number | null;
  /** The lowest failing level above `sustainable` (null at the upper bound; `min` when none passed). */
  breaks_at: number | null;
  /** Levels below the edge that failed (non_monotone only). */
  failures_below: number[];
  /** Every level tried, in increasing order. */
  tried: { level: number; pass: boolean }[];
}

/** Levels that close to one already tried are not tried again (the same point, for the simulator's purposes). */
const SAME = 1e-9;
/** A below-edge check is skipped when a level within this factor of it was tried already. */
const NEAR = 0.1;

export async function searchEdge(probe: (level: number) => Promise<boolean>, options: SearchOptions): Promise<SearchOutcome> {
  const { min, max, tolerance } = options;
  if (!(min > 0 && max >= min && options.start >= min && options.start <= max)) throw new Error(`searchEdge: expected 0 < min <= start <= max, got ${min}, ${options.start}, ${max}`);
  const results = new Map<number, boolean>();
  const tryLevel = async (level: number): Promise<boolean> => {
    for (const [l, pass] of results) if (Math.abs(l - level) <= SAME * level) return pass;
    const pass = await probe(level);
    results.set(level, pass);
    return pass;
  };
  const outcome = (status: SearchStatus, sustainable: number | null, edge: number | null, breaksAt: number | null, failuresBelow: number[] = []): SearchOutcome => ({
    status,
    sustainable,
    edge,
    breaks_at: breaksAt,
    failures_below: failuresBelow,
    tried: [...results].map(([level, pass]) => ({ level, pass })).sort((a, b) => a.level - b.level),
  });

  // Bracketing: lo passes, hi fails.
  let lo: number;
  let hi: number | null;
  if (await tryLevel(options.start)) {
    lo = options.start;
    hi = null;
    while (lo < max) {
      const next = Math.min(lo * 2, max);
      if (await tryLevel(next)) lo = next;
      else {
        hi = next;
        break;
      }
    }
  } else {
    hi = options.start;
    let found: number | null = null;
    while (hi > min) {
      const next = Math.max(hi / 2, min);
      if (await tryLevel(next)) {
        found = next;
        break;
      }
      hi = next;
    }
    if (found === null) return outcome('none', null, null, min);
    lo = found;
  }

  // Bisection in log space: the multiplier's precision is relative.
  if (hi !== null) {
    while (hi / lo > 1 + tolerance) {
      const mid = Math.sqrt(lo * hi);
      if (await tryLevel(mid)) lo = mid;
      else hi = mid;
    }
  }

  // Below the edge: bisection trusts that everything under a pass passes; check it.
  for (const f of options.below) {
    const level = lo * f;
    if (level < min) continue;
    // A level already tried close to it stands for it (the bracketing's own points often do).
    const near = [...results.keys()].some((l) => Math.abs(l / level - 1) < NEAR);
    if (!near) await tryLevel(level);
  }
  const failuresBelow = [...results].filter(([level, pass]) => level < lo && !pass).map(([level]) => level).sort((a, b) => a - b);
  if (failuresBelow.length > 0) {
    const lowestFailure = failuresBelow[0]!;
    const passesUnder = [...results].filter(([level, pass]) => pass && level < lowestFailure).map(([level]) => level);
    const sustainable = passesUnder.length > 0 ? Math.max(...passesUnder) : null;
    return outcome('non_monotone', sustainable, lo, lowestFailure, failuresBelow);
  }
  return hi === null ? outcome('at_bound', lo, lo, null) : outcome('found', lo, lo, hi);
}
