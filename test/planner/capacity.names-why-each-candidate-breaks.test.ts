// `servetwin capacity` names why a candidate breaks at its edge, by the stated attribution rule: one
// scenario built for each reason (queueing for an instance, batch wait, the HTTP thread, network,
// drops, scale-up lag or cold start, max replicas reached, the forward pass), searched through
// findCapacity as the command does, and the reason it names checked — together with the edge
// cases the output must state ("no sustainable load" is not a zero).
import { describe, expect, it } from 'vitest';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { findCapacity } from '../../planner/capacity.js';
import type { CandidateCapacity } from '../../config/capacity.js';

const UNBOUNDED = 1_000_000_000;

function scenario(fields: Record<string, unknown>, candidate: Record<string, unknown>) {
  return scenarioFromObject({
    schema: 'servetwin.scenario/v1',
    name: 'why-it-breaks',
    seed: 3,
    duration_s: 60,
    warmup_s: 5,
    profile: { kind: 'deterministic', mean_ms: 10 },
    traffic: { arrivals: { kind: 'poisson', rate_rps: 100 } },
    slo: { latency_ms: 50, percentile: 99 },
    ...fields,
    candidates: [{ name: 'c', replicas: 1, instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: UNBOUNDED }, ...candidate }],
  });
}

async function capacityOf(fields: Record<string, unknown>, candidate: Record<string, unknown>): Promise<CandidateCapacity> {
  const result = await findCapacity(scenario(fields, candidate), { workers: 0, tolerance: 0.1 });
  return result.candidates[0]!;
}

describe('why a candidate breaks', () => {
  it('queueing for an instance: two busy instances, nothing else in the way', async () => {
    const c = await capacityOf({}, { instances: 2 });
    expect(c.status).toBe('found');
    expect(c.level!).toBeGreaterThan(1);
    expect(c.level!).toBeLessThan(2); // two 10 ms instances serve at most 200 req/s
    expect(c.breaks?.reason).toBe('instance_queue');
  });

  it('batch wait: a batching delay longer than the SLO, at any load', async () => {
    const c = await capacityOf({ profile: { kind: 'deterministic', mean_ms: { base_ms: 1, per_item_ms: 0.05 } }, slo: { latency_ms: 30, percentile: 99 }, traffic: { arrivals: { kind: 'poisson', rate_rps: 50 } } }, { batching: { max_batch_size: 64, max_queue_delay_ms: 40, max_queue_size: UNBOUNDED } });
    expect(c.status).toBe('none');
    expect(c.level).toBeNull();
    expect(c.sustainable_mean_rps).toBeNull();
    expect(c.breaks?.reason).toBe('batch_wait');
    expect(c.breaks?.level).toBeCloseTo(1 / 64, 9);
  });

  it('the HTTP thread: 8 ms of ingress and egress per request before four fast instances', async () => {
    const profile = {
      kind: 'deterministic',
      mean_ms: 1,
      serving_overhead: { source: 'test', compute_scale: 1, per_batch_ms: 0, ingress_ms: { kind: 'constant', ms: 4 }, egress_ms: { kind: 'constant', ms: 4 } },
    };
    const c = await capacityOf({ profile, traffic: { arrivals: { kind: 'poisson', rate_rps: 60 } }, slo: { latency_ms: 40, percentile: 99 } }, { instances: 4 });
    expect(c.status).toBe('found');
    expect(c.level!).toBeLessThan(125 / 60); // the thread serves at most 125 req/s
    expect(c.breaks?.reason).toBe('http_thread');
  });

  it('network: a heavy-tailed link whose p99 alone is past the SLO', async () => {
    const c = await capacityOf({ network: { delay: { kind: 'lognormal', mean_ms: 20, cv: 1.5 } }, slo: { latency_ms: 60, percentile: 99 }, profile: { kind: 'deterministic', mean_ms: 1 }, traffic: { arrivals: { kind: 'poisson', rate_rps: 50 } } }, {});
    expect(c.status).toBe('none');
    expect(c.breaks?.reason).toBe('network');
  });

  it('drops: a queue of three sheds requests long before anyone waits past a generous SLO', async () => {
    const c = await capacityOf({ slo: { latency_ms: 2000, percentile: 99, max_drop_rate: 0.001 }, traffic: { arrivals: { kind: 'poisson', rate_rps: 30 } } }, { batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 3 } });
    expect(c.breaks?.reason).toBe('drops');
    expect(c.breaks?.text).toMatch(/queue full/);
  });

  it('scale-up lag: a step in the load an HPA answers 35 s late', async () => {
    const c = await capacityOf(
      {
        duration_s: 200,
        slo: { latency_ms: 500, percentile: 99 },
        profile: { kind: 'deterministic', mean_ms: 20 },
        traffic: { arrivals: { kind: 'steps', steps: [{ at_s: 0, rate_rps: 10 }, { at_s: 30, rate_rps: 80 }] } },
      },
      { autoscaler: { kind: 'hpa', min_replicas: 1, max_replicas: 50, metric: { type: 'utilization', target_percent: 50 } }, provisioning: { kind: 'deterministic', delay_s: 20 } },
    );
    expect(c.breaks?.reason).toBe('scale_up');
  });

  it('max replicas reached: an HPA already at its two replicas', async () => {
    const c = await capacityOf(
      { duration_s: 120, profile: { kind: 'deterministic', mean_ms: 20 }, traffic: { arrivals: { kind: 'poisson', rate_rps: 60 } }, slo: { latency_ms: 200, percentile: 99 } },
      { autoscaler: { kind: 'hpa', min_replicas: 1, initial_replicas: 2, max_replicas: 2 } },
    );
    expect(c.status).toBe('found');
    expect(c.level!).toBeLessThan(100 / 60); // two 20 ms replicas serve at most 100 req/s
    expect(c.breaks?.reason).toBe('max_replicas');
    expect(c.breaks?.text).toMatch(/2 replicas/);
  });

  it('the forward pass: a model slower than the SLO', async () => {
    const c = await capacityOf({ profile: { kind: 'deterministic', mean_ms: 60 } }, {});
    expect(c.status).toBe('none');
    expect(c.breaks?.reason).toBe('compute');
  });

  it('a candidate that never breaks within the bounds says so', async () => {
    const c = await capacityOf({ profile: { kind: 'deterministic', mean_ms: 0.01 }, traffic: { arrivals: { kind: 'poisson', rate_rps: 1 } } }, {});
    expect(c.status).toBe('at_bound');
    expect(c.level).toBe(64);
    expect(c.breaks).toBeNull();
  });
});
