// calibrate warns when a figure's 95 % interval is wide, and says how long to measure for a tight
// one: a half-width shrinks as 1/√time, so the time that brings it to ±5 % is
// now × (half-width / allowed)². Checked on hand-made profiles with worked answers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PROFILE } from '../../config/profile-file.js';
import type { MeasuredProfile } from '../../config/profile.js';
import { spreadWarnings } from '../../calibration/spread.js';

const base = JSON.parse(readFileSync(REFERENCE_PROFILE, 'utf8')) as MeasuredProfile; // batch 1 mean 1.856152 ms
const settings = {
  contention: { durationS: 3, flag: '--contention-duration-s' },
  httpPath: { durationS: 0.3, flag: '--http-path-duration-s' },
  servingOverhead: { durationS: 12, flag: '--overhead-duration-s' },
};

function profile(busy3: [number, number], jsonIngress: [number, number], deferred: [number, number]): MeasuredProfile {
  return {
    ...base,
    contention: {
      source: 'test',
      cpus: 2,
      batch_size: 8,
      intra_op_threads: 1,
      points: [
        { busy: 1, forward_pass_ms: 10, slowdown: 1, ci95: [1, 1], passes: 100 },
        { busy: 2, forward_pass_ms: 13.5, slowdown: 1.35, ci95: [1.3, 1.4], passes: 150 },
        { busy: 3, forward_pass_ms: 21, slowdown: 2.1, ci95: busy3, passes: 140 },
      ],
    },
    http_path: {
      // binary egress ±0.001 ms: under 2 % of the 1.86 ms forward pass, so never wide however small the figure
      binary: { ingress_cpu_ms: 0.06, egress_cpu_ms: 0.004, ci95_ingress: [0.058, 0.062], ci95_egress: [0.003, 0.005] },
      json: { ingress_cpu_ms: 4.6, egress_cpu_ms: 0.005, ci95_ingress: jsonIngress, ci95_egress: [0.004, 0.006] },
    },
    serving_overhead: {
      source: 'test',
      compute_scale: 1.1,
      per_batch_ms: 0.5,
      ingress_ms: { kind: 'constant', ms: 0.2 },
      egress_ms: { kind: 'constant', ms: 0.1 },
      deferred_ms: 0.3,
      ci95: { ingress_mean_ms: [0.19, 0.21], egress_mean_ms: [0.095, 0.105], per_batch_ms: [0.49, 0.51], compute_scale: [1.05, 1.15], deferred_ms: deferred },
    },
  };
}

describe('spread warnings', () => {
  it('say nothing when every interval is tight', () => {
    expect(spreadWarnings(profile([2.05, 2.15], [4.5, 4.7], [0.29, 0.31]), settings)).toEqual([]);
  });

  it('name each wide figure and the time that would make it tight', () => {
    const warnings = spreadWarnings(profile([1.8, 2.4], [4.1, 5.1], [0.1, 0.5]), settings);
    expect(warnings).toHaveLength(3);
    // busy 3: half-width 0.3 against 5 % of 2.1 = 0.105 → 3 s × (0.3 / 0.105)² = 24.5 s
    expect(warnings[0]).toBe(
      'contention (batch 8): the 95 % interval is wide for slowdown at busy 3 2.100 [1.800, 2.400], ±14 %. For ±5 %, measure for about 25 s (--contention-duration-s 25, now 3); if other work was running, first try again on a quiet machine',
    );
    // json ingress: 0.5 against 0.23 → 0.3 s × 4.73 = 1.42 s
    expect(warnings[1]).toMatch(/^HTTP path: the 95 % interval is wide for json ingress CPU ms 4\.600 \[4\.100, 5\.100\], ±11 %\. .*about 2 s \(--http-path-duration-s 2, now 0\.3\)/);
    // deferred: 0.2 against max(5 % of 0.3, 2 % of 1.856) = 0.0371 → 12 s × 29.0 = 348.4 s
    expect(warnings[2]).toMatch(/^serving overhead: the 95 % interval is wide for deferred_ms 0\.300 \[0\.100, 0\.500\], ±67 %\. .*about 349 s \(--overhead-duration-s 349, now 12\)/);
  });

  it('only for the measurements that were run', () => {
    expect(spreadWarnings(profile([1.8, 2.4], [4.1, 5.1], [0.1, 0.5]), { contention: settings.contention })).toHaveLength(1);
  });
});
