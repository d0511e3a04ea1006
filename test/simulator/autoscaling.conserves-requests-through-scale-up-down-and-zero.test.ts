// Invariants of autoscaled runs over random small scenarios (fast-check, fixed seed): every arrival
// is completed, dropped or still in flight at the end, through scale-up, scale-down and scale to
// zero; nothing is routed to a replica that is not ready (starting, draining or gone), no batch
// runs on a replica before it is ready or after it is gone, a draining replica takes nothing new,
// requests wait for a replica in order, and the replica-seconds billed are the replicas' lifetimes
// within the measured window.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import type { ReplicaRecord, RequestRecord } from '../../simulator/core/run-trace.js';
import { assertSameJsonForSameSeed, check, FleetRecorder, makeScenario } from './helpers.js';

const EPS = 1e-6;

const autoscalerArb = fc.oneof(
  fc.record({
    kind: fc.constant('kpa'),
    target: fc.double({ min: 0.5, max: 4, noNaN: true }),
    stable_window_s: fc.integer({ min: 6, max: 12 }),
    scale_to_zero_grace_period_s: fc.constant(1),
    min_scale: fc.constantFrom(0, 0, 1),
    max_scale: fc.integer({ min: 2, max: 6 }),
    initial_scale: fc.constantFrom(0, 1, 2),
    target_burst_capacity: fc.constantFrom(0, 211, -1),
  }),
  fc.record({
    kind: fc.constant('ray_serve'),
    min_replicas: fc.constantFrom(0, 0, 1),
    max_replicas: fc.integer({ min: 1, max: 6 }),
    target_ongoing_requests: fc.double({ min: 0.5, max: 4, noNaN: true }),
    upscale_delay_s: fc.integer({ min: 0, max: 3 }),
    downscale_delay_s: fc.integer({ min: 1, max: 5 }),
    look_back_period_s: fc.constantFrom(1, 2, 4),
    metrics_interval_s: fc.constantFrom(1, 2),
    control_loop_s: fc.constantFrom(0.1, 0.5),
  }),
  fc.record({
    kind: fc.constant('hpa'),
    min_replicas: fc.integer({ min: 1, max: 2 }),
    max_replicas: fc.integer({ min: 2, max: 6 }),
    sync_period_s: fc.integer({ min: 1, max: 4 }),
    metric_window_s: fc.integer({ min: 1, max: 4 }),
    downscale_stabilization_s: fc.integer({ min: 0, max: 5 }),
    metric: fc.constantFrom({ type: 'utilization', target_percent: 50 }, { type: 'in_flight_per_replica', target_requests: 2 }),
  }),
  fc.record({
    kind: fc.constant('schedule'),
    entries: fc
      .uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 5 })
      .chain((times) => fc.tuple(...times.map((t) => fc.record({ at_s: fc.constant(t), replicas: fc.integer({ min: 0, max: 4 }) })))),
  }),
);

const provisioningArb = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant('deterministic'), delay_s: fc.double({ min: 0, max: 4, noNaN: true }) }),
  fc.record({ kind: fc.constant('exponential'), mean_s: fc.double({ min: 0.1, max: 3, noNaN: true }) }),
  fc.record({ kind: fc.constant('uniform'), min_s: fc.constant(0.5), max_s: fc.constant(3) }),
);

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  duration_s: fc.integer({ min: 20, max: 45 }),
  warmup_s: fc.constantFrom(0, 3, 7.5),
  // Silences long enough for scale to zero, and bursts.
  arrivals: fc.record({
    kind: fc.constant('mmpp'),
    states: fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 10, max: 80, noNaN: true })).map(([calm, burst]) => [
      { rate_rps: calm, mean_dwell_s: 10 },
      { rate_rps: burst, mean_dwell_s: 4 },
    ]),
  }),
  mean_ms: fc.double({ min: 20, max: 150, noNaN: true }),
  cold_start_ms: fc.constantFrom(0, 500, 1500),
  network: fc.boolean(),
  instances: fc.integer({ min: 1, max: 2 }),
  router: fc.constantFrom('round_robin', 'least_outstanding', 'power_of_two', 'random'),
  batching: fc.record({
    max_batch_size: fc.integer({ min: 1, max: 4 }),
    max_queue_delay_ms: fc.constantFrom(0, 5),
    max_queue_size: fc.option(fc.integer({ min: 2, max: 40 }), { nil: undefined }),
    queue_timeout_ms: fc.option(fc.constantFrom(500, 3000), { nil: undefined }),
  }),
  autoscaler: autoscalerArb,
  provisioning: provisioningArb,
});

type Params = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(p: Params): LoadedScenario {
  return makeScenario(
    {
      seed: p.seed,
      duration_s: p.duration_s,
      warmup_s: p.warmup_s,
      profile: { kind: 'exponential', mean_ms: p.mean_ms, cold_start_ms: p.cold_start_ms },
      traffic: { arrivals: p.arrivals },
      ...(p.network ? { network: { delay: { kind: 'exponential', mean_ms: 5 } } } : {}),
    },
    {
      instances: p.instances,
      router: p.router,
      batching: p.batching,
      autoscaler: p.autoscaler,
      ...(p.provisioning ? { provisioning: p.provisioning } : {}),
    },
  );
}

