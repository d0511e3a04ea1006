// The one question a profile answers for the simulator: "draw a service time for a batch of n".
// Measured and imported profiles sample their empirical distributions by inverse CDF, with the
// distribution (every quantile, not just the mean) interpolated between measured batch sizes and
// extrapolated, as `extrapolation` states, outside them. Parametric profiles use closed forms.
// Every kind consumes exactly one uniform per draw and allocates nothing, so the simulator's hot
// loop stays cheap and common random numbers line up across profiles.
import type { Uniform } from '../../common/rng.js';
import { isParametric, type ParametricProfile, type Profile } from '../../config/profile.js';
import { normalQuantile } from '../../common/normal-quantile.js';

export interface ServiceTime {
  /** Draws a service time in ms for a batch of `items` (integer >= 1) from the uniform stream `u`. Must be fast: no allocation per call (the simulator calls it millions of times). */
  sample(items: number, u: Uniform): number;
  /** Expected service time in ms for a batch of `items`. */
  mean(items: number): number;
  /** Model cold start in ms (session creation + first run), 0 when unknown. */
  readonly coldStartMs: number;
  /** Largest batch size actually measured (Infinity for parametric); beyond it values are extrapolated as `extrapolation` states. */
  readonly maxMeasuredBatch: number;
  readonly extrapolation: string;
}

/**
 * The service time of a batch on one instance. With the profile's `serving_overhead` (measured live,
 * config/serving-overhead.ts) a batch holds its instance for compute_scale · forward pass +
 * per_batch_ms, which is what the engine's instance pays; `forwardPassOnly` leaves that out (to
 * compare a live forward pass with the profiled one). `sharedCpus`: the replica's CPUs are modelled
 * (cpu-model.ts), which slows the forward pass by what runs beside it, so compute_scale — a live
 * factor that held that slowdown at the load it was measured at — is not applied again; the time is
 * then the work alone on a core, to which the dispatcher adds the after-idle penalty where the
 * profile measured one (after-idle.ts). Still one uniform per draw, no allocation.
 */
export function serviceTimeFor(profile: Profile | ParametricProfile, opts: { forwardPassOnly?: boolean; sharedCpus?: boolean } = {}): ServiceTime {
  const bare = forwardPass(profile);
  const servingOverhead = opts.forwardPassOnly ? undefined : profile.serving_overhead;
  if (servingOverhead === undefined) return bare;
  const scale = opts.sharedCpus ? 1 : servingOverhead.compute_scale;
  if (scale === 1 && servingOverhead.per_batch_ms === 0) return bare;
  return new LiveServiceTime(bare, scale, servingOverhead.per_batch_ms);
}

function forwardPass(profile: Profile | ParametricProfile): ServiceTime {
  if (isParametric(profile)) return parametricServiceTime(profile);
  const coldStartMs =
    profile.kind === 'measured' ? profile.cold_start.session_create_ms + profile.cold_start.first_run_ms : (profile.cold_start_ms ?? 0);
  return new EmpiricalServiceTime(
    profile.batches.map((b) => ({ batchSize: b.batch_size, samplesMs: b.samples_ms })),
    coldStartMs,
  );
}

/** The profiled forward pass as the live engine's instance pays it: scale · t + add. */
class LiveServiceTime implements ServiceTime {
  readonly coldStartMs: number;
  readonly maxMeasuredBatch: number;
  readonly extrapolation: string;
  constructor(
    private readonly inner: ServiceTime,
    private readonly scale: number,
    private readonly add: number,
  ) {
    this.coldStartMs = inner.coldStartMs;
    this.maxMeasuredBatch = inner.maxMeasuredBatch;
    this.extrapolation = inner.extrapolation;
  }
  sample(items: number, u: Uniform): number {
    return this.inner.sample(items, u) * this.scale + this.add;
  }
  mean(items: number): number {
    return this.inner.mean(items) * this.scale + this.add;
  }
}

// ---- parametric --------------------------------------------------------------------------------

