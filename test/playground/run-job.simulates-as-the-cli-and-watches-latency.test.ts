// The worker's job, run in Node: the scenario object and profile the page sends give the result
// the simulator gives for the same scenario loaded from files, byte for byte — watching every
// request for the timeline changes nothing — and the watcher's own percentiles (log bins 1 % wide)
// agree with the simulator's HDR ones to within their widths.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../config/profile-file.js';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { simulate } from '../../simulator/simulate.js';
import { runJob } from '../../playground/worker/run-job.js';
import { LatencyOverTime, bucketSeconds } from '../../playground/worker/latency-over-time.js';
import { checkSettings } from '../../playground/check-settings.js';
import { DEFAULT_SETTINGS } from '../../playground/settings.js';

const root = path.resolve(import.meta.dirname, '../..');
const profile = loadProfile(path.join(root, 'calibration/profiles/ppocr-cls.cpu-2core.json'));

describe('the worker job', () => {
  it('gives byte for byte the result of the simulator on the same scenario loaded from files', () => {
    for (const patch of [{}, { arrivals: 'mmpp' as const, rate_rps: 600, max_queue_size: 12 }, { arrivals: 'diurnal' as const, rate_rps: 900, replicas: 2, max_batch_size: 1 }]) {
      const { input } = checkSettings({ ...DEFAULT_SETTINGS, duration_s: 120, ...patch });
      const fromFiles = simulate(scenarioFromObject(input, root));
      const partials: number[] = [];
      const job = runJob({ scenario: input, profile }, (soFar) => partials.push(soFar().simulated_s));
      expect(JSON.stringify(job.result, null, 2)).toBe(JSON.stringify(fromFiles, null, 2));
      expect(partials.length).toBeGreaterThan(0);
      expect(partials).toEqual([...partials].sort((a, b) => a - b));
    }
  });

  it('watches latency over time to within its bins of the simulator’s percentiles', () => {
    const { input } = checkSettings({ ...DEFAULT_SETTINGS, duration_s: 300, rate_rps: 900 });
    const { result, overTime } = runJob({ scenario: input, profile });
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
    expect(() => runJob({ scenario: input, profile: null })).toThrow(/profile\.file: expected the profile "calibration\/profiles\/ppocr-cls\.cpu-2core\.json" to come with the scenario/);
  });
});
