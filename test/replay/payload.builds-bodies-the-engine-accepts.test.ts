// Replay's request bodies: built from the model metadata a server reports, decoded by the engine's
// own request decoder (engine/protocol) to the same tensor in both encodings, deterministic for a
// seed and reused, and with a clear error for inputs replay cannot fill.
import { describe, expect, it } from 'vitest';
import { buildSignature } from '../../engine/model-signature.js';
import { decodeInferRequest } from '../../engine/protocol/decode-request.js';
import { createPayloads, type ModelMetadata } from '../../replay/payload.js';

const classifier: ModelMetadata = {
  name: 'ppocr-cls',
  inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, 48, 192] }],
  outputs: [{ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [-1, 2] }],
};
const signature = buildSignature(
  'ppocr-cls',
  [{ name: 'x', isTensor: true, type: 'float32', shape: ['n', 3, 48, 192] }],
  [{ name: 'softmax_0.tmp_0', isTensor: true, type: 'float32', shape: ['n', 2] }],
  {},
);

function decode(body: Buffer, headers: Record<string, string>) {
  return decodeInferRequest(body, headers['inference-header-content-length'], { modelName: 'ppocr-cls', signature, maxBatchSize: 32, allowNonFinite: false });
}

describe('replay payloads', () => {
  it('binary and JSON bodies decode, in the engine, to the same rows of the model’s input shape', () => {
    const binary = createPayloads(classifier, 'binary', 7).payload(3);
    const json = createPayloads(classifier, 'json', 7).payload(3);
    expect(binary.headers['content-type']).toBe('application/octet-stream');
    expect(json.headers['content-type']).toBe('application/json');
    const a = decode(binary.body, binary.headers);
    const b = decode(json.body, json.headers);
    expect(a.items).toBe(3);
    expect(b.items).toBe(3);
    expect(a.inputs[0]!.byteLength).toBe(3 * 110_592);
    expect(Buffer.from(a.inputs[0]!).equals(Buffer.from(b.inputs[0]!))).toBe(true);
    expect(a.outputs).toEqual([{ index: 0, binary: true }]);
    expect(b.outputs).toEqual([{ index: 0, binary: false }]);
    const floats = new Float32Array(a.inputs[0]!.slice().buffer);
    expect(Math.min(...floats.subarray(0, 1000))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats.subarray(0, 1000))).toBeLessThan(1);
  });

  it('is deterministic for a seed, reuses the bytes, and a request of n rows starts with the rows of a smaller one', () => {
    const f = createPayloads(classifier, 'binary', 7);
    const two = f.payload(2);
    expect(f.payload(2)).toBe(two);
    const one = createPayloads(classifier, 'binary', 7).payload(1);
    const rows = (p: { body: Buffer; headers: Record<string, string> }) => p.body.subarray(Number(p.headers['inference-header-content-length']));
    expect(rows(two).subarray(0, 110_592).equals(rows(one))).toBe(true);
    expect(rows(createPayloads(classifier, 'binary', 8).payload(1)).equals(rows(one))).toBe(false);
    expect(f.itemBytes).toBe(110_592);
  });

  it('fills every numeric datatype, takes sizes for dynamic axes, and refuses what it cannot send', () => {
    const bert: ModelMetadata = {
      name: 'bert',
      inputs: [
        { name: 'input_ids', datatype: 'INT64', shape: [-1, -1] },
        { name: 'mask', datatype: 'BOOL', shape: [-1, -1] },
      ],
      outputs: [{ name: 'logits', datatype: 'FP16', shape: [-1, 2] }],
    };
    expect(() => createPayloads(bert, 'binary', 1)).toThrow(/input input_ids has shape \[-1, -1\]; give the size of each dynamic axis after the batch axis, e.g. --input-dims input_ids=N/);
    const f = createPayloads(bert, 'json', 1, { input_ids: [16], mask: [16] });
    const body = JSON.parse(f.payload(2).body.toString());
    expect(body.inputs[0]).toMatchObject({ name: 'input_ids', shape: [2, 16], datatype: 'INT64' });
    expect(body.inputs[0].data).toHaveLength(32);
    expect(body.inputs[0].data.every((v: number) => Number.isInteger(v) && v >= 0 && v < 100)).toBe(true);
    expect(body.inputs[1].data.every((v: unknown) => typeof v === 'boolean')).toBe(true);
    expect(f.itemBytes).toBe(16 * 8 + 16);
    const half: ModelMetadata = { ...classifier, inputs: [{ name: 'x', datatype: 'FP16', shape: [-1, 4] }] };
    expect(() => createPayloads(half, 'json', 1)).toThrow(/--protocol json: input x is FP16, which has no JSON form; use --protocol binary/);
    const text: ModelMetadata = { ...classifier, inputs: [{ name: 's', datatype: 'BYTES', shape: [-1] }] };
    expect(() => createPayloads(text, 'binary', 1)).toThrow(/input s has datatype BYTES, which replay cannot synthesise/);
  });
});
