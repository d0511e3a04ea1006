// `servetwin simulate` end to end through the compiled CLI (dist/, built by `npm test` first): a
// table on stdout, servetwin.result/v1 JSON with --json, byte-identical for the same seed, and exit
// 2 with one sentence naming the file and field for a bad scenario, file or flag.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-cli-'));

function servetwin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/servetwin.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SHORT = readFileSync(path.join(root, 'scenarios/mmc.yaml'), 'utf8').replace('duration_s: 3600', 'duration_s: 120').replace('warmup_s: 300', 'warmup_s: 10');
const short = path.join(dir, 'short.yaml');
writeFileSync(short, SHORT);

describe('servetwin simulate', () => {
  it('prints a table and writes the result JSON, byte-identical for the same seed', () => {
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    const first = servetwin('simulate', short, '--json', a);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/one-replica-ten-instances: 1 replica\(s\) × 10 instance\(s\)/);
    expect(first.stdout).toMatch(/end to end/);
    expect(servetwin('simulate', short, '--json', b).code).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    const result = JSON.parse(readFileSync(a, 'utf8'));
    expect(result.schema).toBe('servetwin.result/v1');
    const c = result.candidates[0];
    for (const key of ['latency_ms', 'queue_ms', 'compute_ms', 'network_ms']) expect(Object.keys(c[key])).toEqual(expect.arrayContaining(['mean', 'p50', 'p90', 'p99', 'p999']));
    for (const key of ['name', 'throughput_rps', 'completed', 'dropped', 'slo_attainment', 'mean_batch_size', 'utilization']) expect(c).toHaveProperty(key);
  });

  it('--seed gives another result, --json=- prints JSON instead of the table', () => {
    const a = servetwin('simulate', short, '--json=-');
    const b = servetwin('simulate', short, '--json=-', '--seed', '8');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).scenario.seed).toBe(7);
    expect(JSON.parse(b.stdout).scenario.seed).toBe(8);
    expect(JSON.parse(b.stdout).candidates).not.toEqual(JSON.parse(a.stdout).candidates);
  });

  it.each([
    ['a bad field', () => writeBad('rate_rps: 90', 'rate_rps: -3'), [], /bad\.yaml: traffic\.arrivals\.rate_rps: expected a positive number, got -3/],
    ['a YAML syntax error', () => writeBad('slo: { latency_ms: 250, percentile: 99 }', 'slo: [oops'), [], /bad\.yaml: line \d+, column \d+: invalid YAML/],
    ['a missing file', () => path.join(dir, 'nope.yaml'), [], /nope\.yaml: expected a scenario YAML file, but it cannot be read \(no such file\)/],
    ['an unknown candidate', () => short, ['--candidate', 'nope'], /--candidate: expected one of "one-replica-ten-instances", got "nope"/],
    ['a bad seed', () => short, ['--seed', '-1'], /--seed: expected an integer >= 0, got -1/],
  ])('exits 2 on %s, naming it in one line', (_what, file, extra, pattern) => {
    const r = servetwin('simulate', file(), ...(extra as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

function writeBad(from: string, to: string): string {
  const file = path.join(dir, 'bad.yaml');
  writeFileSync(file, SHORT.replace(from, to));
  return file;
}
