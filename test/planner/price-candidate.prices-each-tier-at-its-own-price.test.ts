// Edge devices and the cloud pool have different prices: a candidate with placement is priced
// tier by tier (hand-worked), never at the cloud price for everything.
import { describe, expect, it } from 'vitest';
import { priceCandidate } from '../../planner/plan.js';
import { CandidateSchema, type Scenario } from '../../config/scenario.js';
import type { CandidateResult } from '../../config/result.js';

const usage = (replica_seconds: number, completed: number) => ({
  window_s: 3600,
  replica_seconds,
  busy_instance_seconds: 0,
  requests: completed,
  completed,
  egress_bytes: 0,
});

describe('priceCandidate', () => {
  it('prices the edge at edge.cost and the cloud at the candidate cost, then sums', () => {
    const candidate = CandidateSchema.parse({
      name: 'hybrid',
      replicas: 2,
      instances: 1,
      batching: { max_batch_size: 1 },
      placement: 'hybrid',
      cost: { replica_per_hour_usd: 0.5 },
      edge: { replicas: 1, speed_factor: 2, cost: { replica_per_hour_usd: 0.03 } },
    });
    const scenario = { duration_s: 3700, warmup_s: 100, network: undefined, traffic: { items_per_request: 1 } } as unknown as Scenario;
    const result = {
      completed: 1_000_000,
      tiers: { edge: { usage: usage(40 * 3600, 600_000) }, cloud: { usage: usage(2 * 3600, 400_000) } },
    } as unknown as CandidateResult;
    const cost = priceCandidate(candidate, result, scenario);
    // 40 devices × $0.03 + 2 cloud replicas × $0.50 = $2.20 for the hour.
    expect(cost.per_hour_usd).toBeCloseTo(2.2, 12);
    expect(cost.per_million_requests_usd).toBeCloseTo(2.2, 12);
  });
});
