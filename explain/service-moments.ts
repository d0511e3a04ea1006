// What a batch of n items costs an instance, as the simulator draws it: the mean S(n) and the
// squared coefficient of variation Cs² = Var / mean² the closed forms take. The mean is the
// simulator's own (simulator/fleet/service-time.ts, the profile's forward pass with any measured
// serving overhead, scaled for an edge device); the variance is exact for the parametric kinds and,
// for measured or imported samples, taken over the simulator's own inverse CDF on a fine grid of
// probabilities. A batch size whose samples hold a single value (an import that gave only a mean)
// has no variability to measure: its Cs² is unknown, and says why.
import { isParametric, type ParametricProfile, type Profile } from '../config/profile.js';
import type { ServiceTime } from '../simulator/fleet/service-time.js';

export interface ServiceMoments {
  meanMs: number;
  /** Null when the profile cannot tell (see `scvNote`). */
  scv: number | null;
  /** Why the SCV is missing, or how it was obtained when that matters (fitted, not measured). */
  scvNote: string | null;
}

/** A measured or imported batch, as far as the moments need it. */
interface ProfileBatch {
  batch_size: number;
  samples_ms: readonly number[];
  synthesis?: string;
}

/** Points of the probability grid the empirical variance is taken over. */
const GRID = 20_000;

/** S(n) and Cs² of a batch of `items` on `serviceTime`, which the simulator built from `profile` (scaled by `scale`, plus `addMs`). */
export function serviceMoments(profile: Profile | ParametricProfile, serviceTime: ServiceTime, items: number, live: { scale: number; addMs: number }): ServiceMoments {
  const meanMs = serviceTime.mean(items);
  if (isParametric(profile)) {
    // The forward pass X has the profile's own mean and spread; the instance holds scale·X + add
    // (an edge device divides both by its speed, which leaves the SCV as it is).
    const bare = typeof profile.mean_ms === 'number' ? profile.mean_ms : profile.mean_ms.base_ms + profile.mean_ms.per_item_ms * items;
    const sd = profile.kind === 'deterministic' ? 0 : profile.kind === 'exponential' ? bare : profile.cv * bare;
    const held = live.scale * bare + live.addMs;
    return { meanMs, scv: held > 0 ? (live.scale * sd) ** 2 / held ** 2 : null, scvNote: null };
  }
  const batches: readonly ProfileBatch[] = profile.batches;
  const used = batchesAround(batches, items);
  const single = used.find((b) => new Set(b.samples_ms).size < 2);
  if (single) {
    return { meanMs, scv: null, scvNote: `the profile holds a single value for batch size ${single.batch_size} (${single.samples_ms.length} sample${single.samples_ms.length === 1 ? '' : 's'}${single.synthesis ? `: ${single.synthesis}` : ''}), so its variability is unknown` };
  }
  // E[X] and E[X²] over the simulator's own draws at probabilities (i + ½)/GRID.
  let sum = 0;
  let sq = 0;
  let i = 0;
  const u = () => (i + 0.5) / GRID;
  for (i = 0; i < GRID; i++) {
    const x = serviceTime.sample(items, u);
    sum += x;
    sq += x * x;
  }
  const m = sum / GRID;
  const scv = m > 0 ? Math.max(0, sq / GRID - m * m) / (m * m) : null;
  const fitted = used.find((b) => b.synthesis);
  return { meanMs, scv, scvNote: fitted ? `fitted, not measured: batch size ${fitted.batch_size}'s samples are synthesised (${fitted.synthesis})` : null };
}

/** The measured batch sizes whose samples the simulator draws a batch of `items` from. */
function batchesAround<B extends { batch_size: number }>(batches: readonly B[], items: number): B[] {
  const exact = batches.find((b) => b.batch_size === items);
  if (exact) return [exact];
  if (batches.length === 1) return [batches[0]!];
  const above = batches.findIndex((b) => b.batch_size > items);
  if (above === 0) return [batches[0]!, batches[1]!];
  if (above === -1) return batches.slice(-2);
  return [batches[above - 1]!, batches[above]!];
}
