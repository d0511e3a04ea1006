// Bad infer requests each get a 4xx JSON error that names what is wrong, and the server keeps
// serving: hand-picked cases (one per kind of mistake) and fast-check generated ones (fixed seed),
// with /v2/health/ready checked after every one and a valid request at the end.
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBinaryRequest } from '../../engine/protocol/client.js';
import { get, inputs, ITEM, request, startServer, type Server } from './helpers.js';

const MAX_BODY = 4 * 1024 * 1024;
let server: Server;
let infer: string;
beforeAll(async () => {
  server = await startServer(['--max-body-bytes', String(MAX_BODY), '--max-batch-size', '8']);
  infer = `${server.url}/v2/models/ppocr-cls/infer`;
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

interface Bad {
  body: Buffer | string;
  headers?: Record<string, string>;
}

const json = (o: unknown): Bad => ({ body: JSON.stringify(o), headers: { 'content-type': 'application/json' } });
const input = (over: Record<string, unknown>) => ({ name: 'x', shape: [1, 3, 48, 192], datatype: 'FP32', ...over });
const x = inputs(1, 3);
const validBinary = () => encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: x }]);
/** A binary request with a hand-written header and `payload` after it. */
const binary = (header: unknown, payload: Buffer, headerLength?: string): Bad => {
  const h = Buffer.from(JSON.stringify(header));
  return { body: Buffer.concat([h, payload]), headers: { 'inference-header-content-length': headerLength ?? String(h.length) } };
};
const xBytes = Buffer.from(x.buffer);
const binaryInput = (over: Record<string, unknown> = {}) => input({ parameters: { binary_data_size: xBytes.length }, ...over });

