// The margin a recommendation stands on: the winner's latency at the SLO's percentile against the
// SLO, its spread over the seeds (and, where the profile records confidence intervals, with the
// profile at their slow end), the next-cheapest candidate that also meets the SLO, and whether the
// choice is a close call — defined once, here (CLOSE_CALL_RULE). Pure: plan() and merge reach it
// through conclude() with the same candidates and get the same words.
import type { Margin } from '../config/result.js';

export interface MarginCandidate {
  name: string;
  /** What candidates are ranked by: $/hour, or instances held when nothing is priced. */
  cost: number;
  seeds: readonly { latency_at_slo_percentile_ms: number; drop_rate: number; slo_met: boolean }[];
  /** The same candidate with the profile at the slow end of its 95 % intervals (planner/calibration-spread.ts). */
  calibration_high?: { latency_at_slo_percentile_ms: number; slo_met: boolean };
}

/** Within this fraction of the winner's cost, another candidate that meets the SLO makes the choice close. */
export const CLOSE_COST_FRACTION = 0.05;

export const CLOSE_CALL_RULE =
  'a close call: the winner’s margin under the SLO (its worst seed) is inside the spread of that latency over the seeds, or it misses the SLO with the profile at the slow end of the calibration’s 95 % intervals, or another candidate that meets the SLO costs within 5 % of it, or one that costs no more misses the SLO by less than the spread of its own latency over the seeds';

const ms = (x: number) => `${x.toFixed(1)} ms`;

function worst(c: MarginCandidate): number {
  return Math.max(...c.seeds.map((s) => s.latency_at_slo_percentile_ms));
}
function best(c: MarginCandidate): number {
  return Math.min(...c.seeds.map((s) => s.latency_at_slo_percentile_ms));
}
const meets = (c: MarginCandidate) => c.seeds.length > 0 && c.seeds.every((s) => s.slo_met);

/**
 * The recommendation's margin, or null when there is no winner. `describeCost` writes a cost as the
 * ranking reads it ("$0.1700/h", "4.0 instances").
 */
export function recommendationMargin(
  candidates: readonly MarginCandidate[],
  winnerName: string | null,
  slo: { latency_ms: number; max_drop_rate: number },
  describeCost: (cost: number) => string,
): Margin | null {
  const winner = candidates.find((c) => c.name === winnerName);
  if (!winner || winner.seeds.length === 0) return null;
  const w = worst(winner);
  const spread = w - best(winner);
  const margin = slo.latency_ms - w;
  const because: string[] = [];
  if (margin <= spread && winner.seeds.length > 1) {
    because.push(`its margin (${ms(margin)} under the SLO on its worst seed) is inside the spread of its latency over the seeds (${ms(spread)})`);
  }
  const calibration = winner.calibration_high ?? null;
  if (calibration && !calibration.slo_met) {
    because.push(`with the profile at the slow end of the calibration’s 95 % intervals it misses the SLO (${ms(calibration.latency_at_slo_percentile_ms)} on its worst seed)`);
  }
  const passing = candidates.filter((c) => c !== winner && meets(c) && c.cost >= winner.cost).sort((a, b) => a.cost - b.cost || worst(a) - worst(b) || a.name.localeCompare(b.name));
  const next = passing[0];
  if (next && next.cost <= winner.cost * (1 + CLOSE_COST_FRACTION)) {
    because.push(`${next.name} also meets the SLO at ${next.cost === winner.cost ? 'the same cost' : 'a cost within 5 %'} (${describeCost(next.cost)} against ${describeCost(winner.cost)})`);
  }
  const nearMiss = candidates
    .filter((c) => c !== winner && !meets(c) && c.seeds.length > 0 && c.cost <= winner.cost)
    .filter((c) => c.seeds.some((s) => s.slo_met) || (c.seeds.every((s) => s.drop_rate <= slo.max_drop_rate) && worst(c) - slo.latency_ms <= worst(c) - best(c)))
    .sort((a, b) => a.cost - b.cost || worst(a) - worst(b) || a.name.localeCompare(b.name))[0];
  if (nearMiss) {
    const met = nearMiss.seeds.filter((s) => s.slo_met).length;
    because.push(
      met > 0
        ? `${nearMiss.name} costs no more (${describeCost(nearMiss.cost)}) and meets the SLO on ${met} of ${nearMiss.seeds.length} seeds`
        : `${nearMiss.name} costs no more (${describeCost(nearMiss.cost)}) and misses the SLO by less than the spread of its own latency over the seeds (${ms(worst(nearMiss))} on its worst seed, spread ${ms(worst(nearMiss) - best(nearMiss))})`,
    );
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    slo_latency_ms: slo.latency_ms,
    worst_ms: round(w),
    best_ms: round(best(winner)),
    margin_ms: round(margin),
    seed_spread_ms: round(spread),
    calibration_ms: calibration ? round(calibration.latency_at_slo_percentile_ms) : null,
    next_passing: next
      ? { name: next.name, cost: round(next.cost), cost_difference: round(winner.cost > 0 ? next.cost / winner.cost - 1 : 0), worst_ms: round(worst(next)), margin_ms: round(slo.latency_ms - worst(next)) }
      : null,
    close_call: because.length > 0,
    close_because: because,
  };
}
