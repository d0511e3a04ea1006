// The serving config (servetwin.serving/v1): defaults that serve the bundled model, a file's
// fields overridden by flags, path-qualified errors, relative model paths, and a model repository
// folder resolved into uniquely named models.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yargs, { type Argv } from 'yargs';
import { buildServingConfig, modelFlags, serveCommand } from '../../cli/commands/serve.js';
import { BatchingSchema } from '../../config/batching.js';
import { resolveModel } from '../../common/model-file.js';
import { InputError } from '../../common/errors.js';
import { ServedModelSchema, effectiveMaxQueueSize, servingJsonSchema } from '../../config/serving.js';
import { resolveModels } from '../../engine/model-repository.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'servetwin-serving-'));
const cls = resolveModel('ppocr-cls').file;
const write = (dir: string, name: string, content: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('serving config', () => {
  it('with nothing given serves ppocr-cls on 127.0.0.1:8000 with a bounded queue', () => {
    const { config, overrides } = buildServingConfig({});
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8000 });
    const [spec] = resolveModels(config, overrides);
    expect(spec).toMatchObject({ name: 'ppocr-cls', file: cls, pinned: { x: { 2: 48, 3: 192 } } });
    expect(spec!.config).toMatchObject({ instances: 1, intra_op_threads: 1, replicas: 1, router: 'round_robin', batching: { max_batch_size: 16, max_queue_delay_ms: 0 } });
    expect(effectiveMaxQueueSize(spec!.config)).toBe(64);
  });

  it('takes a file (JSON or YAML) and lets flags override it', () => {
    const dir = tmp();
    symlinkSync(cls, path.join(dir, 'classifier.onnx'));
    const file = write(dir, 'serving.json', {
      schema: 'servetwin.serving/v1',
      models: [{ name: 'cls', model: 'classifier.onnx', input_dims: { x: [3, 48, 192] }, batching: { max_batch_size: 8, max_queue_delay_ms: 2, max_queue_size: 100 }, instances: 2, replicas: 2, router: 'least_outstanding' }],
      autoscaler: { kind: 'hpa', target_utilization: 0.6 },
      server: { port: 9000, max_body_bytes: 2048 },
    });
    const { config, overrides } = buildServingConfig({ config: file, port: 0, 'max-batch-size': 4, instances: 1 });
    expect(config.server).toMatchObject({ port: 0, max_body_bytes: 2048, host: '127.0.0.1' });
    expect(config.autoscaler).toEqual({ kind: 'hpa', target_utilization: 0.6 });
    const [spec] = resolveModels(config, overrides);
    expect(spec!.name).toBe('cls');
    expect(spec!.file).toBe(path.join(dir, 'classifier.onnx'));
    expect(spec!.pinned).toEqual({ x: [3, 48, 192] });
    expect(spec!.config).toMatchObject({ instances: 1, replicas: 2, router: 'least_outstanding', batching: { max_batch_size: 4, max_queue_delay_ms: 2, max_queue_size: 100 } });

    const yaml = write(dir, 'serving.yaml', 'models:\n  - model: ppocr-cls\n    batching: { max_batch_size: 32 }\n');
    const fromYaml = buildServingConfig({ config: yaml });
    expect(resolveModels(fromYaml.config)[0]!.config.batching.max_batch_size).toBe(32);
  });

  it('names the file and field of a bad value', () => {
    const dir = tmp();
    const bad = write(dir, 'bad.json', { models: [{ model: 'ppocr-cls', batching: { max_batch_size: 0 } }] });
    expect(message(() => buildServingConfig({ config: bad }))).toMatch(/bad\.json: models\[0\]\.batching\.max_batch_size: expected a number >= 1, got 0/);
    const unknown = write(dir, 'unknown.json', { models: [], sever: {} });
    expect(message(() => buildServingConfig({ config: unknown }))).toContain('unknown field(s) "sever"');
    expect(message(() => buildServingConfig({ config: path.join(dir, 'missing.json') }))).toContain('cannot read');
    const badPreferred = buildServingConfig({ 'max-batch-size': 4, 'preferred-batch-sizes': '8' });
    expect(message(() => resolveModels(badPreferred.config, badPreferred.overrides))).toMatch(/command-line flags: batching\.preferred_batch_sizes/);
    expect(message(() => buildServingConfig({ port: 70000 }))).toContain('port');
    expect(message(() => resolveModels(buildServingConfig({ model: 'no-such-model' }).config))).toContain('no-such-model');
  });

  it('reads a model repository: folders with model.onnx and config.json, names unique', () => {
    const dir = tmp();
    for (const name of ['alpha', 'beta']) {
      mkdirSync(path.join(dir, name, '1'), { recursive: true });
      symlinkSync(cls, name === 'alpha' ? path.join(dir, name, 'model.onnx') : path.join(dir, name, '1', 'model.onnx'));
      write(path.join(dir, name), 'config.json', { input_dims: { x: [3, 48, 192] }, batching: { max_batch_size: name === 'alpha' ? 4 : 8 } });
    }
    mkdirSync(path.join(dir, 'empty-folder'));
    const { config, overrides } = buildServingConfig({ 'model-repository': dir, instances: 2 });
    const specs = resolveModels(config, overrides);
    expect(specs.map((s) => [s.name, s.config.batching.max_batch_size, s.config.instances])).toEqual([
      ['alpha', 4, 2],
      ['beta', 8, 2],
    ]);
    write(path.join(dir, 'beta'), 'config.json', { batching: { max_batch_size: 'big' } });
    expect(message(() => resolveModels(buildServingConfig({ 'model-repository': dir }).config))).toMatch(/beta\/config\.json: batching\.max_batch_size/);
    expect(message(() => resolveModels(buildServingConfig({ 'model-repository': path.join(dir, 'empty-folder') }).config))).toContain('holds no models');
  });

  it('declares a flag for every field of a served model and its batching, from the schema', () => {
    // --model and --name choose the model; input_dims is a record of shapes, set in a file.
    const fields = Object.keys(ServedModelSchema.shape)
      .filter((k) => !['model', 'name', 'input_dims'].includes(k))
      .flatMap((k) => (k === 'batching' ? Object.keys(BatchingSchema.shape) : [k]));
    expect(modelFlags().map((f) => f.name).sort()).toEqual(fields.map((k) => k.replaceAll('_', '-')).sort());
    const byName = Object.fromEntries(modelFlags().map((f) => [f.name, f.option]));
    expect(byName['max-batch-size']).toMatchObject({ type: 'number', defaultDescription: '16', describe: expect.stringContaining('Triton max_batch_size') });
    expect(byName['router']).toMatchObject({ type: 'string', choices: ['round_robin', 'least_outstanding', 'power_of_two', 'random'] });
    expect(byName['allow-non-finite']).toMatchObject({ type: 'boolean', defaultDescription: 'false' });
  });

  it('reads the command line through those flags; flags left out leave the file alone', () => {
    const dir = tmp();
    const file = write(dir, 'serving.json', { models: [{ model: 'ppocr-cls', allow_non_finite: true, replicas: 2, batching: { max_batch_size: 8, queue_timeout_ms: 50 } }] });
    const argv = (args: string[]) => (serveCommand.builder as (y: Argv) => Argv)(yargs(args)).parseSync() as Parameters<typeof buildServingConfig>[0];
    const given = buildServingConfig(argv(['--config', file, '--router', 'random', '--preferred-batch-sizes', '2,4', '--max-batch-size', '4', '--intra-op-threads', '2']));
    expect(resolveModels(given.config, given.overrides)[0]!.config).toMatchObject({
      allow_non_finite: true,
      replicas: 2,
      router: 'random',
      intra_op_threads: 2,
      batching: { max_batch_size: 4, preferred_batch_sizes: [2, 4], queue_timeout_ms: 50 },
    });
    const off = buildServingConfig(argv(['--config', file, '--allow-non-finite=false']));
    expect(resolveModels(off.config, off.overrides)[0]!.config.allow_non_finite).toBe(false);
    expect(() => buildServingConfig(argv(['--preferred-batch-sizes', '4,x']))).toThrow('--preferred-batch-sizes: expected a comma-separated list of positive integers');
  });

  it('publishes a JSON Schema for the sweep and for editors', () => {
    const schema = servingJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['schema', 'models', 'model_repository', 'autoscaler', 'server']));
  });
});
