// Invariants of runs whose replicas have a frontend (the HTTP thread, simulator/fleet/frontend.ts) over
// random small scenarios (fast-check, fixed seeds): every arrival is completed, dropped or still in
// flight; a request is routed, ends its ingress, enters its batch and completes in that order, its
// response no earlier than its batch's end; the queue timeout counts from the end of ingress; the
// thread serves ingress in routing order; end to end is, on average, network + frontend + queue +
// compute; with an autoscaler a draining replica goes exactly when its thread, its batches and its
// queue are all done; and the same seed gives the same JSON — with and without the replica's CPUs
// shared among its instances and its HTTP thread (candidate `cpus`).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import type { BatchRecord, RequestRecord } from '../../simulator/core/run-trace.js';
import type { CandidateResult } from '../../config/result.js';
import { assertSameJsonForSameSeed, check, FleetRecorder, makeScenario, Recorder } from './helpers.js';

const EPS = 1e-9;

const delayArb = (scale: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc.record({ kind: fc.constant('constant'), ms: fc.double({ min: 0, max: scale, noNaN: true }) }),
    fc.record({ kind: fc.constant('exponential'), mean_ms: fc.double({ min: 0.01, max: scale, noNaN: true }) }),
    fc.record({ kind: fc.constant('lognormal'), mean_ms: fc.double({ min: 0.01, max: scale, noNaN: true }), cv: fc.double({ min: 0.1, max: 1.5, noNaN: true }) }),
    fc.record({ kind: fc.constant('uniform'), min_ms: fc.constant(0), max_ms: fc.double({ min: 0, max: scale, noNaN: true }) }),
    fc.record({ kind: fc.constant('empirical'), quantiles_ms: fc.array(fc.double({ min: 0, max: scale, noNaN: true }), { minLength: 2, maxLength: 6 }).map((q) => q.sort((x, y) => x - y)) }),
  );

