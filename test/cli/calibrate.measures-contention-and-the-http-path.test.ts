// A real, short contention curve and HTTP-path measurement of the bundled classifier through the
// CLI. The suite runs on two shared cores, so this checks structure and sanity — busy = 1…N with
// N ≥ ceil(cpus) + 1, slowdown 1 at busy 1, every interval holding its estimate, positive CPU
// figures — and no speed claims, except one a busy machine cannot reverse: decoding a 110 kB
// tensor written as JSON numbers costs more CPU than viewing it as binary (roughly 80× here).
// New flags' bad values exit 2 naming the flag.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../config/profile-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-cli-'));
const servetwin = (...args: string[]) => spawnSync(process.execPath, ['bin/servetwin.js', ...args], { encoding: 'utf8' });

describe('servetwin calibrate: contention and the HTTP path', () => {
  it('measures the forward pass with 1…N instances busy, and the HTTP thread’s CPU per request', () => {
    const out = path.join(dir, 'p.json');
    const r = servetwin(
      'calibrate',
      ...['--batch-sizes', '1,4', '--iterations', '3', '--warmup', '1'],
      ...['--contention-duration-s', '1', '--contention-batch-size', '4', '--http-path-duration-s', '0.1', '--out', out],
    );
    expect(r.status, r.stderr).toBe(0);
    const profile = loadProfile(out);
    if (profile.kind !== 'measured') throw new Error('expected a measured profile');
    expect(profile.schema).toBe('servetwin.profile/v2');
    const cpus = profile.host.cpus!;
    expect(cpus).toBeGreaterThan(0);
    expect(cpus).toBeLessThanOrEqual(profile.host.cores);

    const c = profile.contention!;
    expect(c).toMatchObject({ cpus, batch_size: 4, intra_op_threads: 1 });
    expect(c.source).toMatch(/^calibrate: \d+ instance worker\(s\) of 1 intra-op thread\(s\), batch 4, 1 s per busy level in 4 blocks/);
    expect(c.points.map((p) => p.busy)).toEqual(Array.from({ length: Math.ceil(cpus) + 1 }, (_, i) => i + 1));
    expect(c.points[0]).toMatchObject({ busy: 1, slowdown: 1, ci95: [1, 1] });
    for (const p of c.points) {
      expect(p.forward_pass_ms).toBeGreaterThan(0);
      expect(p.passes).toBeGreaterThan(0);
      expect(p.ci95[0]).toBeLessThanOrEqual(p.slowdown);
      expect(p.ci95[1]).toBeGreaterThanOrEqual(p.slowdown);
      expect(p.slowdown).toBeCloseTo(p.forward_pass_ms / c.points[0]!.forward_pass_ms, 4);
    }

    const h = profile.http_path!;
    for (const f of [h.binary, h.json]) {
      expect(f.ingress_cpu_ms).toBeGreaterThan(0);
      expect(f.egress_cpu_ms).toBeGreaterThan(0);
      expect(f.ci95_ingress[0]).toBeLessThanOrEqual(f.ingress_cpu_ms);
      expect(f.ci95_ingress[1]).toBeGreaterThanOrEqual(f.ingress_cpu_ms);
      expect(f.ci95_egress[0]).toBeLessThanOrEqual(f.egress_cpu_ms);
      expect(f.ci95_egress[1]).toBeGreaterThanOrEqual(f.egress_cpu_ms);
    }
    expect(h.json.ingress_cpu_ms).toBeGreaterThan(h.binary.ingress_cpu_ms);

    // The table shows both, the curve beside plain processor sharing.
    expect(r.stdout).toMatch(/^contention: batch 4, 1 intra-op thread\(s\) per instance, [\d.]+ cpus$/m);
    expect(r.stdout).toMatch(/^busy\s+forward ms\s+slowdown\s+95 % interval\s+sharing\s+passes$/m);
    expect(r.stdout).toMatch(/^1\s+[\d.]+\s+1\.000\s+\[1\.000, 1\.000\]\s+1\.000\s+\d+$/m);
    expect(r.stdout).toMatch(/^HTTP path CPU per request, ms \(95 % interval\): binary ingress [\d.]+ \[/m);
    // Whatever the machine did meanwhile, stderr holds nothing but warnings about wide intervals.
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^servetwin calibrate: warning: .* the 95 % interval is wide for .* measure for about \d+ s \(--/);
  });

  it('refuses bad values of the new flags, naming the flag', () => {
    const bad = (flag: string, value: string, message: RegExp) => {
      const r = servetwin('calibrate', '--iterations', '1', '--warmup', '0', flag, value);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim()).toMatch(message);
    };
    bad('--contention-duration-s', '0', /^servetwin: --contention-duration-s: expected a positive number, got 0$/);
    bad('--contention-batch-size', '2.5', /^servetwin: --contention-batch-size: expected an integer >= 1, got 2\.5$/);
    bad('--contention-max-busy', '0', /^servetwin: --contention-max-busy: expected an integer >= 1, got 0$/);
    bad('--http-path-duration-s', '-1', /^servetwin: --http-path-duration-s: expected a positive number, got -1$/);
  });

  it('says which flag to change when a level is too short for even one pass of the batch', () => {
    // 5 ms per block and level, and the first pass of each worker is left out: no batch of 32 fits.
    const r = servetwin('calibrate', '--batch-sizes', '32', '--iterations', '1', '--warmup', '0', '--no-http-path', '--contention-duration-s', '0.02');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim()).toMatch(/^servetwin: contention: with 1 instance\(s\) busy, 4 of 4 blocks \(0\.01 s each\) saw no complete forward pass of batch 32; measure longer or with a smaller batch \(--contention-duration-s, --contention-batch-size\)$/);
  });
});
