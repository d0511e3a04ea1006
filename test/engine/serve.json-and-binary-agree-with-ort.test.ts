// The server's answers equal a direct ONNX Runtime run of the same model to float tolerance, in
// every encoding: JSON flat and nested, binary in with binary out, binary in with JSON out; and a
// request carrying several rows gets each row's own result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponse, encodeBinaryRequest, encodeJsonRequest, outputFloats } from '../../engine/protocol/client.js';
import { CLS_OUTPUT, direct, inputs, request, startServer, type Server } from './helpers.js';

let server: Server;
let infer: string;
beforeAll(async () => {
  server = await startServer();
  infer = `${server.url}/v2/models/ppocr-cls/infer`;
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

const expectClose = (got: Float32Array, want: Float32Array) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-5);
};

describe('infer agrees with a direct ONNX Runtime run', () => {
  const rows = 3;
  const x = inputs(rows, 42);
  const tensor = { name: 'x', datatype: 'FP32' as const, shape: [rows, 3, 48, 192], data: x };

  it('JSON with flat data', async () => {
    const { body, headers } = encodeJsonRequest([tensor]);
    const r = await request('POST', infer, body, headers);
    expect(r.status).toBe(200);
    const decoded = decodeResponse(r.body);
    expect(decoded.response.outputs[0]!.shape).toEqual([rows, 2]);
    expectClose(outputFloats(decoded, CLS_OUTPUT), await direct(x, rows));
  });

  it('JSON with data nested in the natural shape', async () => {
    const nested = Array.from({ length: rows }, (_, n) =>
      Array.from({ length: 3 }, (_, c) => Array.from({ length: 48 }, (_, h) => Array.from(x.subarray(((n * 3 + c) * 48 + h) * 192, ((n * 3 + c) * 48 + h + 1) * 192)))),
    );
    const body = JSON.stringify({ inputs: [{ name: 'x', shape: [rows, 3, 48, 192], datatype: 'FP32', data: nested }] });
    const r = await request('POST', infer, body, { 'content-type': 'application/json' });
    expect(r.status).toBe(200);
    expectClose(outputFloats(decodeResponse(r.body), CLS_OUTPUT), await direct(x, rows));
  });

  it('binary in, binary out (Triton binary tensor extension)', async () => {
    const { body, headers } = encodeBinaryRequest([tensor], { binaryOutputs: true, id: 'b1' });
    const r = await request('POST', infer, body, headers);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    const headerLength = r.headers['inference-header-content-length'] as string;
    expect(Number(headerLength)).toBeLessThan(r.body.length);
    const decoded = decodeResponse(r.body, headerLength);
    expect(decoded.response.id).toBe('b1');
    expect(decoded.response.outputs[0]!.parameters).toEqual({ binary_data_size: rows * 2 * 4 });
    expectClose(outputFloats(decoded, CLS_OUTPUT), await direct(x, rows));
  });

  it('binary in, JSON out; and binary asked for per output', async () => {
    const { body, headers } = encodeBinaryRequest([tensor]);
    const r = await request('POST', infer, body, headers);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expectClose(outputFloats(decodeResponse(r.body), CLS_OUTPUT), await direct(x, rows));

    const header = Buffer.from(
      JSON.stringify({
        inputs: [{ name: 'x', shape: [rows, 3, 48, 192], datatype: 'FP32', parameters: { binary_data_size: x.byteLength } }],
        outputs: [{ name: CLS_OUTPUT, parameters: { binary_data: true } }],
      }),
    );
    const r2 = await request('POST', infer, Buffer.concat([header, Buffer.from(x.buffer)]), { 'inference-header-content-length': String(header.length) });
    expect(r2.status).toBe(200);
    expectClose(outputFloats(decodeResponse(r2.body, r2.headers['inference-header-content-length'] as string), CLS_OUTPUT), await direct(x, rows));
  });

  it('gives each row of a multi-row request its own result', async () => {
    const all = await direct(x, rows);
    for (let row = 0; row < rows; row++) {
      const one = x.slice(row * 3 * 48 * 192, (row + 1) * 3 * 48 * 192);
      const { body, headers } = encodeBinaryRequest([{ ...tensor, shape: [1, 3, 48, 192], data: one }], { binaryOutputs: true });
      const r = await request('POST', infer, body, headers);
      expectClose(outputFloats(decodeResponse(r.body, r.headers['inference-header-content-length'] as string), CLS_OUTPUT), all.slice(row * 2, row * 2 + 2));
    }
  });
});
