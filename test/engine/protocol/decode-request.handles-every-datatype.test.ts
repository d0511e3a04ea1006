// The request decoder on signatures the bundled model does not have: several inputs, INT64, BOOL,
// FP16 (binary only), UINT8 ranges; JSON and binary forms decode to the same little-endian bytes;
// and the response encoder's output reads back through the client decoder.
import { describe, expect, it } from 'vitest';
import { ServeError } from '../../../engine/errors.js';
import { buildSignature } from '../../../engine/model-signature.js';
import { decodeResponse, encodeBinaryRequest, encodeJsonRequest, outputFloats } from '../../../engine/protocol/client.js';
import { decodeInferRequest } from '../../../engine/protocol/decode-request.js';
import { encodeInferResponse } from '../../../engine/protocol/encode-response.js';

const signature = buildSignature(
  'bert-like.onnx',
  [
    { name: 'input_ids', isTensor: true, type: 'int64', shape: ['batch', 'sequence'] },
    { name: 'mask', isTensor: true, type: 'bool', shape: ['batch', 4] },
    { name: 'half', isTensor: true, type: 'float16', shape: ['batch', 2] },
    { name: 'pixels', isTensor: true, type: 'uint8', shape: ['batch', 3] },
  ],
  [{ name: 'logits', isTensor: true, type: 'float32', shape: ['batch', 2] }],
  { input_ids: [4] },
);
const opts = { modelName: 'bert', signature, maxBatchSize: 8, allowNonFinite: false };

const tensors = [
  { name: 'input_ids', datatype: 'INT64' as const, shape: [2, 4], data: BigInt64Array.from([101n, 7n, -3n, 102n, 101n, 0n, 9007199254740991n, 102n]) },
  { name: 'mask', datatype: 'BOOL' as const, shape: [2, 4], data: Uint8Array.from([1, 1, 0, 1, 1, 0, 0, 1]) },
  { name: 'half', datatype: 'FP16' as const, shape: [2, 2], data: Uint16Array.from([0x3c00, 0x4000, 0xbc00, 0]) },
  { name: 'pixels', datatype: 'UINT8' as const, shape: [2, 3], data: Uint8Array.from([0, 128, 255, 1, 2, 3]) },
];
const bytes = (v: ArrayBufferView) => Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));

function reject(body: string, header?: string): ServeError {
  try {
    decodeInferRequest(Buffer.from(body), header, opts);
  } catch (err) {
    return err as ServeError;
  }
  throw new Error('expected a rejection');
}

describe('decodeInferRequest', () => {
  it('decodes binary tensors of every kind to their bytes, in signature order, whatever order they came in', () => {
    const { body, headers } = encodeBinaryRequest([...tensors].reverse());
    const decoded = decodeInferRequest(body, headers['inference-header-content-length'], opts);
    expect(decoded.items).toBe(2);
    decoded.inputs.forEach((got, i) => expect(Array.from(got)).toEqual(bytes(tensors[i]!.data)));
  });

  it('decodes the same values from JSON (FP16 aside, which has no JSON form)', () => {
    const { body } = encodeJsonRequest(tensors.filter((t) => t.name !== 'half'));
    const header = JSON.parse(body.toString()) as { inputs: unknown[] };
    const half = tensors[2]!;
    const withHalf = Buffer.from(JSON.stringify({ inputs: [...header.inputs, { name: 'half', shape: half.shape, datatype: 'FP16', parameters: { binary_data_size: 8 } }] }));
    const decoded = decodeInferRequest(Buffer.concat([withHalf, Buffer.from(half.data.buffer)]), String(withHalf.length), opts);
    decoded.inputs.forEach((got, i) => expect(Array.from(got)).toEqual(bytes(tensors[i]!.data)));
    const asJson = reject(JSON.stringify({ inputs: [{ name: 'half', shape: [1, 2], datatype: 'FP16', data: [1, 2] }] }));
    expect(asJson.message).toContain('binary');
  });

  it('names the field when a value does not fit its datatype, or inputs disagree', () => {
    const base = { name: 'pixels', shape: [1, 3], datatype: 'UINT8' };
    expect(reject(JSON.stringify({ inputs: [{ ...base, data: [0, 256, 1] }] })).message).toContain('inputs[0].data[1]: expected an integer from 0 to 255');
    expect(reject(JSON.stringify({ inputs: [{ ...base, data: [0, 1.5, 1] }] })).message).toContain('inputs[0].data[1]');
    expect(reject(JSON.stringify({ inputs: [{ name: 'mask', shape: [1, 4], datatype: 'BOOL', data: [true, 'yes', 0, 1] }] })).message).toContain('inputs[0].data[1]: expected true or false');
    const mixed = reject(
      JSON.stringify({
        inputs: [
          { ...base, data: [0, 1, 2] },
          { name: 'mask', shape: [2, 4], datatype: 'BOOL', data: Array(8).fill(true) },
        ],
      }),
    );
    expect(mixed.message).toContain('inputs[1].shape: batch dimension is 2');
    expect(reject(JSON.stringify({ inputs: [{ ...base, data: [0, 1, 2] }] })).message).toContain('missing input_ids, mask, half');
    expect(reject(JSON.stringify({ inputs: [{ ...base, data: [0, 1, 2] }, { ...base, data: [0, 1, 2] }] })).message).toContain('given twice');
  });

  it('encodes a response that the client reads back, JSON and binary outputs together', () => {
    const logits = Float32Array.from([0.25, 0.75, 1, -1]);
    const spec = signature.outputs[0]!;
    const bin = encodeInferResponse('bert', '1', 'q', [{ spec, shape: [2, 2], bytes: new Uint8Array(logits.buffer), binary: true }]);
    expect(bin.contentType).toBe('application/octet-stream');
    const back = decodeResponse(bin.body, bin.headerLength);
    expect(back.response).toMatchObject({ model_name: 'bert', model_version: '1', id: 'q' });
    expect(Array.from(outputFloats(back, 'logits'))).toEqual(Array.from(logits));
    const json = encodeInferResponse('bert', '1', undefined, [{ spec, shape: [2, 2], bytes: new Uint8Array(logits.buffer), binary: false }]);
    expect(JSON.parse(json.body.toString())).toEqual({ model_name: 'bert', model_version: '1', outputs: [{ name: 'logits', datatype: 'FP32', shape: [2, 2], data: [0.25, 0.75, 1, -1] }] });
  });
});

describe('buildSignature', () => {
  it('asks for input_dims when a non-batch dimension is dynamic, and refuses a fixed batch dimension', () => {
    expect(() => buildSignature('m.onnx', [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 'H'] }], [], {})).toThrow(/input_dims/);
    expect(() => buildSignature('m.onnx', [{ name: 'x', isTensor: true, type: 'float32', shape: [1, 3] }], [], {})).toThrow(/dynamic first dimension/);
    expect(() => buildSignature('m.onnx', [{ name: 'x', isTensor: true, type: 'string', shape: ['N'] }], [], {})).toThrow(/cannot serve/);
    expect(() => buildSignature('m.onnx', [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 3] }], [], { x: [4] })).toThrow(/fixes that dimension at 3/);
  });
});
