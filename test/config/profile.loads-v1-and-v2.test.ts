// Profiles are written as servetwin.profile/v2 and v1 files still load: the shipped reference
// profile (v1, no host.cpus, no contention, no http_path, no intervals) loads unchanged; a v2
// profile with every new part loads; a curve or an interval that contradicts itself is refused
// with the field named, and so is an unknown version.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../common/errors.js';
import { loadProfile, REFERENCE_PROFILE } from '../../config/profile-file.js';
import { PROFILE_SCHEMA_ID, ProfileSchema, type MeasuredProfile } from '../../config/profile.js';
import { parseConfig } from '../../config/validate.js';

const reference = JSON.parse(readFileSync(REFERENCE_PROFILE, 'utf8')) as Record<string, unknown>;

function v2(): MeasuredProfile {
  const p = structuredClone(reference) as unknown as MeasuredProfile;
  return {
    ...p,
    schema: PROFILE_SCHEMA_ID,
    host: { ...p.host, cpus: 1.5, cpu_set: [0, 1] },
    contention: {
      source: 'test',
      cpus: 1.5,
      batch_size: 8,
      intra_op_threads: 1,
      points: [
        { busy: 1, forward_pass_ms: 10, slowdown: 1, ci95: [1, 1], passes: 100 },
        { busy: 2, forward_pass_ms: 13.5, slowdown: 1.35, ci95: [1.3, 1.4], passes: 150 },
        { busy: 3, forward_pass_ms: 21, slowdown: 2.1, ci95: [2, 2.2], passes: 140 },
      ],
    },
    http_path: {
      binary: { ingress_cpu_ms: 0.06, egress_cpu_ms: 0.004, ci95_ingress: [0.05, 0.07], ci95_egress: [0.003, 0.005] },
      json: { ingress_cpu_ms: 4.6, egress_cpu_ms: 0.005, ci95_ingress: [4.1, 5.1], ci95_egress: [0.004, 0.006] },
    },
  };
}

const parse = (value: unknown) => parseConfig(ProfileSchema, value, 'p.json');
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('profile versions', () => {
  it('writes v2', () => {
    expect(PROFILE_SCHEMA_ID).toBe('servetwin.profile/v2');
  });

  it('loads the shipped v1 reference profile unchanged, with none of v2’s parts', () => {
    expect(reference.schema).toBe('servetwin.profile/v1');
    const p = loadProfile(REFERENCE_PROFILE);
    if (p.kind !== 'measured') throw new Error('expected a measured profile');
    expect(p).toEqual(reference);
    expect(p.host.cpus).toBeUndefined();
    expect(p.contention).toBeUndefined();
    expect(p.http_path).toBeUndefined();
  });

  it('loads a v2 profile with host cpus, a contention curve, the HTTP path and the overhead’s intervals', () => {
    const p = v2();
    const withOverhead = {
      ...p,
      serving_overhead: {
        source: 'test',
        compute_scale: 1.1,
        per_batch_ms: 0.5,
        ingress_ms: { kind: 'constant', ms: 0.2 },
        egress_ms: { kind: 'constant', ms: 0.1 },
        deferred_ms: 0.3,
        ci95: { ingress_mean_ms: [0.18, 0.22], egress_mean_ms: [0.09, 0.11], per_batch_ms: [0.4, 0.6], compute_scale: [1.05, 1.15], deferred_ms: [0.1, 0.5] },
      },
    };
    expect(parse(withOverhead)).toEqual(withOverhead);
    // A v2 parametric profile file too.
    expect(parse({ schema: PROFILE_SCHEMA_ID, kind: 'exponential', mean_ms: 3 })).toMatchObject({ kind: 'exponential' });
  });

  it('refuses a curve that is not busy = 1…N, does not start at 1, or whose interval leaves out its slowdown', () => {
    const gap = v2();
    gap.contention!.points.splice(1, 1);
    expect(errorOf(() => parse(gap))).toMatch(/p\.json: contention\.points: points must be busy = 1, 2, …, N in order/);
    const start = v2();
    start.contention!.points[0]!.slowdown = 1.1;
    start.contention!.points[0]!.ci95 = [1, 1.2];
    expect(errorOf(() => parse(start))).toMatch(/contention\.points: slowdown at busy = 1 must be 1/);
    const outside = v2();
    outside.contention!.points[2]!.ci95 = [1.5, 1.9];
    expect(errorOf(() => parse(outside))).toMatch(/contention\.points\[2\]\.ci95: ci95 must contain slowdown/);
    const reversed = v2();
    reversed.http_path!.json.ci95_ingress = [5.1, 4.1];
    expect(errorOf(() => parse(reversed))).toMatch(/http_path\.json\.ci95_ingress: a confidence interval is \[lo, hi\] with lo <= hi/);
  });

  it('refuses host cpus that are not positive, and an unknown version naming the ones it reads', () => {
    const zero = v2();
    zero.host.cpus = 0;
    expect(errorOf(() => parse(zero))).toMatch(/host\.cpus: expected a positive number, got 0/);
    expect(errorOf(() => parse({ ...v2(), schema: 'servetwin.profile/v3' }))).toMatch(/schema: expected one of "servetwin\.profile\/v1", "servetwin\.profile\/v2", got "servetwin\.profile\/v3"/);
  });
});
