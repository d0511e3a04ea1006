// The replica's HTTP thread (simulator/fleet/frontend.ts) on cases worked by hand: requests far apart take
// exactly ingress + compute + egress (+ the network), and requests that meet on the thread wait
// for it first come first served, ingress and egress in one queue. Without a serving overhead in
// the profile nothing of it shows in the result.
import { describe, expect, it } from 'vitest';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import { formatResult } from '../../reports/result-table.js';
import { makeScenario, Recorder, withArrivals } from './helpers.js';

/** A deterministic profile of `computeMs` whose serving overhead is constant ingress and egress. */
function profile(computeMs: number, ingressMs: number, egressMs: number, deferredMs = 0): Record<string, unknown> {
  return {
    kind: 'deterministic',
    mean_ms: computeMs,
    serving_overhead: {
      source: 'test',
      compute_scale: 1,
      per_batch_ms: 0,
      ingress_ms: { kind: 'constant', ms: ingressMs },
      egress_ms: { kind: 'constant', ms: egressMs },
      deferred_ms: deferredMs,
    },
  };
}

function run(loaded: LoadedScenario): { rec: Recorder; c: ReturnType<typeof simulate>['candidates'][number] } {
  const rec = new Recorder();
  const c = simulate(loaded, { trace: () => rec }).candidates[0]!;
  return { rec, c };
}