describe('autoscaled runs', () => {
  it('conserve requests and route only to ready replicas through scale-up, scale-down and scale to zero', () => {
    let scaledToZero = 0;
    let drained = 0;
    let held = 0;
    fc.assert(
      fc.property(scenarioArb, (p) => {
        const loaded = build(p);
        const rec = new FleetRecorder();
        const c = simulate(loaded, { trace: () => rec }).candidates[0]!;
        const endMs = p.duration_s * 1000;
        const warmupMs = p.warmup_s * 1000;

        // Every arrival reported exactly once, with one outcome, and the counts add up.
        const ids = rec.requests.map((r) => r.id).sort((x, y) => x - y);
        ids.forEach((id, i) => expect(id).toBe(i));
        const measured = rec.requests.filter((r) => r.sendMs >= warmupMs);
        const count = (o: RequestRecord['outcome']): number => measured.filter((r) => r.outcome === o).length;
        expect(c.requests.arrived).toBe(measured.length);
        expect(c.completed).toBe(count('completed'));
        expect(c.dropped).toBe(count('queue_full') + count('timeout') + count('too_large'));
        expect(c.in_flight).toBe(count('in_flight'));
        expect(c.completed + c.dropped + c.in_flight).toBe(c.requests.arrived);
        expect(c.usage!.requests).toBe(c.requests.arrived);

        // Replica lifetimes: created ≤ ready ≤ drain ≤ gone, and each replica reported once.
        const life = new Map<number, ReplicaRecord>();
        for (const r of rec.replicas) {
          check(!life.has(r.replica), () => `replica ${r.replica} reported twice`);
          life.set(r.replica, r);
          const gone = r.goneMs >= 0 ? r.goneMs : Number.POSITIVE_INFINITY;
          if (r.readyMs >= 0) check(r.createdMs <= r.readyMs && r.readyMs <= gone, () => `replica ${JSON.stringify(r)} has its times out of order`);
          if (r.drainMs >= 0) check(r.readyMs >= 0 && r.readyMs <= r.drainMs && r.drainMs <= gone, () => `replica ${JSON.stringify(r)} drained out of order`);
          if (r.readyMs < 0 && r.goneMs >= 0) check(r.drainMs < 0, () => `replica ${JSON.stringify(r)} drained without being ready`);
          if (r.drainMs >= 0) drained++;
        }

        // Routed only to ready replicas: between ready and the start of draining.
        for (const r of rec.requests) {
          if (r.replica < 0) {
            check(r.dispatchMs < 0, () => `request ${JSON.stringify(r)} ran without a replica`);
            continue;
          }
          const rep = life.get(r.replica);
          check(rep !== undefined, () => `request ${r.id} went to replica ${r.replica}, which never existed`);
          const drainAt = rep!.drainMs >= 0 ? rep!.drainMs : rep!.goneMs >= 0 ? rep!.goneMs : Number.POSITIVE_INFINITY;
          check(rep!.readyMs >= 0 && r.routedMs >= rep!.readyMs - EPS && r.routedMs < drainAt + EPS, () => `request ${JSON.stringify(r)} was routed to replica ${JSON.stringify(rep)} while it was not ready`);
          check(r.queuedMs >= r.sendMs && r.routedMs >= r.queuedMs, () => `request ${JSON.stringify(r)} was routed before it reached the pool`);
          if (r.routedMs > r.queuedMs) held++;
        }
        // Requests that waited for a replica are routed in the order they arrived.
        const waited = rec.requests.filter((r) => r.routedMs > r.queuedMs).sort((a, b) => a.queuedMs - b.queuedMs || a.id - b.id);
        for (let i = 1; i < waited.length; i++) check(waited[i]!.routedMs >= waited[i - 1]!.routedMs, () => `request ${waited[i]!.id} overtook ${waited[i - 1]!.id} while waiting for a replica`);

        // Batches run only on ready or draining replicas, never before ready or after gone.
        for (const b of rec.batches) {
          const rep = life.get(b.replica)!;
          const gone = rep.goneMs >= 0 ? rep.goneMs : Number.POSITIVE_INFINITY;
          check(rep.readyMs >= 0 && b.startMs >= rep.readyMs && b.endMs <= gone + EPS, () => `batch ${JSON.stringify(b)} ran outside replica ${JSON.stringify(rep)}'s life`);
        }

        // A draining replica goes as soon as its last batch ends or its last queued request is dropped.
        for (const rep of rec.replicas) {
          if (rep.drainMs < 0) continue;
          let last = rep.drainMs;
          for (const b of rec.batches) if (b.replica === rep.replica) last = Math.max(last, b.endMs);
          for (const r of rec.requests) if (r.replica === rep.replica && r.droppedMs >= 0) last = Math.max(last, r.droppedMs);
          const stillBusy = rec.requests.some((r) => r.replica === rep.replica && r.outcome === 'in_flight' && r.dispatchMs < 0);
          if (stillBusy || last > endMs) check(rep.goneMs < 0, () => `replica ${JSON.stringify(rep)} went with work left`);
          else check(rep.goneMs === last, () => `replica ${JSON.stringify(rep)} should have gone at ${last}`);
        }

        // Replica-seconds billed: every replica's [created, gone) inside the window.
        const billedMs = rec.replicas.reduce((acc, r) => {
          const from = Math.max(r.createdMs, warmupMs);
          const to = Math.min(r.goneMs >= 0 ? r.goneMs : endMs, endMs);
          return acc + Math.max(0, to - from);
        }, 0);
        expect(c.replica_seconds).toBeCloseTo(billedMs / 1000, 3);
        if (c.replicas!.min === 0) scaledToZero++;
      }),
      { seed: 4242, numRuns: 60 },
    );
    // The generator must actually exercise the interesting paths.
    expect(scaledToZero).toBeGreaterThan(3);
    expect(drained).toBeGreaterThan(10);
    expect(held).toBeGreaterThan(10);
  });

  it('give the same JSON for the same seed and a different one for another seed', () => {
    assertSameJsonForSameSeed(scenarioArb, build, { seed: 99, numRuns: 15 });
  });
});
