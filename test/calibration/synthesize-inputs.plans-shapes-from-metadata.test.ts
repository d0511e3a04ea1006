// Inputs come from the model's own metadata: the batch axis must be dynamic, other dynamic axes
// are pinned (builtin pins, `--dim INPUT.AXIS=V` or `--dim SYMBOL=V`), and dtypes servetwin cannot
// synthesise are refused with a sentence naming the input. Real models' metadata and hand-made.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../common/model-file.js';
import { InputError } from '../../common/errors.js';
import { stream } from '../../common/rng.js';
import { makeFeeds, parseDimPins, planInputs, type InputMetadata } from '../../calibration/synthesize-inputs.js';
import { ELEM, writeIdentityModel } from './tiny-onnx.js';

async function metadataOf(file: string): Promise<readonly InputMetadata[]> {
  const session = await ort.InferenceSession.create(file);
  const meta = session.inputMetadata;
  await session.release();
  return meta;
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

const bert: InputMetadata[] = [
  { name: 'input_ids', isTensor: true, type: 'int64', shape: ['batch', 'sequence'] },
  { name: 'attention_mask', isTensor: true, type: 'int64', shape: ['batch', 'sequence'] },
];

describe('planInputs on real models', () => {
  it('ppocr-cls: x [N,3,48,192] float32 with the builtin pins', async () => {
    const ref = resolveModel('ppocr-cls');
    const [plan] = planInputs(await metadataOf(ref.file), parseDimPins([], ref.pinnedDims), ref.file);
    expect(plan).toEqual({ name: 'x', dtype: 'float32', shape: [-1, 3, -1, -1], synthesizedShape: [-1, 3, 48, 192], itemElements: 3 * 48 * 192, itemBytes: 3 * 48 * 192 * 4 });
  });

  it('ppocr-rec: the dynamic width is pinned by the builtin default, or by --dim', async () => {
    const ref = resolveModel('ppocr-rec');
    const meta = await metadataOf(ref.file);
    expect(planInputs(meta, parseDimPins([], ref.pinnedDims), ref.file)[0]!.synthesizedShape).toEqual([-1, 3, 48, 320]);
    expect(planInputs(meta, parseDimPins(['x.3=100'], ref.pinnedDims), ref.file)[0]!.synthesizedShape).toEqual([-1, 3, 48, 100]);
    expect(message(() => planInputs(meta, parseDimPins([]), ref.file))).toBe(
      `${ref.file}: input x has a dynamic dimension at axis 3 ("p2o.DynamicDimension.1"); pin it with --dim x.3=VALUE`,
    );
    expect(message(() => planInputs(meta, parseDimPins(['x.2=50', 'x.3=100']), ref.file))).toBe('--dim: input x axis 2 is fixed at 48 by the model, got 50');
  });
});

describe('planInputs on hand-made metadata', () => {
  it('a BERT-like model: int64 input_ids and attention_mask share a symbolic sequence length', () => {
    const plans = planInputs(bert, parseDimPins(['sequence=128']), 'bert.onnx');
    expect(plans.map((p) => p.synthesizedShape)).toEqual([[-1, 128], [-1, 128]]);
    expect(plans[0]!.itemBytes).toBe(128 * 8);
    const feeds = makeFeeds(plans, 2, stream(1, 'test'));
    expect(feeds.input_ids!.dims).toEqual([2, 128]);
    const ids = feeds.input_ids!.data as BigInt64Array;
    expect([...ids].every((v) => v === 0n || v === 1n)).toBe(true);
    expect([...(feeds.attention_mask!.data as BigInt64Array)].every((v) => v === 1n)).toBe(true);
  });

  it('refuses a dtype it cannot synthesise, naming the input and the dtype', () => {
    const meta: InputMetadata[] = [{ name: 'text', isTensor: true, type: 'string', shape: ['batch'] }];
    expect(message(() => planInputs(meta, parseDimPins([]), 'm.onnx'))).toMatch(/^m\.onnx: input text has dtype string, which calibrate cannot synthesise \(expected one of float32, /);
    expect(message(() => planInputs([{ name: 'seq', isTensor: false }], parseDimPins([]), 'm.onnx'))).toMatch(/input seq is not a tensor/);
  });

  it('refuses a model whose first axis is fixed: no dynamic batch dimension', () => {
    const meta: InputMetadata[] = [{ name: 'x', isTensor: true, type: 'float32', shape: [1, 3, 224, 224] }];
    expect(message(() => planInputs(meta, parseDimPins([]), 'fixed.onnx'))).toBe(
      'fixed.onnx: no dynamic batch dimension: input x has shape [1, 3, 224, 224], expected a dynamic first axis (export the model with a dynamic batch axis)',
    );
  });

  it('reports --dim mistakes by flag', () => {
    expect(message(() => parseDimPins(['x.3']))).toMatch(/^--dim: expected INPUT\.AXIS=VALUE/);
    expect(message(() => parseDimPins(['x.3=0']))).toMatch(/^--dim: expected INPUT\.AXIS=VALUE .* got "x\.3=0"/);
    expect(message(() => parseDimPins(['x.0=4']))).toMatch(/axis 0 is the batch axis/);
    expect(message(() => planInputs(bert, parseDimPins(['sequence=8', 'ids.1=4']), 'bert.onnx'))).toBe('--dim: the model has no input ids (its inputs: input_ids, attention_mask)');
  });

  it('fills float16 inputs with half-precision values in [0, 1)', () => {
    const plans = planInputs([{ name: 'x', isTensor: true, type: 'float16', shape: [-1, 64] }], parseDimPins([]), 'h.onnx');
    const bits = makeFeeds(plans, 1, stream(2, 'half')).x!.data as Uint16Array;
    const decode = (h: number) => ((h >> 10) & 0x1f) === 0 ? 0 : 2 ** (((h >> 10) & 0x1f) - 15) * (1 + (h & 0x3ff) / 1024);
    const values = [...bits].map(decode);
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(32);
  });
});

describe('synthesised inputs run through onnxruntime', () => {
  it('an int64 BERT-like model accepts the feeds', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'servetwin-bert-')), 'bert.onnx');
    writeIdentityModel(file, [
      { name: 'input_ids', elem: ELEM.int64, shape: ['batch', 'sequence'] },
      { name: 'attention_mask', elem: ELEM.int64, shape: ['batch', 'sequence'] },
    ]);
    const session = await ort.InferenceSession.create(file);
    const plans = planInputs(session.inputMetadata, parseDimPins(['sequence=16']), file);
    const out = await session.run(makeFeeds(plans, 4, stream(3, 'bert')));
    expect(out.input_ids_out!.dims).toEqual([4, 16]);
    await session.release();
  });
});
