// SIGTERM as Kubernetes sends it: readiness turns 503 at once while new connections are still
// served through the drain delay; every accepted request is answered 200 and the process exits 0.
// What is still unanswered at shutdown_timeout_ms gets 503 and the process exits 1; a second signal
// exits at once; a drain delay that does not fit in the shutdown timeout is refused (exit 2).
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { encodeBinaryRequest } from '../../engine/protocol/client.js';
import { get, inputs, metric, request, ROOT, startServer, type Server } from './helpers.js';

const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [2, 3, 48, 192], data: inputs(2, 5) }]);

async function waitInflight(server: Server, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const text = (await get(`${server.url}/metrics`)).body.toString();
    if (metric(text, 'servetwin_inflight_requests', { model: 'ppocr-cls' }) === n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never saw ${n} requests in flight`);
}

describe('graceful shutdown', () => {
  it('turns unready at once, serves new connections through the drain delay, answers everything, exits 0', async () => {
    // The requests wait in the batcher for 400 ms, so they are surely in flight at SIGTERM.
    const server = await startServer(['--max-batch-size', '32', '--max-queue-delay-ms', '400', '--drain-delay-ms', '500']);
    const n = 10;
    const inflight = Array.from({ length: n }, () => request('POST', `${server.url}/v2/models/ppocr-cls/infer`, body, headers));
    await waitInflight(server, n);
    server.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    const fresh = new http.Agent({ keepAlive: false });
    expect((await request('GET', `${server.url}/v2/health/ready`, undefined, {}, { agent: fresh })).status).toBe(503);
    expect((await request('GET', `${server.url}/v2/health/live`, undefined, {}, { agent: fresh })).status).toBe(200);
    const during = await request('POST', `${server.url}/v2/models/ppocr-cls/infer`, body, headers, { agent: fresh });
    expect(during.status).toBe(200);
    expect(during.headers.connection).toBe('close');
    const replies = await Promise.all(inflight);
    expect(replies.map((r) => r.status)).toEqual(Array(n).fill(200));
    for (const r of replies) expect(r.json<{ outputs: { shape: number[] }[] }>().outputs[0]!.shape).toEqual([2, 2]);
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain('drained');
    await expect(get(`${server.url}/v2/health/live`)).rejects.toThrow();
  });

  it('answers what is still unanswered at shutdown_timeout_ms with 503 and exits 1', async () => {
    // A 5 s batching delay outlasts the 800 ms shutdown timeout.
    const server = await startServer(['--max-batch-size', '32', '--max-queue-delay-ms', '5000', '--drain-delay-ms', '100', '--shutdown-timeout-ms', '800']);
    const inflight = Array.from({ length: 3 }, () => request('POST', `${server.url}/v2/models/ppocr-cls/infer`, body, headers));
    await waitInflight(server, 3);
    const signalled = performance.now();
    server.proc.kill('SIGTERM');
    const replies = await Promise.all(inflight);
    const answeredAfter = performance.now() - signalled;
    for (const r of replies) {
      expect(r.status).toBe(503);
      expect(r.json().error).toContain('shutdown_timeout_ms 800');
    }
    expect(answeredAfter).toBeGreaterThanOrEqual(700);
    expect(answeredAfter).toBeLessThan(4000);
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toMatch(/3 request\(s\) were still unanswered/);
  });

  it('exits at once on a second signal', async () => {
    const server = await startServer(['--drain-delay-ms', '20000', '--shutdown-timeout-ms', '25000']);
    server.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const second = performance.now();
    server.proc.kill('SIGINT');
    expect(await server.exited, `${server.proc.signalCode}\n${server.stderr()}`).toBe(1);
    expect(performance.now() - second).toBeLessThan(3000);
    expect(server.stderr()).toContain('SIGINT again');
  });

  it('refuses a drain delay that does not fit in the shutdown timeout (exit 2, naming both)', () => {
    const r = spawnSync(process.execPath, ['bin/servetwin.js', 'serve', '--port', '0', '--drain-delay-ms', '30000'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('drain_delay_ms');
    expect(r.stderr).toContain('shutdown_timeout_ms (25000 ms)');
  });
});
