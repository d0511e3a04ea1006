// The overhead model in the prediction: a per-request constant adds exactly itself to every
// latency and occupies no instance, a per-batch time and a forward-pass factor lengthen the
// service time (and so the queueing), and estimateOverhead recovers a known overhead from a
// measurement that carries it. Also the fidelity errors' sign and the null for a zero prediction.
import { describe, expect, it } from 'vitest';
import { scenarioFromObject } from '../../simulator/load-scenario.js';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import { applyOverhead, estimateOverhead, perRequestDelay, transformProfile, OVERHEAD_SCHEMA_ID, type OverheadModel } from '../../replay/overhead.js';
import { fidelityErrors, type FidelityFigures } from '../../replay/fidelity.js';
import type { SendReport } from '../../replay/sender.js';
import type { ServerFigures } from '../../replay/server-metrics.js';
import { REFERENCE_PROFILE } from '../../calibration/profile-file.js';
import { loadProfile } from '../../calibration/profile-file.js';

const scenario = (profile: object, rate = 50): LoadedScenario =>
  scenarioFromObject({
    schema: 'servetwin.scenario/v1',
    name: 'o',
    seed: 3,
    duration_s: 60,
    profile,
    traffic: { arrivals: { kind: 'poisson', rate_rps: rate } },
    network: { delay: { kind: 'constant', ms: 40 } },
    slo: { latency_ms: 100, percentile: 99 },
    candidates: [{ name: 'c', instances: 1, batching: { max_batch_size: 1 } }],
  });

const model = (o: Partial<OverheadModel>): OverheadModel => ({ schema: OVERHEAD_SCHEMA_ID, per_request_ms: 0, per_batch_ms: 0, compute_scale: 1, source: 'test', ...o });
const run = (l: LoadedScenario) => simulate(l).candidates[0]!;

describe('overhead model', () => {
  it('a per-request constant shifts every latency by itself and leaves the queue alone (the scenario’s network is replaced)', () => {
    const loaded = scenario({ kind: 'deterministic', mean_ms: 4 });
    const bare = run(applyOverhead(loaded, null));
    const shifted = run(applyOverhead(loaded, model({ per_request_ms: 3 })));
    expect(bare.latency_ms.p50).toBeCloseTo(4, 2);
    for (const k of ['mean', 'p50', 'p90', 'p99'] as const) expect(shifted.latency_ms[k]).toBeCloseTo(bare.latency_ms[k] + 3, 2);
    expect(shifted.queue_ms.mean).toBeCloseTo(bare.queue_ms.mean, 9);
  });

  it('a per-batch time and a forward-pass factor lengthen the service time, so the queue grows too', () => {
    const loaded = scenario({ kind: 'deterministic', mean_ms: 4 }, 150);
    const bare = run(applyOverhead(loaded, null));
    const slower = run(applyOverhead(loaded, model({ per_batch_ms: 1, compute_scale: 1.5 })));
    expect(slower.compute_ms.mean).toBeCloseTo(4 * 1.5 + 1, 6);
    expect(slower.queue_ms.mean).toBeGreaterThan(bare.queue_ms.mean * 2);
  });

  it('transforms a measured profile sample by sample', () => {
    const p = loadProfile(REFERENCE_PROFILE);
    if (p.kind !== 'measured') throw new Error('the reference profile is measured');
    const t = transformProfile(p, 2, 0.5);
    expect(t.batches[0]!.samples_ms[3]).toBeCloseTo(p.batches[0]!.samples_ms[3]! * 2 + 0.5, 12);
    expect(t.batches[2]!.mean_ms).toBeCloseTo(p.batches[2]!.mean_ms * 2 + 0.5, 12);
    expect(transformProfile(p, 1, 0)).toBe(p);
  });

  it('estimateOverhead recovers the per-request distribution and the forward-pass factor a measurement carries', () => {
    const loaded = scenario({ kind: 'lognormal', mean_ms: 2, cv: 0.3 });
    const truth = model({ per_request_ms: 2.5, per_request_p99_ms: 9, compute_scale: 1.2 });
    const measuredRun = run(applyOverhead(loaded, truth));
    const sent = { latencyMs: { ...measuredRun.latency_ms } } as unknown as SendReport;
    const server = { batch_size_buckets: { '1': 1000 }, mean_batch_size: 1, compute_ms_per_batch: 2 * 1.2, compute_ms: 2.4, queue_ms: measuredRun.queue_ms.mean } as unknown as ServerFigures;
    const simulateWith = (o: OverheadModel) => run(applyOverhead(loaded, o)).latency_ms;
    const estimate = estimateOverhead(loaded.profile, sent, server, 'test', simulateWith);
    expect(estimate.compute_scale).toBeCloseTo(1.2, 6);
    expect(estimate.per_request_ms).toBeCloseTo(2.5, 1);
    expect(estimate.per_request_p99_ms!).toBeGreaterThan(8.5);
    expect(estimate.per_request_p99_ms!).toBeLessThan(9.5);
    expect(estimate.per_batch_ms).toBe(0);
    // And the estimate reproduces the measurement it came from.
    const again = run(applyOverhead(loaded, estimate)).latency_ms;
    expect(again.p50).toBeCloseTo(measuredRun.latency_ms.p50, 1);
    expect(Math.abs(again.p99 - measuredRun.latency_ms.p99) / measuredRun.latency_ms.p99).toBeLessThan(0.02);
  });

  it('a per-request p99 makes the per-request time lognormal through its median and p99', () => {
    const d = perRequestDelay(model({ per_request_ms: 2, per_request_p99_ms: 6 }));
    if (d.kind !== 'lognormal') throw new Error(`expected lognormal, got ${d.kind}`);
    const sigma = Math.sqrt(Math.log(1 + d.cv * d.cv));
    const median = d.mean_ms / Math.exp((sigma * sigma) / 2);
    expect(median).toBeCloseTo(2, 9);
    expect(median * Math.exp(2.3263478740408408 * sigma)).toBeCloseTo(6, 9);
    expect(perRequestDelay(model({ per_request_ms: 2 }))).toEqual({ kind: 'constant', ms: 2 });
  });

  it('fidelity errors are (measured − predicted) / predicted, null where the prediction is 0', () => {
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