async function expectRejected(bad: Bad, status: number | 'any4xx', names?: string): Promise<void> {
  const r = await request('POST', infer, bad.body, bad.headers);
  if (status === 'any4xx') {
    expect(r.status, r.body.toString().slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  } else expect(r.status, r.body.toString().slice(0, 200)).toBe(status);
  expect(r.headers['content-type']).toContain('application/json');
  const error = r.json<{ error: unknown }>().error;
  expect(typeof error).toBe('string');
  if (names) expect(error).toContain(names);
  const ready = await get(`${server.url}/v2/health/ready`);
  expect(ready.status).toBe(200);
}

describe('malformed infer requests', () => {
  const zeros = (n: number) => `[${'0,'.repeat(n - 1)}0]`;
  const cases: [string, Bad, number, string][] = [
    ['malformed JSON', { body: '{"inputs": [', headers: { 'content-type': 'application/json' } }, 400, 'not valid JSON'],
    ['not an object', json([1, 2]), 400, 'request body'],
    ['no inputs', json({ id: 'a' }), 400, 'inputs'],
    ['unknown input name', json({ inputs: [input({ name: 'image', data: [] })] }), 400, 'inputs[0].name'],
    ['wrong datatype', json({ inputs: [input({ datatype: 'INT64', data: [] })] }), 400, 'inputs[0].datatype'],
    ['unknown datatype', json({ inputs: [input({ datatype: 'FLOAT', data: [] })] }), 400, 'inputs[0].datatype'],
    ['shape not matching the model', json({ inputs: [input({ shape: [1, 3, 32, 192], data: [] })] }), 400, 'inputs[0].shape'],
    ['negative dimension', json({ inputs: [input({ shape: [1, 3, -48, 192], data: [] })] }), 400, 'inputs[0].shape'],
    ['zero rows', json({ inputs: [input({ shape: [0, 3, 48, 192], data: [] })] }), 400, 'inputs[0].shape'],
    ['data shorter than the shape', json({ inputs: [input({ data: [1, 2, 3] })] }), 400, 'inputs[0].data'],
    ['a string among the values', json({ inputs: [input({ data: ['a', ...Array<number>(ITEM - 1).fill(0)] })] }), 400, 'inputs[0].data[0]'],
    ['nested deeper than the rank', json({ inputs: [input({ data: [[[[[1]]]]] })] }), 400, 'inputs[0].data'],
    ['Infinity (1e999) in JSON', { body: `{"inputs":[{"name":"x","shape":[1,3,48,192],"datatype":"FP32","data":${zeros(ITEM - 1).slice(0, -1)},1e999]}]}`, headers: {} }, 400, 'non-finite'],
    ['id not a string', json({ id: 7, inputs: [input({ data: [] })] }), 400, 'id'],
    ['unknown output', json({ inputs: [input({ data: JSON.parse(zeros(ITEM)) })], outputs: [{ name: 'logits' }] }), 400, 'outputs[0].name'],
    ['batch over max_batch_size', binary({ inputs: [input({ shape: [9, 3, 48, 192], parameters: { binary_data_size: 9 * xBytes.length } })] }, Buffer.alloc(9 * xBytes.length)), 400, 'max_batch_size'],
    ['truncated binary body', binary({ inputs: [binaryInput()] }, xBytes.subarray(0, xBytes.length - 100)), 400, 'truncated'],
    ['extra bytes after the tensors', binary({ inputs: [binaryInput()] }, Buffer.concat([xBytes, Buffer.alloc(8)])), 400, 'binary_data_size'],
    ['binary_data_size not matching the shape', binary({ inputs: [binaryInput({ parameters: { binary_data_size: 4 } })] }, xBytes.subarray(0, 4)), 400, 'binary_data_size'],
    ['header length beyond the body', binary({ inputs: [binaryInput()] }, xBytes, '999999999'), 400, 'Inference-Header-Content-Length'],
    ['header length not a number', binary({ inputs: [binaryInput()] }, xBytes, 'abc'), 400, 'Inference-Header-Content-Length'],
    ['binary data without the header', json({ inputs: [binaryInput()] }), 400, 'Inference-Header-Content-Length'],
    ['NaN in binary data', binary({ inputs: [binaryInput()] }, (() => { const b = Buffer.from(xBytes); b.writeFloatLE(Number.NaN, 400); return b; })()), 400, 'element 100 is NaN'],
    ['body over max_body_bytes', { body: Buffer.alloc(MAX_BODY + 1), headers: { 'content-type': 'application/octet-stream' } }, 413, 'max_body_bytes'],
  ];
  for (const [what, bad, status, names] of cases) {
    it(`${what}: ${status} naming ${JSON.stringify(names)}`, async () => {
      await expectRejected(bad, status, names);
    });
  }

  it('413 comes before the body, which is read and dropped: the upload is not cut off and the connection serves the next request', async () => {
    const one = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const send = (body: Buffer, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        let status = 0;
        let uploaded = false;
        const settle = () => status && uploaded && resolve(status);
        const req = http.request(infer, { method: 'POST', agent: one, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on('end', () => {
            status = res.statusCode ?? 0;
            settle();
          });
        });
        req.on('error', reject); // an EPIPE or a reset while uploading fails the test
        req.on('finish', () => {
          uploaded = true;
          settle();
        });
        req.end(body);
      });
    expect(await send(Buffer.alloc(2 * MAX_BODY), { 'content-type': 'application/octet-stream' })).toBe(413);
    const { body, headers } = validBinary();
    expect(await send(body, headers)).toBe(200);
    expect(sockets.size).toBe(1);
    one.destroy();
  });

  it('fast-check: any generated malformed request gets a 4xx JSON error, and readiness stays 200', async () => {
    const notJson = fc.string({ maxLength: 40 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
    const junk = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
    const badShape = fc.array(fc.oneof(fc.integer({ min: -5, max: 300 }), fc.string({ maxLength: 3 })), { maxLength: 6 }).filter((s) => JSON.stringify(s) !== '[1,3,48,192]');
    const jsonCase = fc.oneof(
      notJson.map((s): Bad => ({ body: s === '' ? ' ' : s, headers: { 'content-type': 'application/json' } })),
      junk.map((v) => json(v)),
      junk.map((v) => json({ inputs: v })),
      fc.string({ maxLength: 10 }).filter((n) => n !== 'x').map((name) => json({ inputs: [input({ name, data: [0] })] })),
      fc.constantFrom('BOOL', 'INT8', 'INT64', 'FP16', 'FP64', 'BYTES', 'fp32', '').map((datatype) => json({ inputs: [input({ datatype, data: [0] })] })),
      badShape.map((shape) => json({ inputs: [input({ shape, data: [0] })] })),
      fc.array(fc.double({ noNaN: true }), { maxLength: 50 }).map((data) => json({ inputs: [input({ data })] })),
      junk.map((data) => json({ inputs: [input({ data })] })),
      junk.map((id) => json({ id: typeof id === 'string' ? 5 : id, inputs: [input({ data: [0] })] })),
    );
    const binaryCase = fc.oneof(
      // cut the binary part anywhere
      fc.integer({ min: 1, max: xBytes.length }).map((cut) => {
        const { body, headers } = validBinary();
        return { body: body.subarray(0, body.length - cut), headers };
      }),
      // a NaN or Infinity at any element
      fc.tuple(fc.integer({ min: 0, max: ITEM - 1 }), fc.constantFrom(Number.NaN, Infinity, -Infinity)).map(([i, v]) => {
        const b = Buffer.from(xBytes);
        b.writeFloatLE(v, i * 4);
        return binary({ inputs: [binaryInput()] }, b);
      }),
      // a wrong header length
      fc.integer({ min: 0, max: 400 }).map((delta) => {
        const { body, headers } = validBinary();
        return { body, headers: { ...headers, 'inference-header-content-length': String(Number(headers['inference-header-content-length']) + delta + 1) } };
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonCase, binaryCase), async (bad) => {
        await expectRejected(bad, 'any4xx');
      }),
      { seed: 20251123, numRuns: 120 },
    );
    // and a good request is still served
    const { body, headers } = validBinary();
    expect((await request('POST', infer, body, headers)).status).toBe(200);
  });
});
