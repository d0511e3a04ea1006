// The report's view of a result's candidates: their order (cheapest first when priced, else as
// simulated), their roles (recommended, runner-up, on the frontier), their verdict over every seed,
// their latency at the SLO's percentile, and which of them to chart when a sweep is large.
import type { LatencyStats, StoredCandidate, StoredResult } from '../config/result.js';
import { candidateShortLabels } from './labels.js';

export interface CandidateView {
  candidate: StoredCandidate;
  name: string;
  /** What tells it apart from the others, short (reports/labels.ts): what charts call it. */
  label: string;
  /** Position in the result's candidates[]. */
  index: number;
  recommended: boolean;
  runnerUp: boolean;
  onFrontier: boolean;
  /** $/hour, or null when the result carries no (finite) cost for it or prices nothing at all. */
  costPerHour: number | null;
  costPerMillion: number | null;
  /** End-to-end latency at the SLO's percentile (or, in older results, the stored one covering it: sloStat). */
  sloLatencyMs: number;
  /** Meets the SLO on its run and, when the sweep ran several seeds, on every one of them. */
  meets: boolean;
  /** Lowest SLO attainment over the seeds (the run's own when there is one seed). */
  worstAttainment: number;
  /** Seeds simulated (1 for a plain `simulate` result). */
  seedCount: number;
  seedsMet: number;
  /** dropped / arrived. */
  dropRate: number;
}

export type StatKey = 'p50' | 'p90' | 'p99' | 'p999' | 'max';

const STORED: { key: StatKey; percentile: number; label: string }[] = [
  { key: 'p50', percentile: 50, label: 'p50' },
  { key: 'p90', percentile: 90, label: 'p90' },
  { key: 'p99', percentile: 99, label: 'p99' },
  { key: 'p999', percentile: 99.9, label: 'p99.9' },
];

/**
 * The stored percentile to judge an SLO percentile by: the same one when it is stored, else the
 * next higher (p95 is read as p99 — conservative), else the maximum.
 */
export function sloStat(percentile: number): { key: StatKey; label: string; exact: boolean } {
  for (const s of STORED) if (s.percentile >= percentile - 1e-9) return { key: s.key, label: s.label, exact: Math.abs(s.percentile - percentile) < 1e-9 };
  return { key: 'max', label: 'max', exact: false };
}

/** "p99", "p99.9", "p95" — the SLO's own percentile as a label. */
export function percentileLabel(percentile: number): string {
  return `p${+percentile.toFixed(3)}`;
}

function statOf(stats: LatencyStats, key: StatKey): number {
  return stats[key];
}

const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** True when every candidate carries its exact latency at the SLO's percentile. */
export function exactSloLatency(result: StoredResult): boolean {
  return result.candidates.every((c) => typeof c.latency_at_slo_percentile_ms === 'number');
}

/** How to name CandidateView.sloLatencyMs: the SLO's percentile, or the stored one read in its place. */
export function sloLatencyLabel(result: StoredResult): { label: string; exact: boolean } {
  const percentile = result.scenario.slo.percentile;
  if (exactSloLatency(result)) return { label: percentileLabel(percentile), exact: true };
  const stat = sloStat(percentile);
  return { label: stat.label, exact: stat.exact };
}

/** Every candidate of the result, in reading order: cheapest first when priced, else as simulated. */
export function candidateViews(result: StoredResult): CandidateView[] {
  const stat = sloStat(result.scenario.slo.percentile);
  const frontier = new Set(result.frontier ?? []);
  const rec = result.recommendation ?? null;
  // A result whose costs are all zero (no prices in the scenario) is not ranked by cost.
  const priced = result.candidates.some((c) => (finite(c.cost?.per_hour_usd) ?? 0) > 0 || (finite(c.cost?.per_million_requests_usd) ?? 0) > 0);
  const labels = candidateShortLabels(result.candidates);
  const views = result.candidates.map((c, index): CandidateView => {
    const seeds = c.seeds ?? [];
    const attainments = seeds.length > 0 ? seeds.map((s) => s.slo_attainment) : [c.slo_attainment];
    const seedsMet = seeds.length > 0 ? seeds.filter((s) => s.slo_met).length : c.slo_met ? 1 : 0;
    const arrived = c.requests.arrived;
    return {
      candidate: c,
      name: c.name,
      label: labels[index]!,
      index,
      recommended: rec?.name === c.name,
      runnerUp: rec?.runner_up?.name === c.name,
      onFrontier: frontier.has(c.name),
      costPerHour: priced ? finite(c.cost?.per_hour_usd) : null,
      costPerMillion: priced ? finite(c.cost?.per_million_requests_usd) : null,
      sloLatencyMs: c.latency_at_slo_percentile_ms ?? statOf(c.latency_ms, stat.key),
      meets: c.slo_met && seedsMet === attainments.length,
      worstAttainment: Math.min(...attainments),
      seedCount: attainments.length,
      seedsMet,
      dropRate: c.drop_rate ?? (arrived > 0 ? c.dropped / arrived : 0),
    };
  });
  if (views.some((v) => v.costPerHour !== null)) {
    views.sort((a, b) => (a.costPerHour ?? Infinity) - (b.costPerHour ?? Infinity) || a.index - b.index);
  }
  return views;
}

