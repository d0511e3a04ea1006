// `servetwin replay` end to end through the compiled CLI (npm test builds dist/ first): a short
// replay against a live engine it starts itself (--serve) writes a servetwin.fidelity/v2 report
// whose measured side really came from the engine, unpinned (the generator's CPU in the prediction), and the overhead model and re-calibrated
// profile it can write load back; bad input exits 2 with one sentence.
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../config/profile-file.js';
import { loadOverhead } from '../../replay/overhead.js';
import { allowedCpus } from '../../cli/cpu-pinning.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-replay-'));

function replay(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/servetwin.js', 'replay', ...args], { encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('servetwin replay', () => {
  it('replays a scenario against a live engine and writes measured beside predicted', () => {
    const json = path.join(dir, 'fidelity.json');
    const overhead = path.join(dir, 'overhead.json');
    const profile = path.join(dir, 'profile.json');
    // 3 s at 100 requests/s on one instance: ~300 real forward passes.
    const r = replay('scenarios/fidelity-light.yaml', '--serve', '--duration-s', '3', '--warmup-s', '0.5', '--json', json, '--write-overhead', overhead, '--write-profile', profile);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^fidelity-light · candidate one-instance → http:\/\/127\.0\.0\.1:\d+\/ \(binary, /);
    expect(r.stdout).toMatch(/latency p50 \(ms\) +\d+\.\d\d +\d+\.\d\d +[+−]\d+\.\d%/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.schema).toBe('servetwin.fidelity/v2');
    // Unpinned: engine and generator share this process's cores; the prediction gets them, and the
    // generator's measured CPU per request as a co-located consumer.
    const allowed = allowedCpus();
    expect(report.placement).toMatchObject({ pinned: false, engine_cores: allowed.length, generator_cpus: allowed, client_in_prediction: true });
    expect(report.placement.engines).toHaveLength(1);
    expect(report.placement.engines[0].cpus).toEqual(allowed);
    expect(report.placement.engines[0].requests).toBe(report.requests.measured);
    expect(report.candidate.cpus).toBe(allowed.length);
    expect(report.generator.cpu_ms_per_request).toBeGreaterThan(0);
    expect(report.generator.cpu_ms_per_request).toBe(report.placement.generator_cpu_ms_per_request);
    expect(report.generator.max_lag_ms).toBe(1); // 5 % of the 20 ms SLO, at least 1 ms
    expect(report.valid_for_fidelity).toBe(report.generator.lag_ms.p99 <= 1);
    expect(r.stdout).toMatch(/^not pinned: the engine on cores? [\d,-]+ \(\d\), the generator on cores? [\d,-]+ \(\d\); \d core\(s\) per replica in the prediction; the generator's \d+\.\d{3} ms CPU per request in the prediction as a co-located consumer$/m);
    expect(r.stdout).toMatch(/^valid for fidelity: (yes|NO)/m);
    expect(report.requests.sent).toBeGreaterThan(200);
    expect(report.requests.outcomes.ok).toBe(report.requests.measured);
    expect(report.requests.statuses).toEqual({ '200': report.requests.measured });
    // The server saw the replay: its batches are all of size 1 (max_batch_size 1), its forward pass takes time.
    expect(report.server.success).toBeGreaterThanOrEqual(report.requests.measured - 5);
    expect(report.measured.mean_batch_size).toBe(1);
    expect(report.measured.compute_ms).toBeGreaterThan(0.3);
    expect(report.predicted.latency_ms.p50).toBeGreaterThan(1);
    expect(report.error.p50).toBeCloseTo((report.measured.latency_ms.p50 - report.predicted.latency_ms.p50) / report.predicted.latency_ms.p50, 9);
    expect(report.generator.lag_ms.p50).toBeGreaterThanOrEqual(0);
    // Every answer told the server's side (Server-Timing): the breakdown and the overhead come from it.
    expect(report.breakdown.timed_requests).toBe(report.requests.outcomes.ok);
    expect(report.breakdown.measured.instance).toBeCloseTo(report.measured.compute_ms, 9); // the instance's time per request
    expect(report.server.compute_ms).toBeLessThanOrEqual(report.measured.compute_ms + 0.01); // of which the forward pass
    expect(report.breakdown.predicted.http_thread).toBeNull(); // the bundled profile carries no serving_overhead
    expect(report.server.event_loop_busy_ms).toBeGreaterThan(0);
    // Linux reports the HTTP thread's own CPU time and its waits for a core (schedstat).
    expect(report.server.http_thread_cpu_ms).toBeGreaterThan(0);
    expect(report.server.http_thread_wait_ms).toBeGreaterThanOrEqual(0);
    expect(report.breakdown.measured.http_thread_busy).toBeGreaterThan(0);
    expect(report.breakdown.measured.http_thread_busy).toBeLessThan(1);
    const o = loadOverhead(overhead);
    expect(o.compute_scale).toBeGreaterThan(0);
    expect(o.ingress_ms.kind).toBe('empirical');
    expect(o.client_ms?.kind).toBe('empirical');
    const written = loadProfile(profile);
    expect(written.kind).toBe('measured');
    expect(written.serving_overhead).toEqual(o);
    // The overhead model feeds the next prediction.
    const again = replay('scenarios/fidelity-light.yaml', '--serve', '--duration-s', '2', '--warmup-s', '0.5', '--overhead', overhead, '--json', json);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/prediction includes the engine's overhead: ingress /);
    const second = JSON.parse(readFileSync(json, 'utf8'));
    expect(second.overhead).toEqual(o);
    // Modelled now: the HTTP thread has a predicted share, and the client side replaces the network.
    expect(second.breakdown.predicted.http_thread).toBeGreaterThan(0);
    expect(second.breakdown.predicted.client).toBeGreaterThan(0);
  });

  it('exits 2 with one sentence on bad input', async () => {
    // A port nothing listens on: take a free one and let it go.
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const bad = (r: { status: number | null; stderr: string }, pattern: RegExp) => {
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    };
    bad(replay('scenarios/fidelity-light.yaml'), /--target: expected the URL of a running `servetwin serve`/);
    bad(replay('scenarios/fidelity-light.yaml', '--target', 'localhost:8000'), /--target: expected an http:\/\/ URL, got "localhost:8000"/);
    bad(replay('scenarios/fidelity-light.yaml', '--target', `http://127.0.0.1:${closed}`), new RegExp(`--target: cannot reach http://127\\.0\\.0\\.1:${closed}/v2/models/ppocr-cls .*ECONNREFUSED`));
    bad(replay('scenarios/bursty-mmpp.yaml', '--target', `http://127.0.0.1:${closed}`), /--candidate: the scenario has \d+ candidates; name the one the target serves: /);
    bad(replay('scenarios/fidelity-light.yaml', '--serve', '--duration-s', '10', '--warmup-s', '12'), /--warmup-s: expected a number of seconds from 0 up to \(not including\) the duration 10, got 12/);
    bad(replay('scenarios/fidelity-light.yaml', '--serve', '--protocol', 'xml'), /Invalid values:[\s\S]*protocol/);
  });
});
