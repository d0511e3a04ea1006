// What `explain` says around the numbers: every station a request passes and the bottleneck (the
// HTTP thread once the profile has a serving overhead, the shared CPUs once the simulator models
// them); for each closed form the assumptions this candidate breaks, and "not applicable" with the
// reason where the model itself is gone (batching, autoscaling, bursty MMPP traffic, one server for
// P–K); empty formula columns that say why when the profile has no service-time variability (an
// import that gave only a mean); Little's law on the run's counts; and an explanation that passes
// its own schema (servetwin.explain/v1).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { explain } from '../../explain/explain.js';
import { explanationSchemas, type Explanation } from '../../config/explain.js';
import { InputError } from '../../common/errors.js';
import { makeScenario } from '../simulator/helpers.js';

function explained(loaded: ReturnType<typeof makeScenario>): Explanation {
  const e = explain(loaded, loaded.scenario.candidates, simulate(loaded));
  explanationSchemas().Explanation.parse(e);
  return e;
}

const poisson = (rate: number) => ({ arrivals: { kind: 'poisson', rate_rps: rate } });

describe('explain names the stations, the broken assumptions and the empty columns', () => {
  it('batching, autoscaling and bursty arrivals make every formula "not applicable", with the reason', () => {
    const batched = explained(makeScenario({ duration_s: 60, traffic: poisson(50) }, { batching: { max_batch_size: 4, max_queue_delay_ms: 2, max_queue_size: 1000 } })).candidates[0]!.pools[0]!.closed_forms;
    for (const f of batched.forms) {
      expect(f.applicable).toBe(false);
      expect(f.wait_ms).toBeNull();
      expect(f.why_empty).toMatch(/^not applicable: batching: up to 4 requests share a batch/);
    }
    expect(batched.wait_ms.formula).toBeNull();
    expect(batched.wait_ms.simulated).toBeGreaterThan(0);

    const scaled = explained(makeScenario({ duration_s: 120, traffic: poisson(5) }, { autoscaler: { kind: 'hpa', min_replicas: 1, max_replicas: 3, metric: { type: 'in_flight_per_replica', target_requests: 1 } } }));
    expect(scaled.candidates[0]!.pools[0]!.closed_forms.forms[0]!.why_empty).toMatch(/autoscaling: the replica count changes/);

    const bursty = explained(
      makeScenario({ duration_s: 120, traffic: { arrivals: { kind: 'mmpp', states: [{ rate_rps: 2, mean_dwell_s: 10 }, { rate_rps: 9, mean_dwell_s: 2 }] } } }),
    ).candidates[0]!.pools[0]!.closed_forms;
    expect(bursty.index_of_dispersion!).toBeGreaterThan(5);
    expect(bursty.ca2).toBeNull();
    for (const f of bursty.forms) expect(f.why_empty).toMatch(/gaps' SCV understates the burstiness; the index of dispersion of counts is I\(∞\) = /);
  });

  it('P–K is not applicable to several instances; a service SCV other than 1 leaves Erlang C as a reference', () => {
    const e = explained(makeScenario({ duration_s: 300, profile: { kind: 'lognormal', mean_ms: 100, cv: 0.5 }, traffic: poisson(12) }, { instances: 2 }));
    const forms = e.candidates[0]!.pools[0]!.closed_forms.forms;
    const [erlang, pk, ac] = forms;
    expect(pk!.why_empty).toBe('not applicable: P–K is for one server, and a replica has 2 instances');
    expect(erlang!.applicable).toBe(true);
    expect(erlang!.broken).toEqual(['the service time has Cs² = 0.25, not 1']);
    expect(ac!.broken).toEqual(['an approximation, not exact, when c > 1 and the SCVs are not 1 (best in heavy traffic)']);
    expect(ac!.wait_ms!).toBeCloseTo(erlang!.wait_ms! * (1 + 0.25) / 2, 6);
  });

  it('a profile that gives only a mean has no SCV: the columns that need it say why they are empty', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-explain-'));
    const batch = (n: number, ms: number) => ({ batch_size: n, samples_ms: [ms], p50_ms: ms, p90_ms: ms, p99_ms: ms, mean_ms: ms, stddev_ms: 0, items_per_s: (n * 1000) / ms, synthesis: `only a mean was given (gpu.csv): a constant service time of ${ms} ms` });
    writeFileSync(
      path.join(dir, 'gpu.json'),
      JSON.stringify({ schema: 'servetwin.profile/v1', kind: 'imported', source: { file: 'gpu.csv', format: 'csv' }, host: 'A10G', batches: [batch(1, 20), batch(8, 60)], imported_at: '2026-01-01T00:00:00.000Z' }),
    );
    const loaded = scenarioFromObject(
      { schema: 'servetwin.scenario/v1', name: 'no-scv', duration_s: 120, profile: { file: 'gpu.json' }, traffic: poisson(20), slo: { latency_ms: 200 }, candidates: [{ name: 'one', batching: { max_batch_size: 1, max_queue_size: 10_000 } }] },
      dir,
    );
    const p = explained(loaded).candidates[0]!.pools[0]!;
    expect(p.service.rows[0]!.scv).toBeNull();
    expect(p.service.scv_note).toMatch(/a single value for batch size 1 \(1 sample: only a mean was given/);
    const [erlang, pk, ac] = p.closed_forms.forms;
    expect(pk!.wait_ms).toBeNull();
    expect(pk!.why_empty).toMatch(/it needs the service SCV, and the profile holds a single value for batch size 1/);
    expect(ac!.wait_ms).toBeNull();
    expect(ac!.why_empty).toMatch(/it needs the service SCV/);
    expect(erlang!.wait_ms).not.toBeNull(); // it needs only the mean, and says what it cannot check
    expect(erlang!.broken[0]).toMatch(/^the service SCV is unknown/);
  });

  it('the HTTP thread is a station of its own once the profile has a serving overhead', () => {
    const overhead = { source: 'test', compute_scale: 1, per_batch_ms: 0, ingress_ms: { kind: 'constant', ms: 1 }, egress_ms: { kind: 'constant', ms: 0.5 }, deferred_ms: 0.5 };
    const e = explained(makeScenario({ duration_s: 300, warmup_s: 10, profile: { kind: 'exponential', mean_ms: 5, serving_overhead: overhead }, traffic: poisson(200) }, { instances: 2 }));
    const p = e.candidates[0]!.pools[0]!;
    const http = p.stations.find((s) => s.name === 'http_thread')!;
    expect(http.work_ms_per_request).toBeCloseTo(2, 12);
    expect(http.utilization.formula).toBeCloseTo(0.4, 12); // 200/s × 2 ms
    expect(Math.abs(http.utilization.simulated! / 0.4 - 1)).toBeLessThan(0.03);
    expect(p.stations.find((s) => s.name === 'instances')!.utilization.formula).toBeCloseTo(0.5, 12); // 200/s × 5 ms / 2
    expect(p.bottleneck).toEqual({ station: 'instances', utilization: expect.closeTo(0.5, 9), stable: true });
    expect(p.closed_forms.forms[0]!.broken).toContain("the HTTP thread is a second station in tandem (ingress before the batcher, egress after): its time is outside these formulas (see stations and the latency budget)");
    const overheadPart = e.candidates[0]!.latency_budget.parts.find((x) => x.part === 'serving_overhead')!;
    expect(overheadPart.ms.formula).toBeCloseTo(1.5, 12);
    expect(overheadPart.ms.simulated!).toBeGreaterThanOrEqual(1.5);
  });

  it('the shared CPUs are a station where the simulator models them', () => {
    const e = explained(makeScenario({ duration_s: 120, profile: { kind: 'exponential', mean_ms: 10 }, traffic: poisson(60) }, { instances: 2, cpus: 1 }));
    const cpus = e.candidates[0]!.pools[0]!.stations.find((s) => s.name === 'cpus')!;
    expect(cpus.servers).toBe(1);
    expect(cpus.note).toMatch(/oversubscribed \(2 threads on 1 cores\)/);
    expect(cpus.utilization.formula).toBeCloseTo(0.6, 1); // 60/s × 10 ms of core time, on 1 core
  });

  it("checks Little's law on the run's own time series", () => {
    const ll = explained(makeScenario({ duration_s: 2_000, warmup_s: 100, traffic: poisson(25), metrics: { sample_interval_s: 10 } }, { instances: 3 })).candidates[0]!.littles_law;
    expect(ll.intervals).toBe(190);
    expect(Math.abs(ll.in_system.relative_error!)).toBeLessThan(0.01);
    expect(Math.abs(ll.in_queue.relative_error!)).toBeLessThan(0.02);
  });

  it('an unknown candidate is an InputError that lists the names', () => {
    const loaded = makeScenario({ duration_s: 10 });
    const run = () => explain(loaded, loaded.scenario.candidates, simulate(loaded), { names: ['nope'] });
    expect(run).toThrow(InputError);
    expect(run).toThrow('--candidate: expected one of "c", got "nope"');
  });
});

describe("explain reads the simulator's split of the batcher wait where a result has it", () => {
  it('batch filling and waiting for an instance, as recorded; "not recorded" otherwise', () => {
    const loaded = makeScenario({ duration_s: 120, traffic: poisson(50) }, { instances: 2, batching: { max_batch_size: 4, max_queue_delay_ms: 5, max_queue_size: 1000 } });
    const result = simulate(loaded);
    // The simulator records the split (queue_split_ms); a result of an older simulator lacks it.
    const { queue_split_ms: recorded, ...older } = result.candidates[0]!;
    const without = explain(loaded, loaded.scenario.candidates, { ...result, candidates: [older as typeof result.candidates[0]] }).candidates[0]!;
    expect(without.pools[0]!.batching.split).toMatchObject({ recorded: false, batch_wait_ms: null, instance_wait_ms: null });
    expect(without.latency_budget.parts.find((p) => p.part === 'batch_wait')!.ms.simulated).toBeNull();

    const batchWait = recorded!.batch_fill_mean;
    const instanceWait = recorded!.instance_mean;
    expect(batchWait).toBeGreaterThan(0); // a 5 ms window at 50 rps on two instances: batches fill while instances are free
    const withSplit = explain(loaded, loaded.scenario.candidates, result).candidates[0]!;
    expect(withSplit.pools[0]!.batching.split).toMatchObject({ recorded: true, batch_wait_ms: batchWait, instance_wait_ms: instanceWait });
    const part = (name: string) => withSplit.latency_budget.parts.find((p) => p.part === name)!;
    expect(part('batch_wait').ms.simulated).toBe(batchWait);
    expect(part('queue').label).toBe('waiting for a free instance');
    expect(part('queue').ms.simulated).toBeCloseTo(instanceWait, 3);
  });
});
