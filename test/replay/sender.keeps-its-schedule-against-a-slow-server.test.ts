// The open-loop generator against a deliberately slow loopback server (every answer 200 ms late):
// requests leave at their scheduled times while earlier ones are still unanswered (many in flight
// at once), latency is counted from the scheduled time, the generator's lag is reported, and
// rejections, errors and timeouts are told apart.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOpenLoop, type Payload } from '../../replay/sender.js';

const SLOW_MS = 200;
let server: http.Server;
let url: URL;
let inFlight = 0;
let maxInFlight = 0;
const arrivals: number[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push(performance.now());
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const mode = req.url ?? '';
      const answer = (status: number) => {
        inFlight--;
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      };
      if (mode.startsWith('/never')) return; // never answers: the client must time out
      if (mode.startsWith('/mixed')) {
        const n = arrivals.length;
        setTimeout(() => answer(n % 3 === 0 ? 503 : n % 3 === 1 ? 400 : 200), 5);
        return;
      }
      setTimeout(() => answer(200), SLOW_MS);
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const payload = (): Payload => ({ body: Buffer.alloc(1024, 7), headers: { 'content-type': 'application/octet-stream' } });

function evenly(count: number, gapMs: number, warmupMs = 0) {
  return {
    timesMs: Float64Array.from({ length: count }, (_, i) => i * gapMs),
    items: new Int32Array(count).fill(1),
    warmupMs,
    durationMs: count * gapMs + 10 * SLOW_MS,
  };
}

describe('open-loop sender', () => {
  it('sends on schedule while earlier requests are unanswered, and counts latency from the scheduled time', async () => {
    const schedule = evenly(40, 10); // one every 10 ms for 400 ms; each answer takes 200 ms
    const r = await sendOpenLoop({ urls: [url], schedule, payload, timeoutMs: 5000 });
    const { sentMs, doneMs, scheduledMs } = r.records;
    expect(r.outcomes.ok).toBe(40);
    // Requests kept leaving on time although no answer came back for the first 200 ms: a closed
    // loop would have sent one and waited.
    const firstAnswer = Math.min(...doneMs);
    const sentBeforeFirstAnswer = Array.from(sentMs).filter((s) => s < firstAnswer).length;
    expect(sentBeforeFirstAnswer).toBeGreaterThanOrEqual(15);
    expect(maxInFlight).toBeGreaterThanOrEqual(15);
    // Each left well before a reply could have come back (generous: 2 shared cores), and the lag
    // is reported.
    for (let i = 0; i < 40; i++) expect(sentMs[i]! - scheduledMs[i]!).toBeLessThan(SLOW_MS);
    expect(r.lagMs.max).toBeLessThan(SLOW_MS);
    expect(r.lagMs.max).toBeCloseTo(Math.max(...Array.from(sentMs, (s, i) => s - scheduledMs[i]!)), 2);
    // Latency runs from the scheduled time: at least the server's 200 ms, and never less than the
    // same request measured from its actual send.
    for (let i = 0; i < 40; i++) expect(doneMs[i]! - scheduledMs[i]!).toBeGreaterThanOrEqual(SLOW_MS - 1);
    expect(r.latencyMs.p50).toBeGreaterThanOrEqual(SLOW_MS - 1);
    expect(r.latencyMs.p50).toBeLessThan(SLOW_MS * 2);
    expect(r.latencyMs.mean).toBeGreaterThanOrEqual(r.serviceLatencyMs.mean);
    expect(r.latencyMs.max).toBeCloseTo(Math.max(...Array.from(doneMs, (d, i) => d - scheduledMs[i]!)), 2);
  });

  it('charges a stall to every request scheduled during it: latency from the schedule, not from a delayed send', async () => {
    // The sending thread's event loop is blocked for 150 ms 30 ms into the schedule (when the
    // warm-up ends): sends due in that window leave late, and their latency includes the lateness
    // (that is what a user scheduled then would see).
    const schedule = evenly(20, 10, 30);
    const started = performance.now();
    const stall = () => {
      const until = performance.now() + 150;
      while (performance.now() < until) {
        /* a deliberate stall */
      }
    };
    const r = await sendOpenLoop({ urls: [url], schedule, payload, timeoutMs: 5000, startDelayMs: 20, onWarmupEnd: stall });
    expect(performance.now() - started).toBeGreaterThan(150);
    const { sentMs, scheduledMs, doneMs } = r.records;
    const lags = Array.from(sentMs, (s, i) => s - scheduledMs[i]!);
    expect(Math.max(...lags)).toBeGreaterThan(80);
    expect(r.lagMs.max).toBeGreaterThan(80);
    for (let i = 0; i < 20; i++) expect(doneMs[i]! - scheduledMs[i]!).toBeGreaterThanOrEqual(doneMs[i]! - sentMs[i]!);
    expect(r.latencyMs.max - r.serviceLatencyMs.max).toBeGreaterThan(50);
  });

  it('leaves warm-up requests out of the statistics', async () => {
    const r = await sendOpenLoop({ urls: [url], schedule: evenly(20, 5, 50), payload, timeoutMs: 5000 });
    expect(r.requests).toBe(20);
    expect(r.measured).toBe(10);
    expect(r.outcomes.ok).toBe(10);
  });

  it('tells 503 rejections, other 4xx, errors and timeouts apart', async () => {
    const mixed = await sendOpenLoop({ urls: [new URL('/mixed', url)], schedule: evenly(30, 2), payload, timeoutMs: 5000 });
    expect(mixed.outcomes.ok + mixed.outcomes.rejected + mixed.outcomes.client_error).toBe(30);
    expect(mixed.outcomes.rejected).toBe(mixed.statuses['503']);
    expect(mixed.outcomes.client_error).toBe(mixed.statuses['400']);
    expect(mixed.outcomes.rejected).toBeGreaterThanOrEqual(9);
    const never = await sendOpenLoop({ urls: [new URL('/never', url)], schedule: evenly(3, 5), payload, timeoutMs: 150 });
    expect(never.outcomes.timeout).toBe(3);
    const refused = await sendOpenLoop({ urls: [new URL('http://127.0.0.1:1/')], schedule: evenly(3, 5), payload, timeoutMs: 1000 });
    expect(refused.outcomes.error).toBe(3);
    expect(refused.errors.join(' ')).toMatch(/ECONNREFUSED/);
  });
});
