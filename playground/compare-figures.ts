// A/B with the same randomness: the figures two configurations are compared on, and the rule that
// keeps noise from being shown as an effect. Both sides run on the same seeds — the simulator
// draws every random number from streams named after what they decide (arrivals, service times,
// provisioning, …) and seeded from the scenario's seed, so the same seed gives both sides the same
// traffic and the same dice — and on a few more seeds, whose spread says how much a figure moves by
// chance alone. A difference is called an effect only when it is larger than that spread (the
// larger of the two sides' ranges over the seeds) and has the same sign on every seed.
import type { CandidateResult } from '../config/result.js';
import { priceCandidate } from '../planner/cost.js';
import type { Scenario } from '../config/scenario.js';

/** Seeds per side: the shown one and this many more, for the spread. */
export const SPREAD_SEEDS = 2;

export interface Figure {
  id: string;
  label: string;
  unit: 'ms' | 'share' | 'rps' | 'usd_h' | 'usd_m' | 'count';
  /** Which way is better, for the words beside a difference. */
  better: 'lower' | 'higher';
  of(c: CandidateResult, s: Scenario): number | null;
}

/** Priced as `simulate` prices it: each tier at its own price. */
const price = (c: CandidateResult, s: Scenario) => priceCandidate(s.candidates[0]!, c, s);

export const FIGURES: readonly Figure[] = [
  { id: 'p50', label: 'p50 latency', unit: 'ms', better: 'lower', of: (c) => c.latency_ms.p50 },
  { id: 'p99', label: 'p99 latency', unit: 'ms', better: 'lower', of: (c) => c.latency_ms.p99 },
  { id: 'mean', label: 'Mean latency', unit: 'ms', better: 'lower', of: (c) => c.latency_ms.mean },
  { id: 'attainment', label: 'Within the SLO latency', unit: 'share', better: 'higher', of: (c) => c.slo_attainment },
  { id: 'drops', label: 'Dropped', unit: 'share', better: 'lower', of: (c) => (c.requests.arrived > 0 ? c.dropped / c.requests.arrived : 0) },
  { id: 'throughput', label: 'Throughput', unit: 'rps', better: 'higher', of: (c) => c.throughput_rps },
  { id: 'replicas', label: 'Replicas ready (mean)', unit: 'count', better: 'lower', of: (c) => c.replicas.mean },
  { id: 'per_hour', label: 'Cost per hour', unit: 'usd_h', better: 'lower', of: (c, s) => price(c, s).per_hour_usd },
  { id: 'per_million', label: 'Cost per million requests', unit: 'usd_m', better: 'lower', of: (c, s) => { const v = price(c, s).per_million_requests_usd; return Number.isFinite(v) ? v : null; } },
];

export type Verdict = 'effect' | 'noise' | 'same' | 'pending';

export interface Difference {
  figure: Figure;
  a: number | null;
  b: number | null;
  /** b − a on the shown seed. */
  delta: number | null;
  /** The larger of the two sides' ranges over the seeds (null until every seed has run). */
  spread: number | null;
  verdict: Verdict;
}

/** One side: the shown seed's result first, then the other seeds' (those that have run). */
export interface Side {
  scenario: Scenario;
  results: readonly CandidateResult[];
}

function range(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}

/** Every figure of A and B side by side, with its difference and whether it stands out of the noise. */
export function differences(a: Side, b: Side, seeds = 1 + SPREAD_SEEDS): Difference[] {
  return FIGURES.map((figure) => {
    const as = a.results.map((r) => figure.of(r, a.scenario));
    const bs = b.results.map((r) => figure.of(r, b.scenario));
    const av = as[0] ?? null;
    const bv = bs[0] ?? null;
    if (av === null || bv === null) return { figure, a: av, b: bv, delta: null, spread: null, verdict: 'pending' };
    const delta = bv - av;
    const complete = as.length >= seeds && bs.length >= seeds && as.every((v) => v !== null) && bs.every((v) => v !== null);
    if (!complete) return { figure, a: av, b: bv, delta, spread: null, verdict: delta === 0 ? 'same' : 'pending' };
    const spread = Math.max(range(as as number[]), range(bs as number[]));
    const paired = as.map((v, i) => (bs[i] as number) - (v as number));
    const sameSign = paired.every((d) => Math.sign(d) === Math.sign(delta));
    const verdict: Verdict = delta === 0 ? 'same' : Math.abs(delta) > spread && sameSign ? 'effect' : 'noise';
    return { figure, a: av, b: bv, delta, spread, verdict };
  });
}

/** The traffic-shaping parts of a scenario: when A's and B's differ, the comparison is not like for like. */
export function trafficDiffers(a: Scenario, b: Scenario): string[] {
  const out: string[] = [];
  if (JSON.stringify(a.traffic) !== JSON.stringify(b.traffic)) out.push('traffic');
  if (a.seed !== b.seed) out.push('seed');
  if (a.duration_s !== b.duration_s || a.warmup_s !== b.warmup_s) out.push('run length');
  if (JSON.stringify(a.sites ?? null) !== JSON.stringify(b.sites ?? null)) out.push('client sites');
  return out;
}
