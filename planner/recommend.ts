// The recommendation: the cheapest candidate that meets the SLO on EVERY seed simulated — a
// configuration that passes on one lucky seed is not a recommendation. Also says why the
// runner-up lost, and when nothing qualifies, what came closest and what it would take.
import type { Recommendation as ResultRecommendation, SeedVerdict } from '../config/result.js';

/** What a seed's run says, without its verdict: recommend() judges it here. */
export type SeedOutcome = Omit<SeedVerdict, 'slo_met'>;

export interface CandidateOutcome {
  name: string;
  /** $/hour, the figure candidates are ranked by. */
  cost_per_hour_usd: number;
  /** Hardware held (e.g. mean instances provisioned): breaks ties in cost, as when no prices are given. */
  resources?: number;
  seeds: readonly SeedOutcome[];
}

export interface SloTarget {
  latency_ms: number;
  percentile: number; // in %, e.g. 99
  max_drop_rate: number;
}

export interface Verdict {
  name: string;
  meets: boolean;
  /** The first reason it fails, as a sentence fragment; empty when it meets. */
  why_not: string;
  worst_attainment: number;
}

/** The result's recommendation, less the serving config and the margin (the planner adds them), with every candidate's verdict. */
export type Recommendation = Omit<ResultRecommendation, 'serving_config' | 'margin'> & { verdicts: Verdict[] };

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const usd = (x: number) => `$${x.toFixed(x < 1 ? 4 : 2)}/h`;
/** What a candidate costs, in words: dollars when priced, else the instances it holds. */
const price = (c: CandidateOutcome, priced: boolean) => (priced ? usd(c.cost_per_hour_usd) : `${(c.resources ?? 0).toFixed(1)} instances`);

function worstLatency(c: CandidateOutcome): number {
  return Math.max(...c.seeds.map((s) => s.latency_at_slo_percentile_ms));
}

export function judge(c: CandidateOutcome, slo: SloTarget): Verdict {
  const need = slo.percentile / 100;
  let worst = Number.POSITIVE_INFINITY;
  let why = '';
  for (const s of c.seeds) {
    worst = Math.min(worst, s.slo_attainment);
    if (why !== '') continue;
    if (s.slo_attainment < need) {
      why = `on seed ${s.seed} only ${pct(s.slo_attainment)} of requests finished within ${slo.latency_ms} ms (needs ${pct(need)}; p${slo.percentile} was ${s.latency_at_slo_percentile_ms.toFixed(1)} ms)`;
    } else if (s.drop_rate > slo.max_drop_rate) {
      why = `on seed ${s.seed} it dropped ${pct(s.drop_rate)} of requests (at most ${pct(slo.max_drop_rate)} allowed)`;
    }
  }
  return { name: c.name, meets: why === '' && c.seeds.length > 0, why_not: c.seeds.length === 0 ? 'no seed was simulated' : why, worst_attainment: worst };
}

export function recommend(candidates: readonly CandidateOutcome[], slo: SloTarget): Recommendation {
  const priced = candidates.some((c) => c.cost_per_hour_usd > 0);
  const cost = (x: number) => (priced ? x : 0); // unpriced: rank by resources alone
  const verdicts = candidates.map((c) => judge(c, slo));
  const byCost = candidates
    .map((c, i) => ({ c, v: verdicts[i]! }))
    .sort(
      (a, b) =>
        cost(a.c.cost_per_hour_usd) - cost(b.c.cost_per_hour_usd) ||
        (a.c.resources ?? 0) - (b.c.resources ?? 0) ||
        worstLatency(a.c) - worstLatency(b.c) ||
        a.c.name.localeCompare(b.c.name),
    );
  const seedCount = Math.max(0, ...candidates.map((c) => c.seeds.length));
  const winnerIndex = byCost.findIndex((x) => x.v.meets);
  if (winnerIndex >= 0) {
    const { c } = byCost[winnerIndex]!;
    const reason = `${c.name} is the ${priced ? 'cheapest' : 'smallest'} candidate (${price(c, priced)}) that meets p${slo.percentile} ≤ ${slo.latency_ms} ms with at most ${pct(slo.max_drop_rate)} dropped on all ${seedCount} seed(s).`;
    // The runner-up is the closest candidate at the winner's price or below that failed (why it
    // could not win); when there is none, the next one up.
    const winnerCost = cost(c.cost_per_hour_usd);
    const notDearer = byCost.filter((x) => !x.v.meets && cost(x.c.cost_per_hour_usd) <= winnerCost && (priced || (x.c.resources ?? 0) <= (c.resources ?? 0)));
    const closestCheaper = notDearer.sort((a, b) => b.v.worst_attainment - a.v.worst_attainment)[0];
    let runner_up: Recommendation['runner_up'] = null;
    if (closestCheaper) {
      const same = priced ? cost(closestCheaper.c.cost_per_hour_usd) === winnerCost : closestCheaper.c.resources === c.resources;
      const words = same ? 'the same price' : priced ? 'cheaper' : 'smaller';
      runner_up = { name: closestCheaper.c.name, why: `${words} (${price(closestCheaper.c, priced)}) but ${closestCheaper.v.why_not}` };
    } else {
      const next = byCost[winnerIndex + 1];
      if (next) {
        const sameCost = priced ? next.c.cost_per_hour_usd === c.cost_per_hour_usd : next.c.resources === c.resources;
        runner_up = {
          name: next.c.name,
          why: next.v.meets
            ? sameCost
              ? `also meets the SLO at the same price (${price(next.c, priced)}), with a higher tail: p${slo.percentile} ${worstLatency(next.c).toFixed(1)} ms against ${worstLatency(c).toFixed(1)} ms (worst seed)`
              : `also meets the SLO but costs ${price(next.c, priced)}${priced ? ` (${((next.c.cost_per_hour_usd / Math.max(c.cost_per_hour_usd, 1e-12) - 1) * 100).toFixed(0)} % more)` : ''}`
            : `costs more (${price(next.c, priced)}) and ${next.v.why_not}`,
        };
      }
    }
    return { name: c.name, reason, runner_up, verdicts };
  }
  const closest = [...byCost].sort((a, b) => b.v.worst_attainment - a.v.worst_attainment)[0];
  if (!closest) return { name: null, reason: 'No candidate was simulated.', runner_up: null, verdicts };
  const worstUtil = Math.max(...closest.c.seeds.map((s) => s.utilization));
  const hint =
    worstUtil > 0.85
      ? `its instances were ${pct(worstUtil)} busy, so it needs more capacity (more instances or replicas, or larger batches) — roughly ${Math.ceil((worstUtil / 0.7) * 10) / 10}× to bring utilisation near 70 %`
      : `its instances were only ${pct(worstUtil)} busy, so the latency comes from elsewhere (network, batching delay or the service time itself): try a shorter max_queue_delay_ms, a closer tier, or a faster profile`;
  return {
    name: null,
    reason: `No candidate meets p${slo.percentile} ≤ ${slo.latency_ms} ms on every seed. Closest: ${closest.c.name}, which ${closest.v.why_not}; ${hint}.`,
    runner_up: null,
    verdicts,
  };
}
