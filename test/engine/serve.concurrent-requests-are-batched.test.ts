// Concurrent requests are really batched by the dynamic batcher (the batch-size metric shows
// batches of more than one item), and each request still gets its own rows of the outputs back,
// with a Server-Timing header that accounts for its time inside the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponse, encodeBinaryRequest, outputFloats } from '../../engine/protocol/client.js';
import { TimingTable } from '../../replay/server-timing.js';
import { CLS_OUTPUT, direct, get, inputs, ITEM, metric, request, startServer, type Server } from './helpers.js';

let server: Server;
beforeAll(async () => {
  // A queue delay long enough that the requests below, sent together, meet in the queue.
  server = await startServer(['--max-batch-size', '8', '--max-queue-delay-ms', '50']);
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe('dynamic batching in the live engine', () => {
  it('runs 16 concurrent requests in fewer, larger batches, each request getting its own result', async () => {
    const requests = 16;
    const x = inputs(requests, 7);
    const want = await direct(x, requests);
    const replies = await Promise.all(
      Array.from({ length: requests }, (_, i) => {
        const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: x.subarray(i * ITEM, (i + 1) * ITEM) }], {
          binaryOutputs: true,
        });
        return request('POST', `${server.url}/v2/models/ppocr-cls/infer`, body, headers);
      }),
    );
    replies.forEach((r, i) => {
      expect(r.status).toBe(200);
      const got = outputFloats(decodeResponse(r.body, r.headers['inference-header-content-length'] as string), CLS_OUTPUT);
      expect(Math.abs(got[0]! - want[i * 2]!)).toBeLessThan(1e-5);
      expect(Math.abs(got[1]! - want[i * 2 + 1]!)).toBeLessThan(1e-5);
    });
    // Server-Timing: the parts fit inside the total, the forward pass inside the instance's time,
    // and with one item per request a batch of k was reported by exactly k requests each time.
    const timing = new TimingTable(requests);
    replies.forEach((r, i) => timing.record(i, r.headers['server-timing']));
    const perSize = new Map<number, number>();
    for (let i = 0; i < requests; i++) {
      expect(timing.has(i)).toBe(true);
      const parts = timing.get(i, 'ingress') + timing.get(i, 'queue') + timing.get(i, 'instance') + timing.get(i, 'egress');
      expect(parts).toBeLessThanOrEqual(timing.get(i, 'total') + 0.005);
      expect(timing.get(i, 'compute')).toBeGreaterThan(0);
      expect(timing.get(i, 'compute')).toBeLessThanOrEqual(timing.get(i, 'instance') + 0.001);
      perSize.set(timing.get(i, 'batch'), (perSize.get(timing.get(i, 'batch')) ?? 0) + 1);
    }
    for (const [size, count] of perSize) expect(count % size).toBe(0);
    const text = (await get(`${server.url}/metrics`)).body.toString();
    const labels = { model: 'ppocr-cls' };
    const batches = metric(text, 'servetwin_batch_size_count', labels)!;
    const items = metric(text, 'servetwin_batch_size_sum', labels)!;
    const singles = metric(text, 'servetwin_batch_size_bucket', { ...labels, le: '1' })!;
    expect(items).toBe(requests);
    expect(batches).toBeLessThan(requests);
    expect(singles).toBeLessThan(batches); // at least one batch held more than one item
    expect(metric(text, 'nv_inference_exec_count', labels)).toBe(batches);
    expect(metric(text, 'nv_inference_count', labels)).toBe(requests);
    expect(metric(text, 'nv_inference_request_success', labels)).toBe(requests);
  });

  it('reports each forward pass’s idle time since its instance’s previous pass (Server-Timing idle)', async () => {
    const idle: number[] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 40));
      const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: inputs(1, i) }], { binaryOutputs: true });
      const r = await request('POST', `${server.url}/v2/models/ppocr-cls/infer`, body, headers);
      expect(r.status).toBe(200);
      const t = new TimingTable(1);
      t.record(0, r.headers['server-timing']);
      idle.push(t.get(0, 'idle'));
    }
    // One request at a time, 40 ms apart: whichever instance runs it has been idle at least that
    // long (absent only for an instance's very first pass).
    const reported = idle.filter((x) => !Number.isNaN(x));
    expect(reported.length).toBeGreaterThanOrEqual(2);
    for (const x of reported) {
      expect(x).toBeGreaterThanOrEqual(39);
      expect(x).toBeLessThan(60_000);
    }
  });
});