describe('a replica with a frontend (its HTTP thread)', () => {
  // Dyadic values, so every sum below is exact in floating point.
  const a = 0.5;
  const c = 2;
  const b = 0.25;
  const farApart = Array.from({ length: 99 }, (_, i) => (i + 1) * 1000);

  it('gives each request far from the others exactly ingress + compute + egress', () => {
    const { rec, c: r } = run(withArrivals(makeScenario({ profile: profile(c, a, b) }), farApart));
    expect(r.completed).toBe(99);
    for (const q of rec.requests) {
      expect(q.outcome).toBe('completed');
      expect(q.doneMs - q.sendMs).toBe(a + c + b);
      expect(q.batchedMs! - q.routedMs).toBe(a);
      expect(q.dispatchMs).toBe(q.batchedMs);
    }
    expect(r.latency_ms.mean).toBe(a + c + b);
    expect(r.latency_ms.max).toBe(a + c + b);
    expect(r.frontend_ms!.mean).toBe(a + b);
    expect(r.frontend_ms!.max).toBe(a + b);
    expect(r.queue_ms.max).toBe(0);
    expect(r.compute_ms.mean).toBe(c);
    // The thread worked a + b per request over the 100 s window.
    expect(r.frontend_utilization).toHaveLength(1);
    expect(r.frontend_utilization![0]).toBeCloseTo((99 * (a + b)) / 100_000, 5);
  });

  it('adds the network legs around it', () => {
    const loaded = withArrivals(makeScenario({ profile: profile(c, a, b), network: { delay: { kind: 'constant', ms: 4 }, delay_is: 'one_way' } }), farApart);
    const { rec, c: r } = run(loaded);
    for (const q of rec.requests) expect(q.doneMs - q.sendMs).toBe(4 + a + c + b + 4);
    expect(r.latency_ms.max).toBe(4 + a + c + b + 4);
    expect(r.network_ms.mean).toBe(8);
    expect(r.frontend_ms!.mean).toBe(a + b);
  });

  it('serves ingress and egress first come first served on one thread', () => {
    // Two instances, ingress 1, compute 10, egress 2. A and B arrive together at 1000: A's ingress
    // [1000, 1001], B's [1001, 1002]; batches [1001, 1011] and [1002, 1012]; A's egress [1011, 1013],
    // B's waits for it: [1013, 1015]. C arrives at 2010.5 while D's batch (from 2000) runs: D's
    // ingress [2000, 2001], batch [2001, 2011]; C's ingress [2010.5, 2011.5] holds the thread when
    // D's batch ends, so D's egress is [2011.5, 2013.5]; C's batch [2011.5, 2021.5], egress [2021.5, 2023.5].
    const loaded = withArrivals(makeScenario({ profile: profile(10, 1, 2) }, { instances: 2 }), [1000, 1000, 2000, 2010.5]);
    const { rec, c: r } = run(loaded);
    const [qa, qb, qd, qc] = rec.requests.sort((x, y) => x.id - y.id);
    expect([qa!.doneMs, qb!.doneMs, qd!.doneMs, qc!.doneMs]).toEqual([1013, 1015, 2013.5, 2023.5]);
    expect([qa!.batchedMs, qb!.batchedMs, qd!.batchedMs, qc!.batchedMs]).toEqual([1001, 1002, 2001, 2011.5]);
    // Frontend times (ingress + egress with their waits): A 1 + 2, B 2 + 3, D 1 + 2.5, C 1 + 2.
    expect(r.frontend_ms!.mean).toBe((3 + 5 + 3.5 + 3) / 4);
    expect(r.frontend_ms!.max).toBe(5);
    expect(r.queue_ms.max).toBe(0);
    expect(r.latency_ms.mean).toBe((13 + 15 + 13.5 + 13) / 4);
  });

  it('keeps an instance held until the busy thread picks its result up, as the engine does', () => {
    // One instance, ingress 1, compute 10, egress 2. A at 1000: ingress [1000, 1001], batch
    // [1001, 1011]. B at 1002: ingress [1002, 1003], then waits in the batcher. C at 1010.5: ingress
    // [1010.5, 1011.5], so when A's batch ends at 1011 the thread is busy: the instance is released
    // at 1011.5 (not 1011) and B's batch runs [1011.5, 1021.5]; A's egress [1011.5, 1013.5]. C's
    // batch [1021.5, 1031.5] after B's; B's egress [1021.5, 1023.5], C's [1031.5, 1033.5].
    const loaded = withArrivals(makeScenario({ profile: profile(10, 1, 2) }), [1000, 1002, 1010.5]);
    const { rec } = run(loaded);
    const [qa, qb, qc] = rec.requests.sort((x, y) => x.id - y.id);
    expect([qa!.dispatchMs, qb!.dispatchMs, qc!.dispatchMs]).toEqual([1001, 1011.5, 1021.5]);
    expect([qa!.doneMs, qb!.doneMs, qc!.doneMs]).toEqual([1013.5, 1023.5, 1033.5]);
  });

  it('keeps the thread busy with deferred work after each egress, delaying later requests but not its own', () => {
    // Ingress 1, compute 10, egress 2, deferred 3. A at 1000: ingress [1000, 1001], batch [1001, 1011],
    // egress [1011, 1013]: A is done at 1013; the thread works on for A until 1016. B at 1012 waits
    // for the thread: ingress [1016, 1017], batch [1017, 1027], egress [1027, 1029].
    const loaded = withArrivals(makeScenario({ profile: profile(10, 1, 2, 3) }), [1000, 1012]);
    const { rec, c: r } = run(loaded);
    const [qa, qb] = rec.requests.sort((x, y) => x.id - y.id);
    expect([qa!.doneMs, qb!.doneMs]).toEqual([1013, 1029]);
    expect(qb!.batchedMs).toBe(1017);
    expect(r.frontend_utilization![0]).toBeCloseTo((2 * (1 + 2 + 3)) / 100_000, 9);
  });

  it('puts the queue wait in the batcher, whose timeout counts from the end of ingress', () => {
    // One instance, compute 10, ingress 1, egress 0, queue timeout 5; A, B and C arrive at 1000. A
    // runs [1001, 1011]; B enters the batcher after its ingress at 1002 and, the instance being busy,
    // times out at 1007; C enters at 1003 and times out at 1008.
    const loaded = withArrivals(
      makeScenario({ profile: profile(10, 1, 0) }, { batching: { max_batch_size: 1, max_queue_delay_ms: 0, queue_timeout_ms: 5 } }),
      [1000, 1000, 1000],
    );
    const { rec, c: r } = run(loaded);
    const [qa, qb, qc] = rec.requests.sort((x, y) => x.id - y.id);
    expect(qa!.doneMs).toBe(1011);
    expect(qb!.outcome).toBe('timeout');
    expect(qb!.droppedMs).toBe(1002 + 5);
    expect(qc!.outcome).toBe('timeout');
    expect(qc!.droppedMs).toBe(1003 + 5);
    expect(r.dropped_by_reason.timeout).toBe(2);
  });

  it('leaves the result and the table as they were without a serving overhead', () => {
    const loaded = withArrivals(makeScenario({ profile: { kind: 'deterministic', mean_ms: c } }), farApart);
    const result = simulate(loaded);
    const r = result.candidates[0]!;
    expect(r).not.toHaveProperty('frontend_ms');
    expect(r).not.toHaveProperty('frontend_utilization');
    expect(r.latency_ms.max).toBe(c);
    expect(formatResult(result)).not.toMatch(/frontend|HTTP/);
    const fronted = simulate(withArrivals(makeScenario({ profile: profile(c, a, b) }), farApart));
    expect(formatResult(fronted)).toMatch(/^ {2}frontend +0\.75 /m);
    expect(formatResult(fronted)).toMatch(/HTTP threads busy/);
  });
});
