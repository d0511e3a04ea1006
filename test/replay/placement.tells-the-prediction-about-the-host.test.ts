// What replay tells the prediction about the host it measured on: pinned, the candidate gets the
// engine's cores and no generator; unpinned, the generator's measured CPU per request as a
// co-located `client` too (one replica only); a parametric profile gets neither (it has no CPU
// model), and a `client` the scenario gave is replaced or dropped. The lag limit that makes a run
// invalid for fidelity is 5 % of the SLO, at least 1 ms, unless given.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { lagLimitMs, predictionHost, withPredictionHost, type ReplayCores } from '../../replay/placement.js';

const measured = (candidate: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  scenarioFromObject({
    schema: 'servetwin.scenario/v1',
    name: 'host',
    duration_s: 10,
    profile: { file: path.resolve('calibration/profiles/ppocr-cls.cpu-2core.json') },
    traffic: { arrivals: { kind: 'poisson', rate_rps: 50 } },
    slo: { latency_ms: 50, percentile: 99 },
    candidates: [{ name: 'c', batching: { max_batch_size: 1 }, ...candidate }],
    ...extra,
  });

const cores = (pinned: boolean, engines: number[][], cpus: number): ReplayCores => ({ pinned, engines, generator: [0], cpus, launchPrefix: () => [] });

describe('the host in the prediction', () => {
  it('pinned: the engine cores as cpus, no generator (a scenario client is dropped)', () => {
    const loaded = measured({}, { client: { cpu_ms_per_request: 3 } });
    const c = loaded.scenario.candidates[0]! as never;
    const { host, notes } = predictionHost(loaded, c, { cores: cores(true, [[1]], 1), coLocated: false, generatorCpuMsPerRequest: 0.8 });
    expect(host).toEqual({ cpus: 1, clientCpuMsPerRequest: null });
    expect(notes).toEqual([]);
    const predicted = withPredictionHost(loaded, host).scenario;
    expect(predicted.candidates[0]!.cpus).toBe(1);
    expect(predicted.client).toBeUndefined();
  });

  it('unpinned: the generator as a co-located consumer with what it measured', () => {
    const loaded = measured({ cpus: 4 });
    const { host, notes } = predictionHost(loaded, loaded.scenario.candidates[0]! as never, { cores: cores(false, [[0, 1]], 2), coLocated: true, generatorCpuMsPerRequest: 0.8 });
    expect(host).toEqual({ cpus: 2, clientCpuMsPerRequest: 0.8 });
    expect(notes).toEqual(["the candidate's cpus 4 is replaced in the prediction by the 2 core(s) each engine had"]);
    expect(withPredictionHost(loaded, host).scenario.client).toEqual({ cpu_ms_per_request: 0.8 });
  });

  it('leaves the generator out beside several replicas, and says the shared cores make it optimistic', () => {
    const loaded = measured({ replicas: 2 });
    const { host, notes } = predictionHost(loaded, loaded.scenario.candidates[0]! as never, { cores: cores(false, [[0, 1]], 2), coLocated: true, generatorCpuMsPerRequest: 0.8 });
    expect(host).toEqual({ cpus: 2, clientCpuMsPerRequest: null });
    expect(notes.join('\n')).toMatch(/the 2 engine processes shared the same 2 core\(s\), but the simulator gives each replica cores of its own: the prediction is optimistic/);
    expect(notes.join('\n')).toMatch(/leaves it out/);
  });

  it('gives a parametric profile no CPU figures', () => {
    const loaded = scenarioFromObject({
      schema: 'servetwin.scenario/v1',
      name: 'parametric',
      duration_s: 10,
      profile: { kind: 'exponential', mean_ms: 5 },
      traffic: { arrivals: { kind: 'poisson', rate_rps: 50 } },
      slo: { latency_ms: 50, percentile: 99 },
      candidates: [{ name: 'c', batching: { max_batch_size: 1 } }],
    });
    const { host, notes } = predictionHost(loaded, loaded.scenario.candidates[0]! as never, { cores: cores(false, [[0, 1]], 2), coLocated: true, generatorCpuMsPerRequest: 0.8 });
    expect(host).toEqual({ cpus: null, clientCpuMsPerRequest: null });
    expect(notes[0]).toMatch(/^the profile is parametric \(exponential\), so the prediction has no CPU model: the engine.s 2 core\(s\) and the generator.s CPU are not in it$/);
    expect(withPredictionHost(loaded, host).scenario.candidates[0]!.cpus).toBeUndefined();
  });

  it('limits the generator lag to 5 % of the SLO, at least 1 ms, unless told', () => {
    expect(lagLimitMs(measured())).toBe(2.5);
    expect(lagLimitMs({ ...measured(), scenario: { ...measured().scenario, slo: { ...measured().scenario.slo, latency_ms: 10 } } })).toBe(1);
    expect(lagLimitMs(measured(), 4)).toBe(4);
  });
});
