// Reading a request body: the binary tensor data after the JSON header lands 8-byte aligned
// whatever the header's length, with or without Content-Length (chunked); over the limit is 413;
// a body that disagrees with its Content-Length is 400; body buffers are recycled once given back.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ServeError } from '../../../engine/errors.js';
import { BodyPool, readBody } from '../../../engine/http/body.js';

const stream = (chunks: Buffer[]) => Readable.from(chunks, { objectMode: false });
const split = (b: Buffer, size: number) => Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));

describe('readBody', () => {
  it('puts the bytes after the JSON header on an 8-byte boundary, chunked or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 97 }), fc.boolean(), async (json, tail, chunk, chunked) => {
        const body = Buffer.from(Array.from({ length: json + tail }, (_, i) => i % 251));
        const headers = { 'inference-header-content-length': String(json), ...(chunked ? {} : { 'content-length': String(body.length) }) };
        const got = await readBody(stream(split(body, chunk)), headers, 1 << 20);
        expect(got.equals(body)).toBe(true);
        expect((got.byteOffset + json) % 8).toBe(0);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('refuses more than the limit (413) and a body that disagrees with Content-Length (400)', async () => {
    const big = Buffer.alloc(5000);
    const declared = await readBody(stream([big]), { 'content-length': '5000' }, 4096).catch((e: unknown) => e as ServeError);
    expect(declared).toMatchObject({ status: 413, reason: 'too_large' });
    const chunked = await readBody(stream(split(big, 1000)), {}, 4096).catch((e: unknown) => e as ServeError);
    expect(chunked).toMatchObject({ status: 413 });
    const short = await readBody(stream([Buffer.alloc(10)]), { 'content-length': '20' }, 4096).catch((e: unknown) => e as ServeError);
    expect(short).toMatchObject({ status: 400 });
  });

  it('recycles a body buffer once it is given back, and only then', async () => {
    const pool = new BodyPool();
    const headers = { 'content-length': '64', 'inference-header-content-length': '3' };
    const a = await readBody(stream([Buffer.alloc(64, 1)]), headers, 1024, pool);
    const b = await readBody(stream([Buffer.alloc(64, 2)]), headers, 1024, pool);
    expect(a.buffer).not.toBe(b.buffer);
    pool.give(a);
    pool.give(a); // twice is harmless
    const c = await readBody(stream([Buffer.alloc(64, 3)]), headers, 1024, pool);
    expect(c.buffer).toBe(a.buffer);
    const d = await readBody(stream([Buffer.alloc(64, 4)]), headers, 1024, pool);
    expect(d.buffer).not.toBe(a.buffer);
    pool.give(Buffer.alloc(64)); // not from the pool: ignored
    expect(c.every((v) => v === 3)).toBe(true);
  });
});
