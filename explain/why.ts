// Why the winner won: for each candidate that lost, the one constraint that rejected it, chosen by
// a stated rule (ATTRIBUTION_RULE), with the evidence — the seed, the figure and the bound — and,
// where a station was overloaded, its utilisation. The planner's own recommendation
// (planner/recommend.ts) decides who won; this names why each other one did not.
import type { WhyExplanation } from '../config/explain.js';
import type { StoredCandidate, StoredResult } from '../config/result.js';

export const ATTRIBUTION_RULE =
  '"drops, latency, price, tie": the first broken, in this order: drops (the drop bound, max_drop_rate, broken on any seed — a dropped request is also a latency miss, so drops are named first), ' +
  'then latency (fewer than the SLO percentile of requests within latency_ms on any seed), then price (it met the SLO on every seed but costs more than the winner), ' +
  'then tie (as cheap as the winner, and lost the planner’s tie-break: held hardware, then tail latency, then name).';

interface SeedView {
  seed: number;
  slo_attainment: number;
  drop_rate: number;
  latency_at_slo_percentile_ms: number;
}

function seedsOf(c: StoredCandidate, firstSeed: number): SeedView[] {
  if (c.seeds && c.seeds.length > 0) return c.seeds;
  return [{ seed: firstSeed, slo_attainment: c.slo_attainment, drop_rate: c.drop_rate ?? (c.requests.arrived > 0 ? c.dropped / c.requests.arrived : 0), latency_at_slo_percentile_ms: c.latency_at_slo_percentile_ms ?? Number.NaN }];
}

/** `bottleneck`: the candidate's busiest station by formula, to say what caused drops or misses. */
export function whyOf(result: StoredResult, c: StoredCandidate, bottleneck: { station: string; utilization: number } | null): WhyExplanation {
  const slo = result.scenario.slo;
  const maxDrop = slo.max_drop_rate ?? 0.001;
  const need = slo.percentile / 100;
  const rec = result.recommendation;
  if (rec && rec.name === c.name) return { outcome: 'recommended', constraint: null, detail: rec.reason };
  const outcome = rec && rec.name !== null ? 'rejected' : 'no_recommendation';
  const seeds = seedsOf(c, result.scenario.seed);
  const cause = bottleneck && bottleneck.utilization >= 0.9 ? `; its ${bottleneck.station.replace('_', ' ')} ran at ρ = ${bottleneck.utilization.toFixed(2)}${bottleneck.utilization >= 1 ? ', more load than they can serve' : ', close to saturation'}` : '';
  const dropping = seeds.find((s) => s.drop_rate > maxDrop);
  if (dropping) {
    return { outcome, constraint: 'drops', detail: `on seed ${dropping.seed} it dropped ${pct(dropping.drop_rate)} of requests (at most ${pct(maxDrop)} allowed)${cause}` };
  }
  const missing = seeds.find((s) => s.slo_attainment < need);
  if (missing) {
    return {
      outcome,
      constraint: 'latency',
      detail: `on seed ${missing.seed} only ${pct(missing.slo_attainment)} of requests finished within ${slo.latency_ms} ms (needs ${pct(need)}; p${slo.percentile} was ${missing.latency_at_slo_percentile_ms.toFixed(1)} ms)${cause}`,
    };
  }
  const winner = result.candidates.find((x) => x.name === rec?.name);
  if (!winner) return { outcome, constraint: null, detail: 'it met the SLO on every seed simulated' };
  const mine = c.cost?.per_hour_usd ?? 0;
  const theirs = winner.cost?.per_hour_usd ?? 0;
  if (mine > theirs) {
    return { outcome, constraint: 'price', detail: `it met the SLO on every seed but costs ${usd(mine)}/h against ${winner.name}'s ${usd(theirs)}/h (${(((mine - theirs) / Math.max(theirs, 1e-12)) * 100).toFixed(0)} % more)` };
  }
  if (mine === 0 && theirs === 0) {
    // Unpriced: the planner ranks by the instances a candidate holds.
    const held = (x: StoredCandidate) => (x.replica_seconds / result.scenario.measured_s) * x.config.instances;
    if (held(c) > held(winner) + 1e-9) {
      return { outcome, constraint: 'price', detail: `no prices were given, so candidates are ranked by the hardware they hold: it met the SLO on every seed but holds ${held(c).toFixed(1)} instances against ${winner.name}'s ${held(winner).toFixed(1)}` };
    }
  }
  const worst = (x: StoredCandidate) => Math.max(...seedsOf(x, result.scenario.seed).map((v) => v.latency_at_slo_percentile_ms));
  const tail = worst(c) > worst(winner) ? `on tail latency: p${slo.percentile} ${worst(c).toFixed(1)} ms against ${worst(winner).toFixed(1)} ms (worst seed)` : 'on hardware held or name';
  return { outcome, constraint: 'tie', detail: `it met the SLO on every seed at ${mine > 0 ? `the same price (${usd(mine)}/h)` : 'no price'} as ${winner.name}, and lost the planner's tie-break ${tail}` };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)} %`;
}

function usd(x: number): string {
  return x >= 1 ? `$${x.toFixed(2)}` : `$${x.toFixed(4)}`;
}
