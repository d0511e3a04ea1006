// Cost arithmetic a reader can redo by hand: replicas × the price of one an hour (spot discount
// applied), or for serverless pricing the requests and busy GB-seconds, plus egress; $ per million
// requests = $/hour ÷ (throughput × 3600) × 10⁶; and for an autoscaled candidate, what holding its
// peak replica count all the time would cost, what it saved, and how long it sat at zero replicas.
// Beside it, the planner's own price of the run (planner/cost.ts), which the formula should match.
// Built by explain/explain.ts.
import { CostSchema, type Cost } from '../config/cost.js';
import type { CostExplanation } from '../config/explain.js';
import type { Candidate, Scenario } from '../config/scenario.js';
import type { StoredCandidate } from '../config/result.js';

function hourly(cost: Cost): number {
  return cost.capacity === 'spot' ? cost.replica_per_hour_usd * (1 - cost.spot_discount) : cost.replica_per_hour_usd;
}

export function costOf(scenario: Scenario, candidate: Candidate, r: StoredCandidate): CostExplanation {
  const windowS = scenario.duration_s - scenario.warmup_s;
  const cost = candidate.cost ?? scenario.cost ?? CostSchema.parse({});
  const notes: string[] = [];
  const replicasBilled = windowS > 0 ? r.replica_seconds / windowS : 0;
  const simulated = r.cost?.per_hour_usd ?? null;
  const egressPerHour = r.usage && windowS > 0 ? ((r.usage.egress_bytes / 1e9) * cost.egress_per_gb_usd * 3600) / windowS : 0;
  let pricing: string = cost.pricing;
  let perReplica: number | null = null;
  let formula: number | null;
  let egressTiers: number | null = null;
  if (r.tiers) {
    pricing = 'tiers';
    // Each tier at its own price, egress included (an edge device's cost may price none).
    const edgeCost = candidate.edge?.cost ?? CostSchema.parse({});
    const edgePrice = hourly(edgeCost);
    const replicasOf = (t: { replica_seconds: number } | undefined, c: Cost) => (t ? (t.replica_seconds / windowS) * hourly(c) : 0);
    const egressOf = (t: { usage: { egress_bytes: number } } | undefined, c: Cost) => (t ? ((t.usage.egress_bytes / 1e9) * c.egress_per_gb_usd * 3600) / windowS : 0);
    egressTiers = egressOf(r.tiers.edge, edgeCost) + egressOf(r.tiers.cloud, cost);
    formula = replicasOf(r.tiers.edge, edgeCost) + replicasOf(r.tiers.cloud, cost) + egressTiers;
    notes.push(`each tier at its own price: edge devices ${usd(edgePrice)}/h each (${fmt(r.tiers.edge ? r.tiers.edge.replica_seconds / windowS : 0)} billed), cloud replicas ${usd(hourly(cost))}/h each (${fmt(r.tiers.cloud ? r.tiers.cloud.replica_seconds / windowS : 0)} billed)`);
  } else if (cost.pricing === 'serverless') {
    const busyS = r.usage?.busy_instance_seconds ?? r.utilization * r.instance_utilization.length * windowS;
    const perHourRequests = (r.requests.arrived / windowS) * 3600;
    formula = (perHourRequests / 1e6) * cost.per_million_requests_usd + ((busyS / windowS) * 3600 * cost.memory_gb * cost.per_gb_second_usd) + egressPerHour;
    notes.push(`serverless: ${fmt(perHourRequests)} requests/h × ${usd(cost.per_million_requests_usd)} per million + ${fmt((busyS / windowS) * 3600)} busy instance-s/h × ${cost.memory_gb} GB × ${usd(cost.per_gb_second_usd)} per GB-s`);
  } else {
    perReplica = hourly(cost);
    const count = candidate.autoscaler ? replicasBilled : candidate.replicas;
    formula = count * perReplica + egressPerHour;
    notes.push(`${fmt(count)} replica(s)${candidate.autoscaler ? ' billed on average (replica-seconds ÷ window: starting, ready and draining all count)' : ''} × ${usd(perReplica)}/h${cost.capacity === 'spot' ? ` (spot: ${usd(cost.replica_per_hour_usd)} less ${(cost.spot_discount * 100).toFixed(0)} %)` : ''}`);
  }
  const egress = egressTiers ?? egressPerHour;
  if (egress > 0) notes.push(`egress: ${usd(egress)}/h for the responses sent (per GB at each tier's price)`);
  const perHour = simulated ?? formula;
  const perMillion = perHour !== null && r.throughput_rps > 0 ? (perHour / (r.throughput_rps * 3600)) * 1e6 : null;
  let autoscaling: CostExplanation['autoscaling'] = null;
  if (candidate.autoscaler && cost.pricing === 'provisioned' && !r.tiers) {
    const provisioned = r.timeseries.provisioned_replicas;
    const measuredIdx = r.timeseries.t_s.map((t, i) => (t + 1e-9 >= scenario.warmup_s ? i : -1)).filter((i) => i >= 0);
    const peak = Math.max(r.replicas?.max ?? 0, ...(provisioned ? measuredIdx.map((i) => Math.ceil(provisioned[i]! - 1e-9)) : []));
    const alwaysOn = peak * hourly(cost);
    const paid = perHour ?? 0;
    const zero = provisioned && measuredIdx.length > 0 ? measuredIdx.filter((i) => provisioned[i]! === 0).length / measuredIdx.length : null;
    autoscaling = { peak_replicas: peak, always_on_per_hour_usd: alwaysOn, saved_per_hour_usd: alwaysOn - paid, saved_share: alwaysOn > 0 ? (alwaysOn - paid) / alwaysOn : null, zero_share: zero };
    if (zero !== null && zero > 0) notes.push(`scale to zero: no replica at all for ${(zero * 100).toFixed(1)} % of the window's intervals, which is where most of the saving comes from`);
  }
  if (perHour === 0) notes.push('no prices were given (scenario or candidate `cost`): the planner ranks candidates by the instances they hold instead');
  return {
    pricing,
    replica_per_hour_usd: perReplica,
    replicas_billed: replicasBilled,
    per_hour_usd: { formula, simulated, measured: null },
    per_million_requests_usd: perMillion,
    autoscaling,
    notes,
  };
}

function usd(x: number): string {
  return x >= 1 ? `$${x.toFixed(2)}` : `$${+x.toPrecision(3)}`;
}

function fmt(x: number): string {
  return String(+x.toPrecision(3));
}
