// The engine's overhead is measured, part by part, from each answer's Server-Timing: the header
// the engine writes parses back to its numbers; a hand-made replay with known parts gives back
// exactly those parts (warm-up and failed requests left out); applying the overhead scales and
// lengthens the forward pass and puts the client side where the network was. Also the fidelity
// errors' sign and the null for a zero prediction.
import { describe, expect, it } from 'vitest';
import { serverTiming } from '../../engine/http/routes.js';
import { TimingTable } from '../../replay/server-timing.js';
import { applyOverhead, empirical, measureOverhead, MIN_TIMED_REQUESTS, threadLoad, threadWorkPerRequestMs } from '../../replay/overhead.js';
import { fidelityErrors, type FidelityFigures } from '../../replay/fidelity.js';
import type { SendReport } from '../../replay/sender.js';
import type { ServerFigures } from '../../replay/server-metrics.js';
import type { ServingOverhead } from '../../config/serving-overhead.js';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';

describe('Server-Timing', () => {
  it('the engine’s header parses back to its numbers, and a missing or foreign header leaves NaN', () => {
    const t = new TimingTable(3);
    const header = serverTiming(100, 100.5, 110, { outputs: [], queueMs: 1.25, instanceMs: 6, computeMs: 5.5, idleMs: 12.5, batchItems: 4, doneAt: 109.75 });
    t.record(0, header);
    expect(t.has(0)).toBe(true);
    expect([t.get(0, 'ingress'), t.get(0, 'queue'), t.get(0, 'instance'), t.get(0, 'compute'), t.get(0, 'egress'), t.get(0, 'total'), t.get(0, 'batch'), t.get(0, 'idle')]).toEqual([
      0.5, 1.25, 6, 5.5, 0.25, 10, 4, 12.5,
    ]);
    // An instance's first pass has no idle time: the header leaves it out, the row keeps NaN.
    const first = serverTiming(100, 100.5, 110, { outputs: [], queueMs: 1.25, instanceMs: 6, computeMs: 5.5, idleMs: -1, batchItems: 4, doneAt: 109.75 });
    expect(first).not.toMatch(/idle/);
    t.record(1, first);
    expect(t.has(1)).toBe(true);
    expect(Number.isNaN(t.get(1, 'idle'))).toBe(true);
    t.record(2, 'cache;desc="hit", db;dur=53');
    expect(t.has(2)).toBe(false);
    expect(Number.isNaN(t.get(2, 'compute'))).toBe(true);
  });
});

/** A replay of n requests 10 ms apart, the first `warmup` of them in the warm-up, with Server-Timing rows from `row(i)`. */
function fakeReplay(n: number, warmup: number, row: (i: number) => { ingress: number; egress: number; compute: number; extra: number; client: number; status?: number; idle?: number }): SendReport {
  const scheduledMs = Float64Array.from({ length: n }, (_, i) => i * 10);
  const doneMs = new Float64Array(n);
  const status = new Int16Array(n);
  const timing = new TimingTable(n);
  for (let i = 0; i < n; i++) {
    const r = row(i);
    const total = r.ingress + 0.1 + r.compute + r.extra + r.egress; // 0.1 ms queue
    doneMs[i] = scheduledMs[i]! + total + r.client;
    status[i] = r.status ?? 200;
    const idle = r.idle === undefined ? '' : `, idle;dur=${r.idle}`;
    timing.record(i, `ingress;dur=${r.ingress}, queue;dur=0.1, instance;dur=${r.compute + r.extra}, compute;dur=${r.compute}, egress;dur=${r.egress}, total;dur=${total}, batch;desc=1${idle}`);
  }
  const figures = { mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, count: 0 };
  return {
    requests: n,
    measured: n - warmup,
    outcomes: { ok: n - warmup, rejected: 0, client_error: 0, server_error: 0, error: 0, timeout: 0 },
    statuses: {},
    latencyMs: figures,
    serviceLatencyMs: figures,
    lagMs: figures,
    throughputRps: 100,
    errors: [],
    wallMs: n * 10,
    records: { scheduledMs, sentMs: scheduledMs, doneMs, status },
    timing,
  } as unknown as SendReport;
}

