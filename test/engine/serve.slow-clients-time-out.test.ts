// Slow clients cannot hold connections: headers that never finish and a body that never arrives
// each get a 408 JSON error and a closed connection after the configured timeouts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startServer, type Server } from './helpers.js';

let server: Server;
beforeAll(async () => {
  const config = path.join(mkdtempSync(path.join(os.tmpdir(), 'servetwin-slow-')), 'serving.json');
  writeFileSync(config, JSON.stringify({ models: [{ model: 'ppocr-cls' }], server: { headers_timeout_ms: 300, request_timeout_ms: 600 } }));
  server = await startServer(['--config', config]);
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

/** Sends `text` and waits for the server to answer and close; resolves with what it said. */
function trickle(text: string): Promise<{ reply: string; ms: number }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = net.connect(Number(port), hostname, () => socket.write(text));
    let reply = '';
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('close', () => resolve({ reply, ms: performance.now() - t0 }));
    socket.on('error', reject);
    setTimeout(() => reject(new Error('the server kept the connection open')), 10_000).unref();
  });
}

describe('slow clients', () => {
  it('headers that never finish: 408 and closed', async () => {
    const { reply, ms } = await trickle('GET /v2/health/live HTTP/1.1\r\nHost: x\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(reply).toContain('{"error":');
    expect(ms).toBeLessThan(5000);
  });

  it('a body that never arrives: 408 and closed, and the server still answers', async () => {
    const { reply } = await trickle('POST /v2/models/ppocr-cls/infer HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"inputs":');
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect((await get(`${server.url}/v2/health/ready`)).status).toBe(200);
  });
});