function parametricServiceTime(p: ParametricProfile): ServiceTime {
  const base = typeof p.mean_ms === 'number' ? p.mean_ms : p.mean_ms.base_ms;
  const perItem = typeof p.mean_ms === 'number' ? 0 : p.mean_ms.per_item_ms;
  const mean = (items: number): number => base + perItem * items;
  const shared = {
    mean,
    coldStartMs: p.cold_start_ms ?? 0,
    maxMeasuredBatch: Number.POSITIVE_INFINITY,
    extrapolation:
      perItem === 0
        ? `none needed: ${p.kind} service time with mean ${base} ms for every batch size`
        : `none needed: ${p.kind} service time with mean ${base} + ${perItem}·n ms for a batch of n`,
  };
  switch (p.kind) {
    case 'deterministic':
      return {
        ...shared,
        sample(items, u) {
          u(); // one draw per call whatever the kind, so streams stay aligned across profiles
          return base + perItem * items;
        },
      };
    case 'exponential':
      return {
        ...shared,
        sample(items, u) {
          return -(base + perItem * items) * Math.log(1 - u());
        },
      };
    case 'lognormal': {
      // mean m and cv c: σ² = ln(1 + c²), μ = ln m − σ²/2.
      const sigma2 = Math.log(1 + p.cv * p.cv);
      const sigma = Math.sqrt(sigma2);
      return {
        ...shared,
        sample(items, u) {
          return Math.exp(Math.log(base + perItem * items) - sigma2 / 2 + sigma * normalQuantile(u()));
        },
      };
    }
  }
}

// ---- empirical (measured / imported) -----------------------------------------------------------

export interface EmpiricalBatch {
  batchSize: number;
  samplesMs: readonly number[];
}

/**
 * Q_s(p) = sorted[floor(p·m)]: the inverse of the empirical CDF of one measured size s (m samples).
 * For n between measured sizes lo < n < hi: Q_n(p) = (1−w)·Q_lo(p) + w·Q_hi(p), w = (n−lo)/(hi−lo),
 * which is exact at measured sizes and, wherever Q_hi ≥ Q_lo, monotone in n.
 * Beyond the largest size (two or more sizes): Q_n(p) = Q_last(p) + max(0, Q_last(p) − Q_prev(p))·t,
 * t = (n−last)/(last−prev): linear per quantile, never below the last measured size.
 * Below the smallest size: linear per quantile from the two smallest sizes, clamped between
 * proportional scaling Q_first(p)·n/first (no fixed cost) and Q_first(p) (no saving at all).
 * With a single measured size s: constant below s, proportional (constant per-item time) above.
 */
export class EmpiricalServiceTime implements ServiceTime {
  readonly coldStartMs: number;
  readonly maxMeasuredBatch: number;
  readonly extrapolation: string;
  private readonly sizes: Float64Array;
  private readonly sorted: Float64Array[];
  private readonly means: Float64Array;
  /** E[max(0, Q_last(U) − Q_prev(U))], so the extrapolated mean is exact and O(1). */
  private readonly growthAbove: number;
  private readonly meansBelow = new Map<number, number>();

  constructor(batches: readonly EmpiricalBatch[], coldStartMs = 0) {
    if (batches.length === 0) throw new Error('a profile needs at least one measured batch size');
    const ordered = [...batches].sort((a, b) => a.batchSize - b.batchSize);
    this.sizes = Float64Array.from(ordered, (b) => b.batchSize);
    this.sorted = ordered.map((b) => {
      if (b.samplesMs.length === 0) throw new Error(`batch size ${b.batchSize} has no samples`);
      return Float64Array.from(b.samplesMs).sort();
    });
    this.means = Float64Array.from(this.sorted, (s) => s.reduce((acc, x) => acc + x, 0) / s.length);
    this.coldStartMs = coldStartMs;
    const k = this.sizes.length;
    this.maxMeasuredBatch = this.sizes[k - 1]!;
    this.growthAbove = k >= 2 ? expectOver(this.sorted[k - 1]!, this.sorted[k - 2]!, (last, prev) => Math.max(0, last - prev)) : 0;
    this.extrapolation = describeRule(this.sizes);
  }

