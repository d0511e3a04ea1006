// Several models at once from a model repository, each with its own batcher, one of them as two
// replicas behind the router; and bad serving input exits 2 with one sentence naming what is wrong.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../common/model-file.js';
import { encodeBinaryRequest } from '../../engine/protocol/client.js';
import { get, inputs, metric, request, ROOT, startServer } from './helpers.js';

const cls = resolveModel('ppocr-cls').file;

function repository(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'servetwin-repo-'));
  const models = { small: { max_batch_size: 4 }, twin: { max_batch_size: 8, replicas: 2 } };
  for (const [name, { max_batch_size, replicas }] of Object.entries(models) as [string, { max_batch_size: number; replicas?: number }][]) {
    mkdirSync(path.join(dir, name));
    symlinkSync(cls, path.join(dir, name, 'model.onnx'));
    writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify({ input_dims: { x: [3, 48, 192] }, batching: { max_batch_size }, ...(replicas ? { replicas } : {}) }));
  }
  return dir;
}

describe('model repository', () => {
  it('serves every model in the folder, each with its own batcher and replicas', async () => {
    const server = await startServer(['--model-repository', repository()]);
    try {
      const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: inputs(1, 1) }]);
      for (const name of ['small', 'twin']) {
        expect((await get(`${server.url}/v2/models/${name}`)).json()).toMatchObject({ name, inputs: [{ name: 'x', shape: [-1, 3, 48, 192] }] });
        const replies = await Promise.all(Array.from({ length: 4 }, () => request('POST', `${server.url}/v2/models/${name}/infer`, body, headers)));
        expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      }
      expect((await get(`${server.url}/v2/health/ready`)).status).toBe(200);
      expect((await get(`${server.url}/v2/models/ppocr-cls`)).status).toBe(404);
      const text = (await get(`${server.url}/metrics`)).body.toString();
      expect(metric(text, 'servetwin_instances_alive', { model: 'small' })).toBe(1);
      expect(metric(text, 'servetwin_instances_alive', { model: 'twin' })).toBe(2);
      expect(metric(text, 'nv_inference_request_success', { model: 'small' })).toBe(4);
      expect(metric(text, 'nv_inference_request_success', { model: 'twin' })).toBe(4);
      expect(server.stdout()).toContain('2 replica(s) × 1 instance(s)');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

describe('bad serving input', () => {
  const serve = (...args: string[]) => spawnSync(process.execPath, ['bin/servetwin.js', 'serve', '--port', '0', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

  // Spawns are slow (the whole CLI loads), so only what needs a real start is here; the rest of
  // the config errors are checked in-process (serving-config.flags-override-the-file.test.ts).
  it('exits 2 naming the field or the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'servetwin-bad-'));
    const config = path.join(dir, 'serving.json');
    writeFileSync(config, JSON.stringify({ models: [{ model: 'ppocr-cls', instances: 0 }] }));
    symlinkSync(cls, path.join(dir, 'bare.onnx'));
    const cases: [string[], RegExp][] = [
      [['--config', config], /serving\.json: models\[0\]\.instances: expected a number >= 1, got 0/],
      [['--model', path.join(dir, 'bare.onnx')], /input x has a dynamic dimension .* input_dims/],
      [['--model', config], /ONNX Runtime cannot load it/],
    ];
    for (const [args, pattern] of cases) {
      const r = serve(...args);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
