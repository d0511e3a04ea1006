// Overload: more concurrent requests than the queue (or the HTTP side) holds get 503 at once (JSON
// error, Retry-After), never a reset; a request that outwaits queue_timeout_ms gets 503; readiness keeps
// answering quickly throughout and memory stays bounded. Loopback only, bounded count and time.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBinaryRequest } from '../../engine/protocol/client.js';
import { get, inputs, metric, request, startServer, type Reply, type Server } from './helpers.js';

let server: Server | undefined;
afterEach(async () => {
  if (server) expect(await server.stop()).toBe(0);
  server = undefined;
});

/** `total` requests with at most `concurrency` in flight; resolves with every reply or error code. */
async function hammer(url: string, total: number, concurrency: number): Promise<{ replies: Reply[]; errors: string[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: inputs(1, 9) }]);
  const replies: Reply[] = [];
  const errors: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      try {
        replies.push(await request('POST', url, body, headers, { agent }));
      } catch (err) {
        errors.push((err as NodeJS.ErrnoException).code ?? String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { replies, errors };
}

describe('overload', () => {
  it('a full queue answers 503 with Retry-After at once; only 200s and 503s, no resets, health answers, memory bounded', async () => {
    server = await startServer(['--instances', '1', '--max-batch-size', '4', '--max-queue-size', '8']);
    const url = `${server.url}/v2/models/ppocr-cls/infer`;
    const rss = async () => metric((await get(`${server!.url}/metrics`)).body.toString(), 'process_resident_memory_bytes')!;
    const rssBefore = await rss();

    const started = performance.now();
    const load = hammer(url, 400, 48);
    // Health checks during the overload: ORT runs off the event loop, so they answer promptly.
    const probes: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 40));
      const t0 = performance.now();
      expect((await get(`${server.url}/v2/health/ready`)).status).toBe(200);
      probes.push(performance.now() - t0);
    }
    const { replies, errors } = await load;
    const elapsed = performance.now() - started;

    expect(errors).toEqual([]);
    const statuses = new Set(replies.map((r) => r.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    const rejected = replies.filter((r) => r.status === 503);
    for (const r of rejected) {
      expect(r.headers['retry-after']).toBe('1');
      // The queue full, or the HTTP side's own caps (max_inflight_requests, a saturated HTTP thread).
      expect(r.json().error).toMatch(/overloaded.*(max_queue_size 8|max_inflight_requests|HTTP thread)/);
    }
    expect(Math.max(...probes)).toBeLessThan(500);
    expect(elapsed).toBeLessThan(30_000);

    const text = (await get(`${server.url}/metrics`)).body.toString();
    const shed = ['queue_full', 'http_overloaded'].map((reason) => metric(text, 'nv_inference_request_failure', { reason })!);
    expect(shed[0]).toBeGreaterThan(0);
    expect(shed[0]! + shed[1]!).toBe(rejected.length);
    expect(metric(text, 'nv_inference_request_success', { model: 'ppocr-cls' })).toBe(replies.length - rejected.length);
    expect(metric(text, 'nv_inference_pending_request_count', { model: 'ppocr-cls' })).toBe(0);
    expect((await rss()) - rssBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it('a request that outwaits queue_timeout_ms gets 503 and is counted as a queue timeout', async () => {
    // A queue long enough never to fill: every 503 here is a timeout.
    server = await startServer(['--instances', '1', '--max-batch-size', '1', '--max-queue-size', '1000', '--queue-timeout-ms', '1']);
    const { replies, errors } = await hammer(`${server.url}/v2/models/ppocr-cls/infer`, 60, 12);
    expect(errors).toEqual([]);
    const timedOut = replies.filter((r) => r.status === 503 && /over queue_timeout_ms 1/.test(r.json<{ error: string }>().error));
    expect(timedOut.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    // The rest of the 503s: shed before their body was read, the queue (or the HTTP side) being full.
    for (const r of replies.filter((r) => r.status === 503 && !timedOut.includes(r))) expect(r.json().error).toMatch(/overloaded/);
    const text = (await get(`${server.url}/metrics`)).body.toString();
    expect(metric(text, 'nv_inference_request_failure', { reason: 'queue_timeout' })).toBe(timedOut.length);
  });
});
