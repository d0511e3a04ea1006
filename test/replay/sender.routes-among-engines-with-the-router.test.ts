// With several engines (one process per replica) the generator is the load balancer: each request
// goes where the candidate's router says, given the requests outstanding at each engine on the
// generator's own count. Against two loopback servers, one slow and one fast: round robin splits
// evenly regardless, and least-outstanding, shown the generator's own counts, sends most to the
// fast one.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOpenLoop, type Payload } from '../../replay/sender.js';
import { createRouter } from '../../policies/router.js';
import { stream } from '../../common/rng.js';

const servers: http.Server[] = [];
const urls: URL[] = [];

beforeAll(async () => {
  for (const delayMs of [40, 1]) {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        setTimeout(() => res.writeHead(200).end('{}'), delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls.push(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/infer`));
  }
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const payload = (): Payload => ({ body: Buffer.alloc(256, 1), headers: { 'content-type': 'application/octet-stream' } });
const schedule = { timesMs: Float64Array.from({ length: 80 }, (_, i) => i * 4), items: new Int32Array(80).fill(1), warmupMs: 0, durationMs: 2000 };

function routed(kind: 'round_robin' | 'least_outstanding') {
  const router = createRouter(kind);
  const u = stream(1, 'router');
  const shown: number[][] = [];
  const route = (now: number, outstanding: ArrayLike<number>) => {
    shown.push(Array.from(outstanding));
    return router.pick(now, { outstanding, ready: new Uint8Array([1, 1]), count: 2 }, u);
  };
  return { route, shown };
}

describe('open-loop sender across engines', () => {
  it('splits evenly with round robin, and records where each request went', async () => {
    const { route } = routed('round_robin');
    const r = await sendOpenLoop({ urls, route, schedule, payload, timeoutMs: 5000 });
    expect(r.outcomes.ok).toBe(80);
    expect(r.perEngine).toEqual([40, 40]);
    expect(Array.from(r.records.engine.slice(0, 4))).toEqual([0, 1, 0, 1]);
  });

  it('sends most requests to the engine with fewer outstanding, counting them itself', async () => {
    const { route, shown } = routed('least_outstanding');
    const r = await sendOpenLoop({ urls, route, schedule, payload, timeoutMs: 5000 });
    expect(r.outcomes.ok).toBe(80);
    expect(r.perEngine[0]! + r.perEngine[1]!).toBe(80);
    // The slow engine holds each request ~10 gaps, so it is rarely the least loaded.
    expect(r.perEngine[1]!).toBeGreaterThan(2 * r.perEngine[0]!);
    // The counts the router saw never go negative, and it did see the slow engine busy.
    expect(shown.every((o) => o.every((x) => x >= 0))).toBe(true);
    expect(Math.max(...shown.map((o) => o[0]!))).toBeGreaterThanOrEqual(1);
  });
});