  sample(items: number, u: Uniform): number {
    const p = u();
    const sizes = this.sizes;
    const k = sizes.length;
    const first = sizes[0]!;
    if (k === 1) {
      const q = quantile(this.sorted[0]!, p);
      return items <= first ? q : (q * items) / first;
    }
    if (items < first) return this.belowQuantile(items, quantile(this.sorted[0]!, p), quantile(this.sorted[1]!, p));
    for (let i = 1; i < k; i++) {
      const hi = sizes[i]!;
      if (items <= hi) {
        const lo = sizes[i - 1]!;
        const w = (items - lo) / (hi - lo);
        return (1 - w) * quantile(this.sorted[i - 1]!, p) + w * quantile(this.sorted[i]!, p);
      }
    }
    const last = quantile(this.sorted[k - 1]!, p);
    const prev = quantile(this.sorted[k - 2]!, p);
    const t = (items - sizes[k - 1]!) / (sizes[k - 1]! - sizes[k - 2]!);
    return last + Math.max(0, last - prev) * t;
  }

  mean(items: number): number {
    const sizes = this.sizes;
    const k = sizes.length;
    const first = sizes[0]!;
    if (k === 1) return items <= first ? this.means[0]! : (this.means[0]! * items) / first;
    if (items < first) {
      let m = this.meansBelow.get(items);
      if (m === undefined) {
        m = expectOver(this.sorted[0]!, this.sorted[1]!, (a, b) => this.belowQuantile(items, a, b));
        this.meansBelow.set(items, m);
      }
      return m;
    }
    for (let i = 1; i < k; i++) {
      const hi = sizes[i]!;
      if (items <= hi) {
        const lo = sizes[i - 1]!;
        const w = (items - lo) / (hi - lo);
        return (1 - w) * this.means[i - 1]! + w * this.means[i]!;
      }
    }
    const t = (items - sizes[k - 1]!) / (sizes[k - 1]! - sizes[k - 2]!);
    return this.means[k - 1]! + this.growthAbove * t;
  }

  private belowQuantile(items: number, qFirst: number, qSecond: number): number {
    const first = this.sizes[0]!;
    const linear = qFirst - ((qSecond - qFirst) * (first - items)) / (this.sizes[1]! - first);
    return Math.min(qFirst, Math.max((qFirst * items) / first, linear));
  }
}

/** sorted[floor(p·m)], the empirical quantile (inverse of the right-continuous empirical CDF). */
export function quantile(sorted: Float64Array, p: number): number {
  const m = sorted.length;
  const i = Math.floor(p * m);
  return sorted[i < m ? (i < 0 ? 0 : i) : m - 1]!;
}

/** E[f(Q_a(U), Q_b(U))] for U uniform on [0,1), exactly, by walking both step functions' breakpoints. */
function expectOver(a: Float64Array, b: Float64Array, f: (qa: number, qb: number) => number): number {
  const ma = a.length;
  const mb = b.length;
  let i = 0;
  let j = 0;
  let p = 0;
  let acc = 0;
  while (i < ma && j < mb) {
    // Next breakpoint: (i+1)/ma or (j+1)/mb, compared in integers to avoid rounding ties.
    const ca = (i + 1) * mb;
    const cb = (j + 1) * ma;
    const next = Math.min(ca, cb) / (ma * mb);
    acc += (next - p) * f(a[i]!, b[j]!);
    p = next;
    if (ca <= cb) i++;
    if (cb <= ca) j++;
  }
  return acc;
}

function describeRule(sizes: Float64Array): string {
  const k = sizes.length;
  const list = Array.from(sizes).join(', ');
  const first = sizes[0]!;
  const last = sizes[k - 1]!;
  if (k === 1) {
    return `measured at batch size ${last} only: below it the same distribution (no saving assumed), above it scaled in proportion to n (constant per-item time)`;
  }
  const prev = sizes[k - 2]!;
  const below =
    first > 1
      ? `; below ${first}, each quantile is extrapolated linearly from sizes ${first} and ${sizes[1]!}, kept between proportional scaling (n/${first}) and the size-${first} value`
      : '';
  return (
    `measured at batch sizes ${list}; between them each quantile is interpolated linearly in n; ` +
    `beyond ${last}, each quantile is extrapolated linearly from sizes ${prev} and ${last}, never below its size-${last} value${below}`
  );
}
