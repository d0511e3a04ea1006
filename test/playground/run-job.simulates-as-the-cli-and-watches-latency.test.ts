// The worker's job, run in Node: the scenario object and profile the page sends give the result
// the simulator gives for the same scenario loaded from files, byte for byte — watching every
// request and scaling decision for the timelines changes nothing, nor does another seed asked for
// by the run — the watcher's own percentiles (log bins 1 % wide) agree with the simulator's HDR
// ones to within their widths, and what it says the autoscaler did (panic, replicas starting)
// adds up to what the simulator's own records say.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../config/profile-file.js';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { simulate } from '../../simulator/simulate.js';
import { runJob } from '../../playground/worker/run-job.js';
import { LatencyOverTime, bucketSeconds } from '../../playground/worker/latency-over-time.js';
import { checkSettings } from '../../playground/check-settings.js';
import { DEFAULT_SETTINGS } from '../../playground/settings.js';
import { modeOf } from '../../playground/worker/scaling-over-time.js';
import type { ReplicaRecord, RunTrace } from '../../simulator/core/run-trace.js';

const root = path.resolve(import.meta.dirname, '../..');
const profile = loadProfile(path.join(root, 'calibration/profiles/ppocr-cls.cpu-2core.json'));

describe('the worker job', () => {
  it('gives byte for byte the result of the simulator on the same scenario loaded from files', () => {
    for (const patch of [{}, { arrivals: 'mmpp' as const, rate_rps: 600, max_queue_size: 12 }, { arrivals: 'diurnal' as const, rate_rps: 900, replicas: 2, max_batch_size: 1 }]) {
      const { input } = checkSettings({ ...DEFAULT_SETTINGS, duration_s: 120, ...patch });
      const fromFiles = simulate(scenarioFromObject(input, root));
      const partials: number[] = [];
      const job = runJob({ scenario: input, profile, watch: true }, (soFar) => partials.push(soFar!().simulated_s));
      expect(JSON.stringify(job.result, null, 2)).toBe(JSON.stringify(fromFiles, null, 2));
      expect(partials.length).toBeGreaterThan(0);
      expect(partials).toEqual([...partials].sort((a, b) => a - b));
    }
  });

  it('watches latency over time to within its bins of the simulator’s percentiles', () => {
    const { input } = checkSettings({ ...DEFAULT_SETTINGS, duration_s: 300, rate_rps: 900 });
    const { result, watched } = runJob({ scenario: input, profile, watch: true });
    const overTime = watched!.overTime;
    expect(overTime.bucket_s).toBe(bucketSeconds(300));
    expect(overTime.t_s).toHaveLength(300 / overTime.bucket_s);
    const watcher = new LatencyOverTime(300_000, 10_000);
    simulate(scenarioFromObject(input, root), { trace: () => watcher });
    const soFar = watcher.soFar();
    const hdr = result.candidates[0]!.latency_ms;
    expect(soFar.completed).toBe(result.candidates[0]!.completed);
    for (const [mine, theirs] of [
      [soFar.p50_ms, hdr.p50],
      [soFar.p90_ms, hdr.p90],
      [soFar.p99_ms, hdr.p99],
    ] as const) expect(Math.abs(mine! - theirs) / theirs).toBeLessThan(0.012);
  });

  it('names the missing profile instead of failing somewhere inside', () => {
    const { input } = checkSettings(DEFAULT_SETTINGS);
    expect(() => runJob({ scenario: input, profile: null, watch: false })).toThrow(/profile\.file: expected the profile "calibration\/profiles\/ppocr-cls\.cpu-2core\.json" to come with the scenario/);
  });

  it('runs another seed as the CLI runs that seed, unwatched but stoppable', () => {
    const { input } = checkSettings({ ...DEFAULT_SETTINGS, duration_s: 60 });
    let ticks = 0;
    const job = runJob({ scenario: input, profile, watch: false, seed: 7 }, (partial) => {
      expect(partial).toBeNull();
      ticks++;
    });
    expect(ticks).toBeGreaterThan(1);
    expect(job.watched).toBeNull();
    expect(JSON.stringify(job.result)).toBe(JSON.stringify(simulate(scenarioFromObject(input, root), { seed: 7 })));
  });

  it('watches the autoscaler: its panic and its replicas starting add up to the simulator’s records', () => {
    const settings = { ...DEFAULT_SETTINGS, duration_s: 600, arrivals: 'mmpp' as const, rate_rps: 500, burst_ratio: 6, autoscaler: 'kpa' as const, kpa_target: 2, min_replicas: 1, max_replicas: 12, provisioning: 'deterministic' as const, provisioning_s: 5 };
    const { input } = checkSettings(settings);
    const job = runJob({ scenario: input, profile, watch: true });
    const fromFiles = simulate(scenarioFromObject(input, root));
    expect(JSON.stringify(job.result)).toBe(JSON.stringify(fromFiles));
    const s = job.watched!.scaling!;
    const series = job.result.candidates[0]!.timeseries;
    // Panic: the decisions' flag held until the next decision, against the ledger's share per interval.
    const panicS = s.panic.reduce((a, v) => a + v, 0) * s.bucket_s;
    const ledgerPanicS = series.panic!.reduce((a, v) => a + v, 0) * series.interval_s;
    expect(ledgerPanicS).toBeGreaterThan(0);
    expect(Math.abs(panicS - ledgerPanicS)).toBeLessThan(0.02 * ledgerPanicS + 2 * s.bucket_s);
    // Starting replicas: provisioning + loading time equals each added replica's time from asked-for to ready (or gone).
    const replicas: ReplicaRecord[] = [];
    const trace: RunTrace = { onRequest() {}, onBatch() {}, onReplica: (r) => replicas.push(r) };
    simulate(scenarioFromObject(input, root), { trace: () => trace });
    const added = replicas.filter((r) => r.createdMs > 0);
    expect(added.length).toBeGreaterThan(0);
    const startingS = added.reduce((a, r) => a + (Math.min(600_000, r.readyMs >= 0 ? r.readyMs : r.goneMs >= 0 ? r.goneMs : 600_000) - r.createdMs) / 1000, 0);
    const watchedS = [...s.provisioning, ...s.loading].reduce((a, v) => a + v, 0) * s.bucket_s;
    expect(Math.abs(watchedS - startingS)).toBeLessThan(0.01 * startingS + 0.01);
    // Of it, each ready replica spent the profile's cold start loading the model.
    const loadingS = s.loading.reduce((a, v) => a + v, 0) * s.bucket_s;
    expect(loadingS).toBeCloseTo(added.filter((r) => r.readyMs >= 0).length * s.cold_start_s, 0);
    expect(s.ready_at_s).toEqual(added.filter((r) => r.readyMs >= 0).map((r) => r.readyMs / 1000).sort((a, b) => a - b));
    expect(s.changes.every((c) => c.to !== c.from)).toBe(true);
  });

  it('reads the autoscaler’s state from its reasons: panic, a scale-down held, a scale-up delayed', () => {
    const d = { desired: 3, current: 3, panic: false };
    expect(modeOf({ ...d, panic: true, reason: 'concurrency stable 4 / panic 9, target 2.8: stable 2, panic 4: panicking, hold 4' })).toBe('panic');
    expect(modeOf({ ...d, reason: 'utilization 35 % of target 80 %: ceil(0.44 × 3 ready) = 2; stabilised to 3 (highest of the last 300 s)' })).toBe('holding_down');
    expect(modeOf({ ...d, reason: 'concurrency stable 1 / panic 1, target 2.8: stable 1; scale-down delayed, keep 3' })).toBe('holding_down');
    expect(modeOf({ ...d, reason: 'ongoing 1.2 per replica: want 1; down to 1 wanted for 12 of 600 s' })).toBe('holding_down');
    expect(modeOf({ ...d, reason: 'ongoing 9 per replica: want 5; up to 5 wanted for 3 of 30 s' })).toBe('delaying_up');
    expect(modeOf({ ...d, reason: 'utilization 99 % of target 80 %: within tolerance' })).toBe('stable');
  });
});
