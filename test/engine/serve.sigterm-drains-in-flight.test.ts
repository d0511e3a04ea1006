// SIGTERM with requests in flight: every accepted request is answered 200, readiness and new
// connections are refused while draining, and the process exits 0.
import { describe, expect, it } from 'vitest';
import { encodeBinaryRequest } from '../../engine/protocol/client.js';
import { get, inputs, metric, request, startServer } from './helpers.js';

describe('graceful shutdown', () => {
  it('finishes every accepted request, then exits 0', async () => {
    // The requests wait in the batcher for 400 ms, so they are surely in flight at SIGTERM.
    const server = await startServer(['--max-batch-size', '32', '--max-queue-delay-ms', '400']);
    const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [2, 3, 48, 192], data: inputs(2, 5) }]);
    const n = 10;
    const inflight = Array.from({ length: n }, () => request('POST', `${server.url}/v2/models/ppocr-cls/infer`, body, headers));
    for (let i = 0; i < 100; i++) {
      const text = (await get(`${server.url}/metrics`)).body.toString();
      if (metric(text, 'servetwin_inflight_requests', { model: 'ppocr-cls' }) === n) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    server.proc.kill('SIGTERM');
    const replies = await Promise.all(inflight);
    expect(replies.map((r) => r.status)).toEqual(Array(n).fill(200));
    for (const r of replies) expect(r.json<{ outputs: { shape: number[] }[] }>().outputs[0]!.shape).toEqual([2, 2]);
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain('drained');
    await expect(get(`${server.url}/v2/health/live`)).rejects.toThrow();
  });
});
