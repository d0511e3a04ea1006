// Invariants of the simulator over random small scenarios (fast-check, fixed seed): nothing is lost
// (every arrival is completed, dropped or still in flight), causality, no batch over max_batch_size,
// FIFO within a replica, no request waits past max_queue_delay_ms while an instance of its replica
// sits idle, and the same seed gives the same result while another seed gives another.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import type { BatchRecord, RequestRecord } from '../../simulator/core/run-trace.js';
import { check, makeScenario, Recorder } from './helpers.js';

const EPS = 1e-9;

/** A plain assertion for per-request loops (vitest's expect is too slow to call a million times). */
const profileArb = fc.oneof(
  fc.record({ kind: fc.constant('deterministic'), mean_ms: fc.double({ min: 0.5, max: 20, noNaN: true }) }),
  fc.record({ kind: fc.constant('exponential'), mean_ms: fc.record({ base_ms: fc.double({ min: 0.5, max: 10, noNaN: true }), per_item_ms: fc.double({ min: 0, max: 3, noNaN: true }) }) }),
  fc.record({ kind: fc.constant('lognormal'), mean_ms: fc.double({ min: 0.5, max: 20, noNaN: true }), cv: fc.double({ min: 0.05, max: 1.5, noNaN: true }) }),
);

const arrivalsArb = fc.oneof(
  fc.record({ kind: fc.constant('poisson'), rate_rps: fc.double({ min: 20, max: 3000, noNaN: true }) }),
  fc.record({
    kind: fc.constant('mmpp'),
    states: fc.tuple(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 100, max: 4000, noNaN: true })).map(([calm, burst]) => [
      { rate_rps: calm, mean_dwell_s: 0.3 },
      { rate_rps: burst, mean_dwell_s: 0.1 },
    ]),
  }),
  fc.record({ kind: fc.constant('spikes'), base_rate_rps: fc.double({ min: 10, max: 500, noNaN: true }), spikes: fc.constant([{ at_s: 0.3, duration_s: 0.2, rate_rps: 3000 }]) }),
);

const batchingArb = fc
  .record({
    max_batch_size: fc.integer({ min: 1, max: 8 }),
    max_queue_delay_ms: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 20, noNaN: true })),
    max_queue_size: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    queue_timeout_ms: fc.option(fc.double({ min: 1, max: 50, noNaN: true }), { nil: undefined }),
    preferred: fc.boolean(),
  })
  .map(({ preferred, ...b }) => ({ ...b, ...(preferred && b.max_batch_size > 2 ? { preferred_batch_sizes: [2, b.max_batch_size] } : {}) }));

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  duration_s: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
  warmup_frac: fc.double({ min: 0, max: 0.5, noNaN: true }),
  profile: profileArb,
  arrivals: arrivalsArb,
  items_per_request: fc.integer({ min: 1, max: 3 }),
  network: fc.option(fc.record({ delay: fc.constant({ kind: 'exponential', mean_ms: 2 }), delay_is: fc.constantFrom('one_way', 'rtt') }), { nil: undefined }),
  replicas: fc.integer({ min: 1, max: 3 }),
  instances: fc.integer({ min: 1, max: 3 }),
  router: fc.constantFrom('round_robin', 'least_outstanding', 'power_of_two', 'random'),
  batching: batchingArb,
});

type Params = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(p: Params): LoadedScenario {
  return makeScenario(
    {
      seed: p.seed,
      duration_s: p.duration_s,
      warmup_s: p.duration_s * p.warmup_frac,
      profile: p.profile,
      traffic: { arrivals: p.arrivals, items_per_request: p.items_per_request },
      ...(p.network ? { network: p.network } : {}),
    },
    { replicas: p.replicas, instances: p.instances, router: p.router, batching: p.batching },
  );
}

function run(loaded: LoadedScenario): { rec: Recorder; result: ReturnType<typeof simulate> } {
  const rec = new Recorder();
  const result = simulate(loaded, { trace: () => rec });
  return { rec, result };
}

/** Idle gaps (open intervals) of one instance over [0, end], from its batches. */
function idleGaps(batches: BatchRecord[], end: number): Array<[number, number]> {
  const sorted = [...batches].sort((a, b) => a.startMs - b.startMs);
  const gaps: Array<[number, number]> = [];
  let free = 0;
  for (const b of sorted) {
    if (b.startMs > free) gaps.push([free, b.startMs]);
    free = Math.max(free, b.endMs);
  }
  if (free < end) gaps.push([free, end]);
  return gaps;
}

