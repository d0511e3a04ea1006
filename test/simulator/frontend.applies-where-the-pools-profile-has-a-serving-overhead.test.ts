// Which replicas get a frontend (the HTTP thread, simulator/fleet/frontend.ts): those of a pool whose
// profile has a serving overhead — the cloud's, an edge device's own, or the cloud's run by the edge
// at its speed_factor (the thread slowed down with it) — and a frontend that takes no time changes
// no latency and draws from no other stream.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario, Recorder, withArrivals } from './helpers.js';

const overhead = (ingressMs: number, egressMs: number): Record<string, unknown> => ({
  source: 'test',
  compute_scale: 1,
  per_batch_ms: 0,
  ingress_ms: { kind: 'constant', ms: ingressMs },
  egress_ms: { kind: 'constant', ms: egressMs },
});

const farApart = Array.from({ length: 19 }, (_, i) => (i + 1) * 1000);

describe('where a frontend is modelled', () => {
  it('on an edge device with its own profile, not on the cloud without one', () => {
    const loaded = makeScenario(
      { duration_s: 60, profile: { kind: 'exponential', mean_ms: 10 }, traffic: { arrivals: { kind: 'poisson', rate_rps: 80 } } },
      {
        placement: 'hybrid',
        replicas: 1,
        instances: 2,
        edge: { replicas: 2, overflow_queue_threshold: 0, profile: { kind: 'exponential', mean_ms: 20, serving_overhead: overhead(1, 0.5) } },
      },
    );
    const rec = new Recorder();
    const c = simulate(loaded, { trace: () => rec }).candidates[0]!;
    expect(c.tiers!.edge!.requests.completed).toBeGreaterThan(100);
    expect(c.tiers!.cloud!.requests.completed).toBeGreaterThan(100);
    expect(c.tiers!.edge!.frontend_ms!.mean).toBeGreaterThanOrEqual(1.5);
    expect(c.tiers!.cloud).not.toHaveProperty('frontend_ms');
    expect(c.frontend_ms).toBeDefined();
    // Two edge replicas (one site), each with its thread; the cloud has none.
    expect(c.frontend_utilization).toHaveLength(2);
    for (const r of rec.requests) {
      if (r.pool === 0) expect(r).not.toHaveProperty('batchedMs');
      else expect(r).toHaveProperty('batchedMs');
    }
  });

  it('on an edge device running the cloud’s profile, slowed by speed_factor like its compute', () => {
    const loaded = withArrivals(
      makeScenario({ profile: { kind: 'deterministic', mean_ms: 2, serving_overhead: overhead(0.5, 0.25) } }, { placement: 'edge_only', edge: { speed_factor: 0.5 } }),
      farApart,
    );
    const c = simulate(loaded).candidates[0]!;
    expect(c.completed).toBe(19);
    expect(c.latency_ms.max).toBe((0.5 + 2 + 0.25) / 0.5);
    expect(c.tiers!.edge!.frontend_ms!.max).toBe((0.5 + 0.25) / 0.5);
  });

  it('with no time taken, changes no latency and shifts no other stream', () => {
    const scenario = (profile: Record<string, unknown>) =>
      makeScenario(
        {
          seed: 11,
          duration_s: 200,
          warmup_s: 10,
          profile,
          traffic: { arrivals: { kind: 'poisson', rate_rps: 300 } },
          network: { delay: { kind: 'exponential', mean_ms: 3 } },
        },
        { replicas: 3, instances: 2, router: 'random', batching: { max_batch_size: 4, max_queue_delay_ms: 5, max_queue_size: 3 } },
      );
    const plain = simulate(scenario({ kind: 'lognormal', mean_ms: 30, cv: 0.8 })).candidates[0]!;
    const fronted = simulate(scenario({ kind: 'lognormal', mean_ms: 30, cv: 0.8, serving_overhead: overhead(0, 0) })).candidates[0]!;
    expect(plain.completed).toBeGreaterThan(10_000);
    expect(plain.dropped).toBeGreaterThan(0);
    for (const key of ['requests', 'dropped_by_reason', 'latency_ms', 'queue_ms', 'compute_ms', 'network_ms', 'batch_size_histogram', 'instance_utilization'] as const) {
      expect(fronted[key], key).toEqual(plain[key]);
    }
    expect(fronted.frontend_ms!.max).toBe(0);
  });
});
