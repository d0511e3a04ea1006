// Every Open Inference Protocol v2 endpoint of the real `servetwin serve` on the bundled model:
// health, server and model metadata (with and without /versions/1), model ready, infer, /metrics,
// and 404s for unknown models, versions and paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeJsonRequest } from '../../engine/protocol/client.js';
import { CLS_OUTPUT, get, inputs, request, startServer, type Server } from './helpers.js';

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe('servetwin serve endpoints', () => {
  it('prints the infer URL and a machine-readable listening line', () => {
    expect(server.stdout()).toContain(`POST ${server.url}/v2/models/ppocr-cls/infer`);
    expect(server.stdout()).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/m);
  });

  it('answers liveness and readiness', async () => {
    const live = await get(`${server.url}/v2/health/live`);
    expect(live.status).toBe(200);
    expect(live.json()).toEqual({ live: true });
    const ready = await get(`${server.url}/v2/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ ready: true });
  });

  it('describes the server with the binary tensor extension', async () => {
    const meta = await get(`${server.url}/v2`);
    expect(meta.status).toBe(200);
    expect(meta.json()).toMatchObject({ name: 'servetwin', extensions: ['binary_tensor_data'] });
    expect(typeof meta.json().version).toBe('string');
  });

  it('describes the model, -1 for the dynamic batch dimension, with or without a version', async () => {
    const expected = {
      name: 'ppocr-cls',
      versions: ['1'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, 48, 192] }],
      outputs: [{ name: CLS_OUTPUT, datatype: 'FP32', shape: [-1, 2] }],
    };
    for (const path of ['/v2/models/ppocr-cls', '/v2/models/ppocr-cls/versions/1']) {
      const r = await get(server.url + path);
      expect(r.status).toBe(200);
      expect(r.json()).toEqual(expected);
    }
  });

  it('reports the model ready, with or without a version', async () => {
    for (const path of ['/v2/models/ppocr-cls/ready', '/v2/models/ppocr-cls/versions/1/ready']) {
      const r = await get(server.url + path);
      expect(r.status).toBe(200);
      expect(r.json()).toEqual({ name: 'ppocr-cls', ready: true });
    }
  });

  it('infers on both infer paths and echoes the id', async () => {
    const { body, headers } = encodeJsonRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: inputs(1, 1) }], { id: 'req-7' });
    for (const path of ['/v2/models/ppocr-cls/infer', '/v2/models/ppocr-cls/versions/1/infer']) {
      const r = await request('POST', server.url + path, body, headers);
      expect(r.status).toBe(200);
      const json = r.json<{ id: string; model_name: string; model_version: string; outputs: { name: string; shape: number[]; datatype: string; data: number[] }[] }>();
      expect(json).toMatchObject({ id: 'req-7', model_name: 'ppocr-cls', model_version: '1' });
      expect(json.outputs).toHaveLength(1);
      expect(json.outputs[0]).toMatchObject({ name: CLS_OUTPUT, shape: [1, 2], datatype: 'FP32' });
      expect(json.outputs[0]!.data[0]! + json.outputs[0]!.data[1]!).toBeCloseTo(1, 5); // a softmax
    }
  });

  it('answers 404 with a JSON error for unknown models, versions and paths', async () => {
    const cases = [
      ['GET', '/v2/models/nope'],
      ['GET', '/v2/models/nope/ready'],
      ['POST', '/v2/models/nope/infer'],
      ['GET', '/v2/models/ppocr-cls/versions/2'],
      ['POST', '/v2/models/ppocr-cls/versions/2/infer'],
      ['GET', '/v3'],
    ] as const;
    for (const [method, path] of cases) {
      const r = await request(method, server.url + path, method === 'POST' ? '{}' : undefined, { 'content-type': 'application/json' });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(typeof r.json().error, `${method} ${path}`).toBe('string');
    }
  });

  it('exposes Triton-named metrics per model', async () => {
    const r = await get(`${server.url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    const text = r.body.toString();
    for (const name of [
      'nv_inference_request_success',
      'nv_inference_request_failure',
      'nv_inference_count',
      'nv_inference_exec_count',
      'nv_inference_request_duration_us',
      'nv_inference_queue_duration_us',
      'nv_inference_compute_infer_duration_us',
      'nv_inference_pending_request_count',
      'servetwin_request_duration_seconds_bucket',
      'servetwin_queue_duration_seconds_bucket',
      'servetwin_compute_duration_seconds_bucket',
      'servetwin_batch_size_bucket',
      'servetwin_inflight_requests',
      'servetwin_instances_busy',
    ]) {
      expect(text, name).toMatch(new RegExp(`^${name}\\{[^}]*model="ppocr-cls"`, 'm'));
    }
    expect(text).toMatch(/^nv_inference_request_success\{model="ppocr-cls",version="1"\} 2$/m);
  });
});
