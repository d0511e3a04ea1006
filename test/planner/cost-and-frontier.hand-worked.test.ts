import { describe, expect, it } from 'vitest';
import { CostSchema } from '../../config/cost.js';
import { priceRun } from '../../planner/cost.js';
import { paretoFrontier } from '../../planner/frontier.js';

describe('priceRun (hand-worked)', () => {
  const usage = { window_s: 1800, replica_seconds: 3 * 1800, busy_instance_seconds: 900, requests: 200_000, completed: 199_000, egress_bytes: 2e9 };

  it('prices provisioned replicas on demand and on spot, plus egress', () => {
    const onDemand = priceRun(CostSchema.parse({ replica_per_hour_usd: 2, egress_per_gb_usd: 0.09 }), usage);
    // 3 replicas × 0.5 h × $2 = $3; egress 2 GB × $0.09 = $0.18.
    expect(onDemand.compute_usd).toBeCloseTo(3, 12);
    expect(onDemand.egress_usd).toBeCloseTo(0.18, 12);
    expect(onDemand.run_usd).toBeCloseTo(3.18, 12);
    expect(onDemand.per_hour_usd).toBeCloseTo(6.36, 12);
    expect(onDemand.per_million_requests_usd).toBeCloseTo((3.18 / 199_000) * 1e6, 9);
    const spot = priceRun(CostSchema.parse({ replica_per_hour_usd: 2, capacity: 'spot', spot_discount: 0.6 }), usage);
    expect(spot.compute_usd).toBeCloseTo(3 * 0.4, 12);
  });

  it('prices serverless per request and per GB-second, ignoring idle replicas', () => {
    const c = priceRun(CostSchema.parse({ pricing: 'serverless', per_million_requests_usd: 0.2, per_gb_second_usd: 0.0000166667, memory_gb: 2, replica_per_hour_usd: 99 }), usage);
    // 200 000 requests × $0.2/M = $0.04; 900 s × 2 GB × $0.0000166667 = $0.030000060.
    expect(c.requests_usd).toBeCloseTo(0.04, 12);
    expect(c.compute_usd).toBeCloseTo(0.03000006, 10);
  });
});

describe('paretoFrontier', () => {
  it('keeps only candidates no other beats on both cost and latency, cheapest first', () => {
    const names = paretoFrontier([
      { name: 'a', cost: 1, latency: 300 },
      { name: 'b', cost: 2, latency: 100 },
      { name: 'c', cost: 2, latency: 150 }, // dominated by b
      { name: 'd', cost: 3, latency: 120 }, // dominated by b
      { name: 'e', cost: 5, latency: 50 },
      { name: 'f', cost: 0.5, latency: Number.POSITIVE_INFINITY }, // never finished: not on it
    ]);
    expect(names).toEqual(['a', 'b', 'e']);
  });
});
