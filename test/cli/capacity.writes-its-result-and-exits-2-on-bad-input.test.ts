// `servetwin capacity` end to end through the built command: a table that states its definitions,
// servetwin.capacity/v1 JSON that its schema accepts, the same bytes on worker threads as in one
// thread and from shards merged back, --burst on an MMPP, and exit 2 naming the flag for a
// tolerance outside (0, 0.5], --burst without an MMPP and --no-compress with a trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCapacity } from '../../config/capacity-file.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-capacity-'));

function servetwin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/servetwin.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Two candidates of M/M/c-like servers, short enough to search in seconds. */
const grid = path.join(dir, 'grid.yaml');
writeFileSync(
  grid,
  `schema: servetwin.scenario/v1
name: capacity-grid
seed: 2
duration_s: 40
warmup_s: 4
profile: { kind: exponential, mean_ms: 20 }
traffic:
  arrivals: { kind: poisson, rate_rps: 60 }
slo: { latency_ms: 150, percentile: 99 }
cost: { replica_per_hour_usd: 0.5 }
candidates:
  - name: s
    instances: 2
    batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 100000 }
grid:
  replicas: [1, 2]
sweep: { seeds: 2 }
`,
);

describe('servetwin capacity', () => {
  it('prints the definitions and a row per candidate, and writes JSON its schema accepts', () => {
    const file = path.join(dir, 'cap.json');
    const r = servetwin('capacity', grid, '--json', file, '--workers', '0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/highest load multiplier at which p99 ≤ 150 ms/);
    expect(r.stdout).toMatch(/bisection to 2\.0 %/);
    expect(r.stdout).toMatch(/Breaks by: /);
    expect(r.stdout).toMatch(/s\[replicas=1\]\s+×\d/);
    const result = parseCapacity(JSON.parse(readFileSync(file, 'utf8')), file);
    expect(result.candidates.map((c) => c.name)).toEqual(['s[replicas=1]', 's[replicas=2]']);
    const [one, two] = result.candidates;
    // Two 20 ms instances serve 100 req/s at most; the p99 ≤ 150 ms holds a little below that.
    expect(one!.sustainable_mean_rps!).toBeGreaterThan(50);
    expect(one!.sustainable_mean_rps!).toBeLessThan(100);
    expect(two!.sustainable_mean_rps! / one!.sustainable_mean_rps!).toBeGreaterThan(1.8);
    expect(one!.headroom).toBe(one!.level);
    expect(one!.qps_per_usd_per_hour).toBeCloseTo(one!.sustainable_mean_rps! / 0.5, 1);
    expect(one!.breaks?.reason).toBe('instance_queue');
    expect(result.frontier).toEqual(['s[replicas=1]', 's[replicas=2]']);
  });

  it('gives the same bytes on worker threads, and from its shards merged', () => {
    const whole = path.join(dir, 'whole.json');
    const threaded = path.join(dir, 'threaded.json');
    expect(servetwin('capacity', grid, '--json', whole, '--workers', '0').code).toBe(0);
    expect(servetwin('capacity', grid, '--json', threaded, '--workers', '2').code).toBe(0);
    expect(readFileSync(threaded, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    const parts = [1, 2].map((i) => path.join(dir, `part-${i}.json`));
    parts.forEach((p, i) => expect(servetwin('capacity', grid, '--shard', `${i + 1}/2`, '--json', p, '--workers', '0').code).toBe(0));
    const merged = path.join(dir, 'merged.json');
    const m = servetwin('merge', ...parts, '--json', merged);
    expect(m.code).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(whole, 'utf8'));
  });

  it('goes into the report with --capacity: the headroom, a table and the latency-vs-load chart', () => {
    const cap = path.join(dir, 'for-report.json');
    const result = path.join(dir, 'result.json');
    expect(servetwin('capacity', grid, '--json', cap, '--workers', '0').code).toBe(0);
    expect(servetwin('simulate', grid, '--json', result, '--workers', '0').code).toBe(0);
    const out = path.join(dir, 'report');
    const r = servetwin('report', result, '--capacity', cap, '--out', out, '--png');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<section id="capacity">/);
    expect(html).toMatch(/Headroom: ×[\d.]+ — it keeps p99 within the SLO on every seed up to [\d,.]+ req\/s mean/);
    expect(html).toMatch(/<figure id="latency-load">/);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/### Capacity/);
    expect(readFileSync(path.join(out, 'chart-latency-load.png')).subarray(1, 4).toString()).toBe('PNG');
    const wrong = servetwin('report', result, '--capacity', result, '--out', out);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/result\.json: expected a servetwin\.capacity\/v1 result \(from `servetwin capacity --json`\), but its schema is "servetwin\.result\/v1"/);
  });

  it('--burst searches an MMPP’s peak-to-trough ratio at the same mean rate', () => {
    const r = servetwin('capacity', 'scenarios/bursty-mmpp.yaml', '--burst', '--candidate', 'batch-8', '--json=-', '--tolerance', '0.1');
    expect(r.code).toBe(0);
    const result = parseCapacity(JSON.parse(r.stdout), 'stdout');
    expect(result.search.mode).toBe('burst');
    expect(result.traffic.peak_to_trough).toBe(4);
    const c = result.candidates[0]!;
    for (const p of c.probes) expect(p.offered_mean_rps).toBeCloseTo(result.traffic.mean_rps, 6);
    if (c.level !== null) expect(c.headroom).toBeCloseTo(c.level / 4, 4);
  });

  it.each([
    ['a tolerance of 0', [grid, '--tolerance', '0'], /--tolerance: expected a number in \(0, 0\.5\]/],
    ['a tolerance of 0.6', [grid, '--tolerance', '0.6'], /--tolerance: expected a number in \(0, 0\.5\] .*got 0\.6/],
    ['--burst on Poisson traffic', [grid, '--burst'], /--burst: .*grid\.yaml: traffic\.arrivals is poisson/],
    ['--no-compress on a trace', ['scenarios/trace-replay.yaml', '--no-compress'], /--no-compress: scenarios\/trace-replay\.yaml: traffic\.arrivals is a trace/],
  ])('exits 2 on %s, naming the flag', (_what, args, pattern) => {
    const r = servetwin('capacity', ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