describe('measureOverhead', () => {
  const profile = { kind: 'deterministic', mean_ms: 2 } as const;

  it('measures the after-idle curve: the forward pass by its instance’s idle time, against passes that followed another', () => {
    // Passes after < 1 ms run 0.2 ms over the profile (the contention of the moment: the reference);
    // after ~15 ms, 1.0 ms over; after ~60 ms, 1.3 ms over; a group of 5 is too small to keep.
    const idleOf = (i: number) => (i % 10 < 4 ? 0.5 : i % 10 < 7 ? 14 + (i % 3) : i === 219 ? 3 : 60);
    const sent = fakeReplay(220, 0, (i) => {
      const idle = idleOf(i);
      return { ingress: 0.4, egress: 0.2, compute: idle < 1 ? 2.2 : idle < 20 ? 3 : idle === 3 ? 9 : 3.3, extra: 0.25, client: 1, idle };
    });
    const o = measureOverhead(profile, sent, 'test');
    expect(o.after_idle).toEqual([
      { idle_ms: 0.5, extra_ms: 0, requests: 88 },
      { idle_ms: expect.closeTo(15, 1) as unknown as number, extra_ms: 0.8, requests: 66 },
      { idle_ms: 60, extra_ms: 1.1, requests: 65 },
    ]);
    // An engine that sends no idle times gives no curve.
    expect(measureOverhead(profile, fakeReplay(220, 0, () => ({ ingress: 0.4, egress: 0.2, compute: 3, extra: 0.25, client: 1 })), 'test').after_idle).toBeUndefined();
  });

  it('gives back the parts a replay carried: distributions as percentiles, the forward-pass factor, the time per batch', () => {
    // Warm-up requests and a failed one carry absurd values: they must not count.
    const sent = fakeReplay(220, 20, (i) =>
      i < 20 || i === 100 ? { ingress: 99, egress: 99, compute: 99, extra: 99, client: 99, status: i === 100 ? 503 : 200 } : { ingress: 0.4 + (i % 5) * 0.1, egress: 0.2, compute: 3, extra: 0.25, client: 1.5 },
    );
    // The thread's busy share grows 1.5 ms per request (10 % + 1.5 ms × rate): ingress and egress
    // are 0.8 of it on average, the rest is deferred; the 10 % does not grow with traffic.
    const loads = [50, 100, 150].map((rps) => ({ rps, busyShare: 0.1 + 0.0015 * rps }));
    const o = measureOverhead(profile, sent, 'test', loads);
    expect(o.compute_scale).toBe(1.5); // 3 ms live over 2 ms profiled
    expect(o.per_batch_ms).toBe(0.25);
    expect(o.deferred_ms).toBeCloseTo(1.5 - (0.6 + 0.2), 2); // the mean ingress is a hair over 0.6: the failed request had 0.4
    expect(measureOverhead(profile, sent, 'test', loads.slice(0, 1)).deferred_ms).toBe(0); // one rate cannot tell
    expect(threadWorkPerRequestMs(loads)).toBeCloseTo(1.5, 9);
    const server = { success: 990, failures: { queue_full: 10 }, event_loop_busy_ms: 2500, http_thread_cpu_ms: null } as unknown as ServerFigures;
    expect(threadLoad(server, 10)).toEqual({ rps: 100, busyShare: 0.25, cpuShare: null });
    // With the thread's CPU time (Linux schedstat) the work per request comes from it, not from busy
    // time, which also grows while the thread waits for a core another process holds.
    const contended = [50, 100, 150].map((rps) => ({ rps, busyShare: 0.1 + 0.003 * rps, cpuShare: 0.05 + 0.0015 * rps }));
    expect(threadWorkPerRequestMs(contended)).toBeCloseTo(1.5, 9);
    expect(threadWorkPerRequestMs([...contended.slice(0, 2), { rps: 150, busyShare: 0.55 }])).toBeCloseTo(3, 9); // one load without CPU time: busy time for all
    expect(threadLoad({ ...server, http_thread_cpu_ms: 1200 } as ServerFigures, 10)).toEqual({ rps: 100, busyShare: 0.25, cpuShare: 0.12 });
    expect(threadLoad(null, 10)).toBeNull();
    expect(o.egress_ms).toEqual({ kind: 'empirical', quantiles_ms: Array(101).fill(0.2) });
    expect(o.client_ms).toEqual({ kind: 'empirical', quantiles_ms: Array(101).fill(1.5) });
    if (o.ingress_ms.kind !== 'empirical') throw new Error('expected an empirical ingress');
    expect(o.ingress_ms.quantiles_ms[0]).toBe(0.4);
    expect(o.ingress_ms.quantiles_ms[50]).toBe(0.6);
    expect(o.ingress_ms.quantiles_ms[100]).toBe(0.8);
  });

  it('refuses a replay whose answers carried no Server-Timing', () => {
    const sent = fakeReplay(MIN_TIMED_REQUESTS + 10, 0, () => ({ ingress: 1, egress: 1, compute: 1, extra: 0, client: 1 }));
    sent.timing.values.fill(Number.NaN);
    expect(() => measureOverhead(profile, sent, 'test')).toThrow(/only 0 successful measured answers carried a Server-Timing header/);
  });

  it('empirical() is the samples’ percentiles', () => {
    const d = empirical(Array.from({ length: 1001 }, (_, i) => i / 10));
    if (d.kind !== 'empirical') throw new Error('expected empirical');
    expect(d.quantiles_ms).toHaveLength(101);
    expect(d.quantiles_ms[0]).toBe(0);
    expect(d.quantiles_ms[99]).toBeCloseTo(99, 9);
    expect(d.quantiles_ms[100]).toBe(100);
  });
});

