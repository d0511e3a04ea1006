// Cost arithmetic for one candidate's run: what the replicas, the requests and the egress cost,
// as the cost of the run, $/hour and $ per million requests — each tier at its own price. Pure
// arithmetic over what the simulator measured inside the statistics window (after warm-up), so it
// can be checked by hand; the planner and the browser playground both price with it.
import { CostSchema, type Cost } from '../config/cost.js';
import type { CandidateResult, Usage } from '../config/result.js';
import type { Candidate, Scenario } from '../config/scenario.js';

export type CostBreakdown = {
  run_usd: number;
  per_hour_usd: number;
  /** Per million completed requests; Infinity when nothing completed. */
  per_million_requests_usd: number;
  compute_usd: number;
  requests_usd: number;
  egress_usd: number;
};

export function priceRun(cost: Cost, usage: Usage): CostBreakdown {
  let compute_usd: number;
  let requests_usd = 0;
  if (cost.pricing === 'serverless') {
    compute_usd = usage.busy_instance_seconds * cost.memory_gb * cost.per_gb_second_usd;
    requests_usd = (usage.requests / 1e6) * cost.per_million_requests_usd;
  } else {
    const hourly = cost.capacity === 'spot' ? cost.replica_per_hour_usd * (1 - cost.spot_discount) : cost.replica_per_hour_usd;
    compute_usd = (usage.replica_seconds / 3600) * hourly;
  }
  const egress_usd = (usage.egress_bytes / 1e9) * cost.egress_per_gb_usd;
  const run_usd = compute_usd + requests_usd + egress_usd;
  return {
    run_usd,
    per_hour_usd: usage.window_s > 0 ? (run_usd / usage.window_s) * 3600 : 0,
    per_million_requests_usd: usage.completed > 0 ? (run_usd / usage.completed) * 1e6 : Number.POSITIVE_INFINITY,
    compute_usd,
    requests_usd,
    egress_usd,
  };
}

/** What one candidate's run used, for pricing (from the simulator's `usage` when it reports one). */
export function usageOf(r: CandidateResult, measuredS: number, responseBytesPerRequest: number): Usage {
  const reported = (r as CandidateResult & { usage?: Usage }).usage;
  if (reported) return reported;
  const instances = r.instance_utilization.length;
  return {
    window_s: measuredS,
    replica_seconds: r.replica_seconds,
    busy_instance_seconds: r.utilization * instances * measuredS,
    requests: r.requests.arrived,
    completed: r.completed,
    egress_bytes: r.completed * responseBytesPerRequest,
  };
}

function costOf(candidate: Candidate, scenario: Scenario): Cost {
  return candidate.cost ?? scenario.cost ?? CostSchema.parse({});
}

function addCosts(a: CostBreakdown, b: CostBreakdown, completed: number): CostBreakdown {
  const run_usd = a.run_usd + b.run_usd;
  return {
    run_usd,
    per_hour_usd: a.per_hour_usd + b.per_hour_usd,
    per_million_requests_usd: completed > 0 ? (run_usd / completed) * 1e6 : Number.POSITIVE_INFINITY,
    compute_usd: a.compute_usd + b.compute_usd,
    requests_usd: a.requests_usd + b.requests_usd,
    egress_usd: a.egress_usd + b.egress_usd,
  };
}

/**
 * What a candidate's run costs. With placement, each tier is priced at its own price (edge devices
 * at `edge.cost`, the cloud pool at the candidate's or scenario's `cost`) and the tiers are summed.
 */
export function priceCandidate(candidate: Candidate, result: CandidateResult, scenario: Scenario): CostBreakdown {
  const measuredS = scenario.duration_s - scenario.warmup_s;
  const responseBytes = (scenario.network?.response_bytes_per_item ?? 0) * scenario.traffic.items_per_request;
  const tiers = result.tiers;
  if (!tiers) return priceRun(costOf(candidate, scenario), usageOf(result, measuredS, responseBytes));
  const free = CostSchema.parse({});
  const edge = tiers.edge ? priceRun(candidate.edge?.cost ?? free, tiers.edge.usage) : undefined;
  const cloud = tiers.cloud ? priceRun(costOf(candidate, scenario), tiers.cloud.usage) : undefined;
  const parts = [edge, cloud].filter((c): c is CostBreakdown => c !== undefined);
  return parts.reduce((sum, c) => addCosts(sum, c, result.completed));
}
