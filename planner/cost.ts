// Cost arithmetic for one candidate's run: what the replicas, the requests and the egress cost,
// as the cost of the run, $/hour and $ per million requests. Pure arithmetic over what the
// simulator measured inside the statistics window (after warm-up), so it can be checked by hand.
import type { Cost } from '../config/cost.js';
import type { Usage } from '../config/result.js';

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