describe('applyOverhead', () => {
  const scenario = (profile: object): LoadedScenario =>
    scenarioFromObject({
      schema: 'servetwin.scenario/v1',
      name: 'o',
      seed: 3,
      duration_s: 60,
      profile,
      traffic: { arrivals: { kind: 'poisson', rate_rps: 20 } },
      network: { delay: { kind: 'constant', ms: 40 } },
      slo: { latency_ms: 100, percentile: 99 },
      candidates: [{ name: 'c', instances: 1, batching: { max_batch_size: 1 } }],
    });
  const overhead: ServingOverhead = {
    source: 'test',
    compute_scale: 1.5,
    per_batch_ms: 0.5,
    ingress_ms: { kind: 'constant', ms: 0 },
    egress_ms: { kind: 'constant', ms: 0 },
    deferred_ms: 0,
    client_ms: { kind: 'constant', ms: 2 },
  };

  it('holds the instance for scale · forward pass + per batch, and the client side replaces the scenario’s network', () => {
    const plain = simulate(applyOverhead(scenario({ kind: 'deterministic', mean_ms: 4 }), null)).candidates[0]!;
    expect(plain.network_ms.mean).toBe(0); // the scenario's 40 ms network is not the link replay measures
    expect(plain.compute_ms.mean).toBeCloseTo(4, 9);
    const live = simulate(applyOverhead(scenario({ kind: 'deterministic', mean_ms: 4 }), overhead)).candidates[0]!;
    expect(live.compute_ms.mean).toBeCloseTo(6.5, 9);
    expect(live.network_ms.mean).toBeCloseTo(2, 9);
    expect(live.queue_ms.mean).toBeGreaterThan(plain.queue_ms.mean);
  });

  it('uses the profile’s own serving_overhead when none is given', () => {
    const own = simulate(applyOverhead(scenario({ kind: 'deterministic', mean_ms: 4, serving_overhead: overhead }), null)).candidates[0]!;
    expect(own.compute_ms.mean).toBeCloseTo(6.5, 9);
    expect(own.network_ms.mean).toBeCloseTo(2, 9);
  });
});

describe('fidelity errors', () => {
  it('are (measured − predicted) / predicted, null where the prediction is 0', () => {
    const f = (p50: number, drop: number): FidelityFigures => ({ latency_ms: { mean: p50, p50, p90: p50, p99: p50 * 2 }, throughput_rps: 100, mean_batch_size: 1, drop_rate: drop, queue_ms: 0, compute_ms: 2 });
    const e = fidelityErrors(f(4, 0), f(5, 0.01));
    expect(e.p50).toBeCloseTo(0.25, 12);
    expect(e.p99).toBeCloseTo(0.25, 12);
    expect(fidelityErrors(f(5, 0), f(4, 0)).p50).toBeCloseTo(-0.2, 12);
    expect(e.drop_rate).toBeNull();
    expect(e.queue_ms).toBeNull();
    expect(e.throughput_rps).toBe(0);
  });
});
