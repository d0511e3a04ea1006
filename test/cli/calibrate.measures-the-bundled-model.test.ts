// One real calibration of the bundled classifier through the CLI, with few passes: the profile it
// writes validates and its figures are consistent with its own samples. How fast the model is
// (e.g. that per-item time falls with batch size) is a measurement, not a test: the suite shares
// 2 cores with other forward passes, so it lives in `npm run bench` instead.
// Also `--import` of a CSV through the CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../config/profile-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-cli-'));
const servetwin = (...args: string[]) => spawnSync(process.execPath, ['bin/servetwin.js', ...args], { encoding: 'utf8' });

describe('servetwin calibrate on the bundled model', () => {
  it('writes a valid profile whose statistics agree with its samples', () => {
    const out = path.join(dir, 'p.json');
    // The contention curve and the HTTP path have their own test (calibrate.measures-contention-and-the-http-path).
    const r = servetwin('calibrate', '--model', 'ppocr-cls', '--batch-sizes', '1,4,16', '--iterations', '8', '--warmup', '2', '--no-contention', '--no-http-path', '--out', out, '--json');
    expect(r.stderr).toBe(`profile written to ${out}\n`);
    expect(r.status).toBe(0);
    const profile = loadProfile(out);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    if (profile.kind !== 'measured') throw new Error('expected a measured profile');
    expect(profile.model).toMatchObject({ name: 'ppocr-cls', path: 'builtin:ppocr-cls', inputs: [{ name: 'x', dtype: 'float32', synthesized_shape: [-1, 3, 48, 192] }] });
    expect(profile.threads.intra_op).toBe(1);
    expect(profile.cold_start.session_create_ms).toBeGreaterThan(0);
    const [b1, b4, b16] = profile.batches;
    expect(profile.batches.map((b) => b.batch_size)).toEqual([1, 4, 16]);
    expect(profile.batches.every((b) => b.samples_ms.length === 8)).toBe(true);
    for (const b of [b1!, b4!, b16!]) {
      const sorted = [...b.samples_ms].sort((x, y) => x - y);
      expect(sorted[0]).toBeGreaterThan(0);
      expect(b.p50_ms).toBeGreaterThanOrEqual(sorted[0]!);
      expect(b.p50_ms).toBeLessThanOrEqual(b.p90_ms);
      expect(b.p90_ms).toBeLessThanOrEqual(b.p99_ms);
      expect(b.p99_ms).toBeLessThanOrEqual(sorted.at(-1)!);
      expect(b.mean_ms).toBeCloseTo(sorted.reduce((a, x) => a + x, 0) / sorted.length, 4);
      expect(b.items_per_s).toBeCloseTo((b.batch_size * 1000) / b.mean_ms, 2);
    }
    // Sixteen images cost more than one even on a starved machine (the median of 8 passes).
    expect(b1!.p50_ms).toBeLessThan(b16!.p50_ms);
  });

  it('with --serving-overhead also measures the live engine and stores what it pays beyond the forward pass, with intervals from its blocks', () => {
    const out = path.join(dir, 'with-overhead.json');
    const r = servetwin('calibrate', '--batch-sizes', '1,2', '--iterations', '4', '--warmup', '1', '--no-contention', '--no-http-path', '--serving-overhead', '--overhead-duration-s', '4', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    // Two blocks, each at the low rate for 2 s then at twice the rate for 1 s (the HTTP thread's work per request).
    expect(r.stderr).toMatch(/measuring the engine's overhead: 2 block\(s\) of (\d+) requests\/s for 2 s then \d+ requests\/s for 1 s \(4 s in all, after 2 s warm-up\) against servetwin serve/);
    expect(r.stdout).toMatch(/serving overhead \(measured live\): ingress \d+\.\d+ ms, egress /);
    expect(r.stdout).toMatch(/^ {2}95 % intervals: ingress mean \[/m);
    const profile = loadProfile(out);
    const o = profile.serving_overhead!;
    expect(o.source).toMatch(/^calibrate --serving-overhead: 2 blocks of \d+ requests\/s Poisson for 2 s \(4 s in all/);
    expect(o.compute_scale).toBeGreaterThan(0);
    expect(o.deferred_ms).toBeGreaterThanOrEqual(0);
    // Every interval holds its figure (ingress and egress: their means, the middle of the interval).
    const ci = o.ci95!;
    for (const [figure, c] of [[o.compute_scale, ci.compute_scale], [o.per_batch_ms, ci.per_batch_ms], [o.deferred_ms, ci.deferred_ms]] as const) {
      expect(c![0]).toBeLessThanOrEqual(figure);
      expect(c![1]).toBeGreaterThanOrEqual(figure);
    }
    expect(ci.ingress_mean_ms![0]).toBeLessThanOrEqual(ci.ingress_mean_ms![1]);
    expect(ci.egress_mean_ms![0]).toBeLessThanOrEqual(ci.egress_mean_ms![1]);
    for (const d of [o.ingress_ms, o.egress_ms, o.client_ms!]) {
      if (d.kind !== 'empirical') throw new Error(`expected a measured distribution, got ${d.kind}`);
      expect(d.quantiles_ms).toHaveLength(101);
      expect(d.quantiles_ms[100]).toBeGreaterThan(0);
    }
    const bad = servetwin('calibrate', '--serving-overhead', '--overhead-duration-s', '-1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--overhead-duration-s: expected a positive number, got -1/);
  });

  it('prints a table when not asked for JSON', () => {
    const r = servetwin('calibrate', '--batch-sizes', '1,2', '--iterations', '2', '--warmup', '0', '--no-contention', '--no-http-path');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^batch\s+p50 ms\s+p90 ms\s+p99 ms\s+mean ms\s+stddev\s+items\/s\s+ms\/item\s+outliers$/m);
    expect(r.stdout).toMatch(/not saved: add --out FILE/);
  });

  it('imports a CSV measured elsewhere', () => {
    const csv = path.join(dir, 'gpu.csv');
    writeFileSync(csv, 'batch_size,latency_ms\n1,1.0\n1,1.2\n8,2.0\n8,2.4\n');
    const out = path.join(dir, 'gpu.json');
    const r = servetwin('calibrate', '--import', csv, '--host-label', 'A10G', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported from .*gpu\.csv \(csv\); host: A10G/);
    const profile = loadProfile(out);
    expect(profile.kind).toBe('imported');
  });
});