const overheadArb = (scale: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.record({
    source: fc.constant('test'),
    compute_scale: fc.constantFrom(1, 1.3),
    per_batch_ms: fc.constantFrom(0, 0.2),
    ingress_ms: delayArb(scale),
    egress_ms: delayArb(scale),
  });

/** The invariants every run with a frontend keeps; `network` tells whether the scenario has one. */
function checkRun(rec: Recorder, c: CandidateResult, loaded: LoadedScenario, network: boolean): void {
  const s = loaded.scenario;
  const endMs = s.duration_s * 1000;
  const warmupMs = s.warmup_s * 1000;
  const b = s.candidates[0]!.batching;

  // Conservation: each arrival reported exactly once, with one outcome, and the counts add up.
  const ids = rec.requests.map((r) => r.id).sort((x, y) => x - y);
  ids.forEach((id, i) => check(id === i, () => `request ${i} reported ${id === undefined ? 'never' : 'twice or out of order'}`));
  const measured = rec.requests.filter((r) => r.sendMs >= warmupMs);
  const count = (o: RequestRecord['outcome']): number => measured.filter((r) => r.outcome === o).length;
  expect(c.requests.arrived).toBe(measured.length);
  expect(c.completed).toBe(count('completed'));
  expect(c.dropped_by_reason).toEqual({ queue_full: count('queue_full'), timeout: count('timeout'), too_large: count('too_large') });
  expect(c.in_flight).toBe(count('in_flight'));
  expect(c.completed + c.dropped + c.in_flight).toBe(c.requests.arrived);

  // Causality, request by request, against its batch.
  const batchOf = new Map<number, BatchRecord>();
  for (const batch of rec.batches) for (const id of batch.requestIds) batchOf.set(id, batch);
  for (const r of rec.requests) {
    const at = (): string => `request ${JSON.stringify(r)}`;
    check(r.batchedMs !== undefined, () => `${at()} has no batchedMs though its pool has a frontend`);
    const batched = r.batchedMs!;
    if (r.queuedMs >= 0) check(r.queuedMs >= r.sendMs, () => `${at()} reached its pool before it was sent`);
    if (r.routedMs >= 0) check(r.routedMs >= r.queuedMs, () => `${at()} was routed before it reached its pool`);
    if (batched >= 0) check(r.routedMs >= 0 && batched >= r.routedMs, () => `${at()} ended its ingress before it was routed`);
    if (r.dispatchMs >= 0) {
      const batch = batchOf.get(r.id);
      check(batch !== undefined && batch.startMs === r.dispatchMs && batch.replica === r.replica, () => `${at()} disagrees with its batch`);
      check(batched >= 0 && r.dispatchMs >= batched, () => `${at()} started before it entered the batcher`);
      if (r.outcome === 'completed') check(r.doneMs >= batch!.endMs, () => `${at()} completed before its batch ended (${batch!.endMs})`);
    }
    if (r.outcome === 'completed') check(r.dispatchMs >= 0 && r.doneMs <= endMs, () => `${at()} completed without a batch or after the end`);
    if (r.outcome === 'queue_full' || r.outcome === 'timeout') check(batched >= 0 && r.droppedMs >= batched, () => `${at()} was dropped before it entered the batcher`);
    if (r.outcome === 'timeout') check(r.droppedMs - batched >= b.queue_timeout_ms! - 1e-6, () => `${at()} timed out early: its timeout counts from the end of its ingress`);
  }

  // The thread serves ingress first come first served: by replica, in routing order.
  const byReplica = new Map<string, RequestRecord[]>();
  for (const r of rec.requests) {
    if (r.routedMs < 0) continue;
    const key = `${r.pool}/${r.replica}`;
    if (!byReplica.has(key)) byReplica.set(key, []);
    byReplica.get(key)!.push(r);
  }
  for (const list of byReplica.values()) {
    list.sort((x, y) => x.routedMs - y.routedMs || x.id - y.id);
    for (let i = 1; i < list.length; i++) {
      const [p, q] = [list[i - 1]!, list[i]!];
      if (p.batchedMs! >= 0 && q.batchedMs! >= 0) check(q.batchedMs! >= p.batchedMs! - EPS, () => `request ${q.id}'s ingress overtook request ${p.id}'s`);
      if (q.batchedMs! >= 0) check(p.batchedMs! >= 0, () => `request ${q.id} ended its ingress while request ${p.id}, before it, had not`);
    }
  }

  // End to end is network + frontend + queue + compute (means exact; each is rounded to 1e-4 ms).
  if (c.completed > 0) {
    const parts = (network ? c.network_ms.mean : 0) + c.frontend_ms!.mean + c.queue_ms.mean + c.compute_ms.mean;
    check(Math.abs(c.latency_ms.mean - parts) < 5e-4, () => `end to end ${c.latency_ms.mean} is not the sum of its parts ${parts}`);
    // The queue's split adds up to it; with every replica ready from the start nothing waits for one.
    const q = c.queue_split_ms!;
    check(Math.abs(c.queue_ms.mean - (q.replica_mean + q.batch_fill_mean + q.instance_mean)) < 5e-4, () => `queue ${c.queue_ms.mean} is not the sum of its split ${JSON.stringify(q)}`);
    if (!s.candidates[0]!.autoscaler) check(q.replica_mean < 5e-4, () => `a fixed fleet held requests for a ready replica: ${JSON.stringify(q)}`);
  }
  for (const u of c.frontend_utilization!) check(u >= 0 && u <= 1 + 1e-9, () => `a thread was busy ${u} of the time`);
}

const fixedArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  duration_s: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
  warmup_frac: fc.double({ min: 0, max: 0.5, noNaN: true }),
  mean_ms: fc.double({ min: 0.5, max: 10, noNaN: true }),
  overhead: overheadArb(3),
  rate_rps: fc.double({ min: 20, max: 2000, noNaN: true }),
  items_per_request: fc.integer({ min: 1, max: 3 }),
  network: fc.boolean(),
  replicas: fc.integer({ min: 1, max: 3 }),
  instances: fc.integer({ min: 1, max: 3 }),
  // Half the runs share each replica's cores among its instances and its HTTP thread (fleet/host-cpu.ts).
  cpus: fc.constantFrom<number | string>('unlimited', 'unlimited', 1, 2, '1500m'),
  intra_op_threads: fc.integer({ min: 1, max: 2 }),
  router: fc.constantFrom('round_robin', 'least_outstanding', 'power_of_two', 'random'),
  batching: fc.record({
    max_batch_size: fc.integer({ min: 1, max: 8 }),
    max_queue_delay_ms: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 10, noNaN: true })),
    max_queue_size: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    queue_timeout_ms: fc.option(fc.double({ min: 1, max: 30, noNaN: true }), { nil: undefined }),
  }),
});

type Fixed = typeof fixedArb extends fc.Arbitrary<infer T> ? T : never;

function buildFixed(p: Fixed): LoadedScenario {
  return makeScenario(
    {
      seed: p.seed,
      duration_s: p.duration_s,
      warmup_s: p.duration_s * p.warmup_frac,
      profile: { kind: 'lognormal', mean_ms: p.mean_ms, cv: 0.5, serving_overhead: p.overhead },
      traffic: { arrivals: { kind: 'poisson', rate_rps: p.rate_rps }, items_per_request: p.items_per_request },
      ...(p.network ? { network: { delay: { kind: 'exponential', mean_ms: 2 } } } : {}),
    },
    { replicas: p.replicas, instances: p.instances, cpus: p.cpus, intra_op_threads: p.intra_op_threads, router: p.router, batching: p.batching },
  );
}

const scaledArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  duration_s: fc.integer({ min: 20, max: 40 }),
  warmup_s: fc.constantFrom(0, 3),
  arrivals: fc.record({
    kind: fc.constant('mmpp'),
    states: fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 20, max: 120, noNaN: true })).map(([calm, burst]) => [
      { rate_rps: calm, mean_dwell_s: 8 },
      { rate_rps: burst, mean_dwell_s: 4 },
    ]),
  }),
  mean_ms: fc.double({ min: 10, max: 80, noNaN: true }),
  overhead: overheadArb(15),
  instances: fc.integer({ min: 1, max: 2 }),
  cpus: fc.constantFrom<number | string>('unlimited', 1, 2),
  router: fc.constantFrom('round_robin', 'least_outstanding'),
  batching: fc.record({
    max_batch_size: fc.integer({ min: 1, max: 4 }),
    max_queue_delay_ms: fc.constantFrom(0, 5),
    max_queue_size: fc.option(fc.integer({ min: 2, max: 20 }), { nil: undefined }),
    queue_timeout_ms: fc.option(fc.constantFrom(200, 2000), { nil: undefined }),
  }),
  autoscaler: fc.oneof(
    fc.record({
      kind: fc.constant('schedule'),
      entries: fc
        .uniqueArray(fc.integer({ min: 0, max: 35 }), { minLength: 2, maxLength: 6 })
        .chain((times) => fc.tuple(...times.map((t) => fc.record({ at_s: fc.constant(t), replicas: fc.integer({ min: 0, max: 4 }) })))),
    }),
    fc.record({
      kind: fc.constant('ray_serve'),
      min_replicas: fc.constantFrom(0, 1),
      max_replicas: fc.integer({ min: 2, max: 5 }),
      target_ongoing_requests: fc.double({ min: 0.5, max: 3, noNaN: true }),
      upscale_delay_s: fc.integer({ min: 0, max: 2 }),
      downscale_delay_s: fc.integer({ min: 1, max: 4 }),
      look_back_period_s: fc.constantFrom(1, 2),
      metrics_interval_s: fc.constant(1),
      control_loop_s: fc.constant(0.5),
    }),
  ),
});

type Scaled = typeof scaledArb extends fc.Arbitrary<infer T> ? T : never;

function buildScaled(p: Scaled): LoadedScenario {
  return makeScenario(
    {
      seed: p.seed,
      duration_s: p.duration_s,
      warmup_s: p.warmup_s,
      profile: { kind: 'exponential', mean_ms: p.mean_ms, serving_overhead: p.overhead },
      traffic: { arrivals: p.arrivals },
    },
    { instances: p.instances, cpus: p.cpus, router: p.router, batching: p.batching, autoscaler: p.autoscaler },
  );
}

describe('runs with a frontend on every replica', () => {
  it('conserve requests, keep causality and serve ingress in order (fixed fleet)', () => {
    let timeouts = 0;
    let full = 0;
    fc.assert(
      fc.property(fixedArb, (p) => {
        const loaded = buildFixed(p);
        const rec = new Recorder();
        const c = simulate(loaded, { trace: () => rec }).candidates[0]!;
        checkRun(rec, c, loaded, p.network);
        expect(c.frontend_utilization).toHaveLength(p.replicas);
        timeouts += c.dropped_by_reason.timeout;
        full += c.dropped_by_reason.queue_full;
      }),
      { seed: 20250101, numRuns: 100 },
    );
    expect(timeouts).toBeGreaterThan(50);
    expect(full).toBeGreaterThan(50);
  });

  it('drain a replica until its thread, its batches and its queue are done (autoscaled)', () => {
    let drained = 0;
    let waitedForThread = 0;
    fc.assert(
      fc.property(scaledArb, (p) => {
        const loaded = buildScaled(p);
        const rec = new FleetRecorder();
        const c = simulate(loaded, { trace: () => rec }).candidates[0]!;
        checkRun(rec, c, loaded, false);
        const endMs = p.duration_s * 1000;
        // Without a network a response's end is its egress's end, the thread's last job for it.
        for (const rep of rec.replicas) {
          if (rep.drainMs < 0) continue;
          drained++;
          let lastBatch = rep.drainMs;
          for (const b of rec.batches) if (b.replica === rep.replica) lastBatch = Math.max(lastBatch, b.endMs);
          let last = lastBatch;
          for (const r of rec.requests) {
            if (r.replica !== rep.replica) continue;
            if (r.droppedMs >= 0) last = Math.max(last, r.droppedMs);
            if (r.outcome === 'completed') last = Math.max(last, r.doneMs);
          }
          const stillBusy = rec.requests.some((r) => r.replica === rep.replica && r.outcome === 'in_flight');
          if (stillBusy || last > endMs) check(rep.goneMs < 0, () => `replica ${JSON.stringify(rep)} went with work left`);
          else check(rep.goneMs === last, () => `replica ${JSON.stringify(rep)} should have gone at ${last}`);
          if (rep.goneMs > lastBatch) waitedForThread++;
        }
      }),
      { seed: 777, numRuns: 40 },
    );
    expect(drained).toBeGreaterThan(10);
    expect(waitedForThread).toBeGreaterThan(3);
  });

  it('give the same JSON for the same seed and a different one for another seed', () => {
    assertSameJsonForSameSeed(fixedArb, buildFixed, { seed: 3, numRuns: 20 });
  });
});