describe('simulator invariants over random scenarios', () => {
  it('conserves requests, respects causality, batch limits, FIFO and the delay rule', () => {
    fc.assert(
      fc.property(scenarioArb, (p) => {
        const loaded = build(p);
        const { rec, result } = run(loaded);
        const c = result.candidates[0]!;
        const endMs = p.duration_s * 1000;
        const warmupMs = loaded.scenario.warmup_s * 1000;
        const b = loaded.scenario.candidates[0]!.batching;

        // Conservation: each arrival reported exactly once, with one outcome.
        const ids = rec.requests.map((r) => r.id).sort((x, y) => x - y);
        ids.forEach((id, i) => expect(id).toBe(i));
        const measured = rec.requests.filter((r) => r.sendMs >= warmupMs);
        const count = (o: RequestRecord['outcome']): number => measured.filter((r) => r.outcome === o).length;
        expect(c.requests.arrived).toBe(measured.length);
        expect(c.completed).toBe(count('completed'));
        expect(c.dropped_by_reason).toEqual({ queue_full: count('queue_full'), timeout: count('timeout'), too_large: count('too_large') });
        expect(c.in_flight).toBe(count('in_flight'));
        expect(c.completed + c.dropped + c.in_flight).toBe(c.requests.arrived);

        // Causality.
        for (const r of rec.requests) {
          const at = (): string => `request ${JSON.stringify(r)}`;
          check(r.sendMs >= 0 && r.sendMs < endMs, () => `${at()} was sent outside the run`);
          if (r.queuedMs >= 0) check(r.queuedMs >= r.sendMs, () => `${at()} reached its replica before it was sent`);
          if (r.dispatchMs >= 0) check(r.dispatchMs >= r.queuedMs, () => `${at()} started before it was queued`);
          if (r.outcome === 'completed') check(r.doneMs >= r.dispatchMs && r.doneMs <= endMs, () => `${at()} completed before it started or after the end`);
          if (r.droppedMs >= 0) check(r.droppedMs >= r.queuedMs, () => `${at()} was dropped before it was queued`);
          if (r.outcome === 'timeout') check(r.droppedMs - r.queuedMs >= b.queue_timeout_ms! - EPS, () => `${at()} timed out early`);
          if (r.outcome === 'too_large') check(p.items_per_request > b.max_batch_size, () => `${at()} was wrongly too large`);
        }

        // Batches: within the limit, their items are their requests' items, and start before they end.
        const byId = new Map(rec.requests.map((r) => [r.id, r]));
        for (const batch of rec.batches) {
          const at = (): string => `batch ${JSON.stringify(batch)}`;
          check(batch.items <= b.max_batch_size, () => `${at()} exceeds max_batch_size ${b.max_batch_size}`);
          check(batch.items === batch.requestIds.length * p.items_per_request, () => `${at()} miscounts its items`);
          check(batch.endMs >= batch.startMs, () => `${at()} ends before it starts`);
          for (const id of batch.requestIds) {
            const r = byId.get(id)!;
            check(r.dispatchMs === batch.startMs && r.replica === batch.replica, () => `${at()} disagrees with its request ${JSON.stringify(r)}`);
          }
        }

        // Per replica: FIFO dispatch, and no wait past the delay while an instance sat idle.
        for (let replica = 0; replica < p.replicas; replica++) {
          const dispatched = rec.requests.filter((r) => r.replica === replica && r.dispatchMs >= 0).sort((x, y) => x.queuedMs - y.queuedMs || x.id - y.id);
          for (let i = 1; i < dispatched.length; i++) {
            check(dispatched[i]!.dispatchMs >= dispatched[i - 1]!.dispatchMs, () => `request ${dispatched[i]!.id} overtook request ${dispatched[i - 1]!.id}`);
          }
          const gaps = Array.from({ length: p.instances }, (_, inst) =>
            idleGaps(rec.batches.filter((x) => x.replica === replica && x.instance === inst), endMs),
          );
          for (const r of rec.requests) {
            if (r.replica !== replica || r.queuedMs < 0 || r.outcome === 'queue_full' || r.outcome === 'too_large') continue;
            const waitedUntil = r.dispatchMs >= 0 ? r.dispatchMs : r.droppedMs >= 0 ? r.droppedMs : endMs;
            const from = r.queuedMs + b.max_queue_delay_ms;
            if (waitedUntil <= from + EPS) continue;
            for (const instanceGaps of gaps) {
              for (const [g0, g1] of instanceGaps) {
                const overlap = Math.min(g1, waitedUntil) - Math.max(g0, from);
                check(overlap <= 1e-6, () => `request ${r.id} waited from ${from} to ${waitedUntil} past its delay while an instance of replica ${replica} was idle over [${g0}, ${g1}]`);
              }
            }
          }
        }
      }),
      { seed: 20240611, numRuns: 120 },
    );
  });

  it('gives the same result for the same seed and a different one for another seed', () => {
    fc.assert(
      fc.property(scenarioArb, (p) => {
        const loaded = build(p);
        const a = simulate(loaded);
        const again = simulate(build(p));
        expect(JSON.stringify(again)).toBe(JSON.stringify(a));
        if (a.candidates[0]!.requests.arrived >= 10) {
          const other = simulate(loaded, { seed: p.seed + 1 });
          expect(JSON.stringify(other.candidates)).not.toBe(JSON.stringify(a.candidates));
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});
