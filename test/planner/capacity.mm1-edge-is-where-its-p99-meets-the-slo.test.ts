// The capacity search against queueing theory: an M/M/1 queue's sojourn time is exponential with
// rate μ − λ, so its p99 is ln(100) / (μ − λ) and the p99 ≤ L SLO holds up to λ* = μ − ln(100) / L.
// The search must land there (to the simulation's noise), and report that rate as sustainable.
import { describe, expect, it } from 'vitest';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { findCapacity } from '../../planner/capacity.js';

describe('capacity of an M/M/1 queue', () => {
  it('is where the exponential sojourn’s p99 meets the SLO', async () => {
    const mu = 100; // 10 ms mean service
    const sloS = 0.2;
    const edge = mu - Math.log(100) / sloS; // 76.97 req/s
    const loaded = scenarioFromObject({
      schema: 'servetwin.scenario/v1',
      name: 'mm1-capacity',
      seed: 4,
      duration_s: 1200,
      warmup_s: 60,
      profile: { kind: 'exponential', mean_ms: 1000 / mu },
      traffic: { arrivals: { kind: 'poisson', rate_rps: 40 } },
      slo: { latency_ms: sloS * 1000, percentile: 99 },
      candidates: [{ name: 'mm1', replicas: 1, instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 1_000_000_000 } }],
    });
    const result = await findCapacity(loaded, { workers: 0 });
    const c = result.candidates[0]!;
    expect(c.status).toBe('found');
    expect(Math.abs(c.sustainable_mean_rps! / edge - 1)).toBeLessThan(0.05);
    expect(c.headroom).toBeCloseTo(c.sustainable_mean_rps! / 40, 4);
    expect(c.breaks?.reason).toBe('instance_queue');
    // Every level tried below the edge passed, every one above failed (M/M/1 is monotone).
    for (const p of c.probes) expect(p.slo_met).toBe(p.level <= c.level!);
  });
});
