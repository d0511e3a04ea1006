// The autoscaling driver on hand-worked cases with deterministic service: a replica asked for at t
// serves from exactly t + provisioning + the profile's cold start; a request arriving at zero
// replicas waits in Ray's handle queue until the cold start ends and counts that wait as queue
// time; a replica scaled away drains (takes nothing new, finishes its queue) and is billed until
// it goes; a `fixed` autoscaler gives exactly what plain `replicas` gives.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { FleetRecorder, makeScenario, withArrivals } from './helpers.js';

function run(timesMs: number[], fields: Record<string, unknown>, candidate: Record<string, unknown>) {
  const loaded = withArrivals(makeScenario({ duration_s: 30, ...fields }, candidate), timesMs);
  const rec = new FleetRecorder();
  const result = simulate(loaded, { trace: () => rec }).candidates[0]!;
  return { rec, result };
}

describe('replicas start and drain', () => {
  it('a replica asked for at 10 s serves from 10 s + 5 s provisioning + 2 s cold start, not before', () => {
    const { rec, result } = run(
      // Requests every 250 ms from 15 s on, each 400 ms of work: one replica cannot keep up.
      Array.from({ length: 40 }, (_, i) => 15_000 + 250 * i),
      { profile: { kind: 'deterministic', mean_ms: 400, cold_start_ms: 2000 } },
      {
        router: 'least_outstanding',
        autoscaler: { kind: 'schedule', entries: [{ at_s: 0, replicas: 1 }, { at_s: 10, replicas: 2 }] },
        provisioning: { kind: 'deterministic', delay_s: 5 },
      },
    );
    const second = rec.replicas.find((r) => r.replica === 1)!;
    expect(second).toEqual({ pool: 0, replica: 1, createdMs: 10_000, readyMs: 17_000, drainMs: -1, goneMs: -1 });
    expect(rec.scales.map((s) => [s.atMs, s.current, s.desired])).toEqual([[10_000, 1, 2]]);
    // Nothing ran on it before 17 s; the first request routed to it is the first one after.
    const onSecond = rec.requests.filter((r) => r.replica === 1);
    expect(Math.min(...onSecond.map((r) => r.routedMs))).toBeGreaterThanOrEqual(17_000);
    expect(Math.min(...rec.batches.filter((b) => b.replica === 1).map((b) => b.startMs))).toBe(17_000);
    // Billed: replica 0 for 30 s, replica 1 from its request at 10 s (provisioning and loading included).
    expect(result.replica_seconds).toBe(30 + 20);
    expect(result.replicas).toMatchObject({ min: 1, max: 2 });
    expect(result.replicas!.mean).toBeCloseTo((17 * 1 + 13 * 2) / 30, 6);
    expect(result.scaling_events).toBe(1);
    expect(result.autoscaling).toMatchObject({ kind: 'schedule', scale_ups: 1, scale_downs: 0, replicas_started: 1, replicas_stopped: 0, max_desired: 2 });
  });

  it('a request arriving at zero replicas waits in the handle queue through the cold start', () => {
    // Ray from zero: the 1 s sample at 2 s sees the request held since 1.5 s and asks for a
    // replica at once; it is ready after 3 s provisioning + 500 ms cold start, at 5.5 s.
    const { rec, result } = run(
      [1500],
      { duration_s: 20, profile: { kind: 'deterministic', mean_ms: 100, cold_start_ms: 500 } },
      {
        autoscaler: { kind: 'ray_serve', min_replicas: 0, max_replicas: 2, downscale_delay_s: 5, look_back_period_s: 2, metrics_interval_s: 1 },
        provisioning: { kind: 'deterministic', delay_s: 3 },
      },
    );
    expect(rec.scales.find((s) => s.desired === 1)).toMatchObject({ atMs: 2000, current: 0, ready: 0, desired: 1 });
    const [r] = rec.requests;
    expect(r).toMatchObject({ queuedMs: 1500, routedMs: 5500, dispatchMs: 5500, doneMs: 5600, outcome: 'completed' });
    expect(result.queue_ms.max).toBe(4000);
    expect(result.latency_ms.max).toBe(4100);
    expect(result.autoscaling!.held_requests).toBe(1);
    // The 2 s look-back pushed at 8 s is the first without the request (samples at 7 and 8 s are
    // idle); the 1 → 0 step must then be wanted for downscale_delay_s: the replica goes at 13 s.
    expect(rec.replicas).toEqual([{ pool: 0, replica: 0, createdMs: 2000, readyMs: 5500, drainMs: 13_000, goneMs: 13_000 }]);
    expect(rec.scales.find((s) => s.desired === 0 && s.current === 1)).toMatchObject({ atMs: 13_000 });
    expect(result.replicas).toMatchObject({ min: 0, max: 1 });
    expect(result.replica_seconds).toBe(11);
  });

  it('a replica scaled away takes nothing new, finishes its queue and is billed until it goes', () => {
    // Two replicas until 5 s, then one. Six requests at 4 s alternate between them (1 s each).
    const { rec, result } = run(
      [4000, 4000, 4000, 4000, 4000, 4000, 5500, 6500],
      { duration_s: 12, profile: { kind: 'deterministic', mean_ms: 1000 } },
      { autoscaler: { kind: 'schedule', entries: [{ at_s: 0, replicas: 2 }, { at_s: 5, replicas: 1 }] } },
    );
    expect(rec.requests.filter((r) => r.replica === 1).map((r) => r.id)).toEqual([1, 3, 5]);
    // Replica 1 drains at 5 s with one request running and two queued: it finishes them at 6 s and 7 s.
    expect(rec.replicas.find((r) => r.replica === 1)).toEqual({ pool: 0, replica: 1, createdMs: 0, readyMs: 0, drainMs: 5000, goneMs: 7000 });
    expect(rec.requests.filter((r) => r.replica === 1).map((r) => r.doneMs)).toEqual([5000, 6000, 7000]);
    // Later requests go to replica 0 only.
    expect(rec.requests.filter((r) => r.id >= 6).map((r) => r.replica)).toEqual([0, 0]);
    expect(result.completed).toBe(8);
    expect(result.replica_seconds).toBe(12 + 7);
    expect(result.replicas).toMatchObject({ min: 1, max: 2 });
    expect(result.replicas!.mean).toBeCloseTo((5 * 2 + 7 * 1) / 12, 6);
  });

  it('a fixed autoscaler runs exactly like plain replicas', () => {
    const fields = { duration_s: 60, warmup_s: 5, traffic: { arrivals: { kind: 'poisson', rate_rps: 25 } }, network: { delay: { kind: 'exponential', mean_ms: 3 } } };
    const candidate = { instances: 2, router: 'power_of_two', batching: { max_batch_size: 4, max_queue_delay_ms: 3, max_queue_size: 20 } };
    const plain = simulate(makeScenario(fields, { ...candidate, replicas: 3 })).candidates[0]!;
    const fixed = simulate(makeScenario(fields, { ...candidate, autoscaler: { kind: 'fixed', replicas: 3 } })).candidates[0]!;
    for (const key of ['requests', 'latency_ms', 'queue_ms', 'compute_ms', 'network_ms', 'batch_size_histogram', 'instance_utilization', 'replica_seconds', 'replicas', 'usage'] as const) {
      expect(fixed[key], key).toEqual(plain[key]);
    }
    expect(fixed.utilization).toBeCloseTo(plain.utilization, 9);
    expect(fixed.timeseries.replicas).toEqual(plain.timeseries.replicas);
    expect(fixed.timeseries.desired_replicas!.every((d) => d === 3)).toBe(true);
  });
});
