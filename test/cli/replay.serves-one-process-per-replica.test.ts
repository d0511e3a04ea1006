// A replica is a pod: `replay --serve` of a two-replica candidate starts two `servetwin serve`
// processes (seen from outside, as the replay's children), each serving one replica, and the
// generator spreads the requests between them with the candidate's router (round robin here: an
// even split). The server-side figures add up both engines' /metrics.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childrenOf, runWatched } from './process-tree.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-replicas-'));

describe('replay --serve with two replicas', () => {
  it.skipIf(process.platform !== 'linux')('starts two engine processes and routes between them', async () => {
    const scenario = path.join(dir, 'two-replicas.yaml');
    const profile = path.resolve('calibration/profiles/ppocr-cls.cpu-2core.json');
    writeFileSync(
      scenario,
      [
        'schema: servetwin.scenario/v1',
        'name: two-replicas',
        'seed: 5',
        'duration_s: 2.5',
        'warmup_s: 0.5',
        `profile: { file: ${JSON.stringify(profile)} }`,
        'traffic: { arrivals: { kind: poisson, rate_rps: 60 } }',
        'slo: { latency_ms: 50, percentile: 99 }',
        'candidates:',
        '  - { name: two-pods, replicas: 2, router: round_robin, instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0 } }',
        '',
      ].join('\n'),
    );
    const json = path.join(dir, 'two.json');
    const run = await runWatched(['replay', scenario, '--serve', '--json', json], (pid) =>
      childrenOf(pid)
        .filter((c) => / serve --config /.test(c.cmdline))
        .map((c) => c.pid),
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const engines = new Set((run.seen as number[][]).flat());
    expect(Math.max(...(run.seen as number[][]).map((s) => s.length))).toBe(2);
    expect(engines.size).toBe(2);

    const report = JSON.parse(readFileSync(json, 'utf8'));
    const placed = report.placement.engines as { url: string; pid: number; requests: number }[];
    expect(placed).toHaveLength(2);
    expect(new Set(placed.map((e) => e.pid))).toEqual(engines);
    expect(new Set(placed.map((e) => e.url)).size).toBe(2);
    expect(placed[0]!.requests + placed[1]!.requests).toBe(report.requests.measured);
    expect(Math.abs(placed[0]!.requests - placed[1]!.requests)).toBeLessThanOrEqual(1);
    // Both engines' counters, summed, saw every measured request (a few warm-up ones may straddle the scrape).
    expect(report.server.success).toBeGreaterThanOrEqual(report.requests.measured - 5);
    expect(report.server.success).toBeLessThanOrEqual(report.requests.sent);
    // Two engines on shared cores: the report says the simulator's separate hosts make it optimistic, and no co-located client.
    expect(report.placement.client_in_prediction).toBe(false);
    expect(report.notes.join('\n')).toMatch(/the 2 engine processes shared the same \d core\(s\)/);
    expect(report.candidate.replicas).toBe(2);
    expect(report.predicted.throughput_rps).toBeGreaterThan(0);
  });
});