/**
 * The candidates worth a chart when there are more than `max`: the recommendation and its
 * runner-up, the frontier's candidates that meet the SLO, the others that meet it, the rest of the
 * frontier, then the closest misses. Returned in reading order (that of `views`).
 */
export function chartedViews(views: readonly CandidateView[], max: number): CandidateView[] {
  if (views.length <= max) return [...views];
  const byAttainment = [...views].sort((a, b) => b.worstAttainment - a.worstAttainment);
  const priority = [
    ...views.filter((v) => v.recommended),
    ...views.filter((v) => v.runnerUp),
    ...views.filter((v) => v.onFrontier && v.meets),
    ...views.filter((v) => v.meets),
    ...views.filter((v) => v.onFrontier),
    ...byAttainment,
  ];
  const chosen = new Set<CandidateView>();
  for (const v of priority) {
    if (chosen.size >= max) break;
    chosen.add(v);
  }
  return views.filter((v) => chosen.has(v));
}

export interface LatencyColumn {
  label: string;
  /** Is this the SLO's percentile? */
  slo: boolean;
  value: (v: CandidateView) => number;
}

/**
 * The latency columns of the tables: p50, p90, p99, p99.9, plus the SLO's own percentile when it
 * is none of those and the result carries it, in percentile order.
 */
export function latencyColumns(result: StoredResult): LatencyColumn[] {
  const percentile = result.scenario.slo.percentile;
  const stat = sloStat(percentile);
  const columns = STORED.map((s) => ({ percentile: s.percentile, label: s.label, slo: stat.exact && s.key === stat.key, value: (v: CandidateView) => statOf(v.candidate.latency_ms, s.key) }));
  if (!stat.exact) {
    if (exactSloLatency(result)) columns.push({ percentile, label: percentileLabel(percentile), slo: true, value: (v) => v.sloLatencyMs });
    else for (const c of columns) c.slo = c.label === stat.label;
  }
  return columns.sort((a, b) => a.percentile - b.percentile).map(({ label, slo, value }) => ({ label, slo, value }));
}

/** A candidate whose latency at the SLO's percentile is over this many times the frontier's at its cost is folded in the table. */
export const FOLD_RATIO = 1.5;
/** Tables this short are never folded. */
const FOLD_FROM = 9;

/**
 * The table's rows split in two: those shown, and those folded away as far from the cost / latency
 * frontier — more than FOLD_RATIO × the latency the frontier reaches at their cost or less. The
 * recommendation, its runner-up and the frontier are always shown; short or unpriced tables are
 * not folded.
 */
export function foldViews(views: readonly CandidateView[]): { shown: CandidateView[]; folded: CandidateView[] } {
  const frontier = views.filter((v) => v.onFrontier && v.costPerHour !== null);
  if (views.length < FOLD_FROM || frontier.length === 0) return { shown: [...views], folded: [] };
  const near = (v: CandidateView) => {
    if (v.recommended || v.runnerUp || v.onFrontier || v.costPerHour === null) return true;
    const reach = frontier.filter((f) => f.costPerHour! <= v.costPerHour!).map((f) => f.sloLatencyMs);
    return reach.length === 0 || v.sloLatencyMs <= FOLD_RATIO * Math.min(...reach);
  };
  return { shown: views.filter(near), folded: views.filter((v) => !near(v)) };
}
