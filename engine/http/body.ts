// Reads a request body into one Buffer, enforcing server.max_body_bytes (413), and places it so
// that the binary tensor data after the JSON header starts 8-byte aligned: with
// Inference-Header-Content-Length known up front, the body is written at a small offset into a
// buffer of its own. The protocol decoder can then view FP32/INT64 tensors in place instead of
// copying each one to fix its alignment. Used as Fastify's content-type parser for every type.
// Body buffers are recycled (BodyPool): fresh 100 kB–MB buffers per request cost page faults and
// garbage-collector work that the instance workers' cores then lose.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { ServeError, badRequest } from '../errors.js';

const ALIGN = 8;

export const tooLarge = (limit: number) => new ServeError(413, `request body: larger than server.max_body_bytes (${limit} bytes)`, 'too_large');

/**
 * Free lists of body buffers by size class (sizes rounded up to one of eight steps per doubling, so
 * at most 12.5 % is wasted and bodies of odd sizes still reuse buffers instead of churning through
 * new ones), at most `maxIdleBytes` kept idle. A buffer is lent by take() and comes back by give()
 * once its request is answered (the model runner has copied the tensors out by then); one that never
 * comes back is simply garbage-collected. The classes used least recently go first when the pool is
 * full, so one-off sizes do not crowd out the size a model's requests keep coming in.
 */
export class BodyPool {
  /** Free lists in least-recently-used order of their size (a Map iterates in insertion order). */
  private readonly free = new Map<number, Buffer[]>();
  private readonly lent = new WeakSet<ArrayBufferLike>();
  private idleBytes = 0;

  constructor(private readonly maxIdleBytes = 8 * 1024 * 1024) {}

  /** A buffer of at least `size` bytes. */
  take(size: number): Buffer {
    const capacity = sizeClass(size);
    const reused = this.touch(capacity)?.pop();
    const buffer = reused ?? Buffer.allocUnsafeSlow(capacity);
    if (reused) this.idleBytes -= capacity;
    this.lent.add(buffer.buffer);
    return buffer;
  }

  /** Returns the buffer under `view` (a body from readBody), once; anything else is ignored. */
  give(view: unknown): void {
    if (!Buffer.isBuffer(view) || !this.lent.has(view.buffer)) return;
    this.lent.delete(view.buffer);
    const size = view.buffer.byteLength;
    if (size > this.maxIdleBytes) return;
    let list = this.touch(size);
    if (!list) this.free.set(size, (list = []));
    list.push(Buffer.from(view.buffer, 0, size));
    this.idleBytes += size;
    for (const [other, buffers] of this.free) {
      if (this.idleBytes <= this.maxIdleBytes) break;
      while (buffers.length > 0 && this.idleBytes > this.maxIdleBytes) {
        buffers.pop();
        this.idleBytes -= other;
      }
      if (buffers.length === 0) this.free.delete(other);
    }
  }

  /** The free list of `size`, moved to the most recently used end. */
  private touch(size: number): Buffer[] | undefined {
    const list = this.free.get(size);
    if (list) {
      this.free.delete(size);
      this.free.set(size, list);
    }
    return list;
  }
}

/** `size` rounded up to one of eight steps per power of two (4 KiB at least). */
export function sizeClass(size: number): number {
  if (size <= 4096) return 4096;
  const step = 2 ** (Math.ceil(Math.log2(size)) - 3);
  return Math.ceil(size / step) * step;
}

export function readBody(payload: Readable, headers: IncomingHttpHeaders, limit: number, pool?: BodyPool): Promise<Buffer> {
  const declared = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (declared !== undefined && declared > limit) return Promise.reject(tooLarge(limit));
  const jsonLength = Number(headers['inference-header-content-length']);
  const pad = Number.isSafeInteger(jsonLength) && jsonLength >= 0 ? (ALIGN - (jsonLength % ALIGN)) % ALIGN : 0;
  return new Promise<Buffer>((resolve, reject) => {
    // Known length: one buffer, filled as chunks arrive. Chunked: collect, then one copy.
    const target = declared === undefined ? undefined : pool ? pool.take(pad + declared) : Buffer.allocUnsafeSlow(pad + declared);
    const chunks: Buffer[] = [];
    let received = 0;
    // Over the limit, the rest is still read and dropped, and the error is given once the body has
    // ended: answering (and closing) while the client is still sending would reset it mid-upload.
    let failure: ServeError | undefined;
    const onData = (chunk: Buffer) => {
      if (failure) return;
      if (received + chunk.length > (declared ?? limit)) {
        failure = declared === undefined ? tooLarge(limit) : badRequest('request body: longer than its Content-Length');
        return;
      }
      if (target) chunk.copy(target, pad + received);
      else chunks.push(chunk);
      received += chunk.length;
    };
    const onEnd = () => {
      if (failure) {
        reject(failure);
        return;
      }
      if (target) {
        if (received !== declared) reject(badRequest(`request body: ${received} bytes arrived, Content-Length said ${declared}`));
        else resolve(target.subarray(pad, pad + received));
        return;
      }
      const body = Buffer.allocUnsafeSlow(pad + received);
      let offset = pad;
      for (const c of chunks) offset += c.copy(body, offset);
      resolve(body.subarray(pad));
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', (err) => reject(err));
    // A client that goes away mid-body (or is timed out) ends the wait; nobody is left to answer.
    // Every body closes, so the error (and its stack trace, tens of µs) is made only when it is one.
    payload.on('close', () => {
      if (!payload.readableEnded) reject(badRequest('request body: the connection closed before the body was complete'));
    });
  });
}
