// The soak's client, a process of its own (`node dist/bench/soak-client.js '<plan JSON>'`): first a
// short closed-loop run for the engine's capacity (bench/load-generator), then open-loop traffic at
// a multiple of it. Each request goes out at its scheduled time on a connection of its own when none
// is free (the agent never queues), with a fixed connect timeout and response timeout; one that goes
// out later than `lateMs` is counted as a failure of the client, not of the server. Latency is
// measured from the scheduled time. Meanwhile the server's resident memory is sampled from
// /proc/PID/status. Prints one line of JSON (SoakPhaseResult). Driven by bench/soak.ts, which the
// benchmark (`npm run bench -- soak`) and test/engine/serve.overload-is-a-fast-503.test.ts share.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import { encodeBinaryRequest, encodeJsonRequest } from '../engine/protocol/client.js';
import { closedLoop, percentile } from './load-generator.js';

export interface SoakPhasePlan {
  url: string;
  pid: number;
  payload: 'json' | 'binary';
  /** Closed loop for the capacity: this many connections for this long (after a 500 ms warm-up). */
  capacity: { concurrency: number; seconds: number };
  /** Open loop at this multiple of the measured capacity. */
  overload: number;
  seconds: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  lateMs: number;
  rssSampleMs: number;
}

export interface SoakPhaseResult {
  payload: 'json' | 'binary';
  capacityRps: number;
  offeredRps: number;
  sent: number;
  statuses: Record<string, number>;
  /** Connection errors and timeouts by code (ECONNRESET, ECONNREFUSED, CONNECT_TIMEOUT, TIMEOUT, …). */
  errors: Record<string, number>;
  /** 503s without a Retry-After header. */
  noRetryAfter: number;
  /** Requests that went out later than lateMs after their scheduled time. */
  late: number;
  maxLateMs: number;
  /** Latency of the 200s from their scheduled time, ms. */
  ok: { p50: number; p99: number; max: number };
  /** The same 200s as the server timed them (Server-Timing total: headers in → answer encoded), ms. */
  okServer: { p50: number; p99: number; max: number };
  /** 503s for a request that waited queue_timeout_ms in a queue. */
  queueTimeouts: number;
  /** Latency of the other 503s (shed: the queues or the HTTP side full), ms. */
  shed: { p50: number; p99: number; max: number };
  /** The same 503s as the server timed them (Server-Timing total: headers in → answer), ms. */
  shedServer: { p50: number; p99: number; max: number };
  /** Server-side Server-Timing of the 200s at p99, ms: ingress (receive + decode), queue, compute. */
  serverP99: { ingress: number; queue: number; compute: number };
  connectionsOpened: number;
  /**
   * The server's resident memory, bytes: idle after the capacity run (the high-water mark of a server
   * that has run at capacity), and its highest sample during the overload.
   */
  rss: { idle: number; max: number; maxByTenth: number[] };
  /** 200s per second during the overload. */
  okRps: number;
}

const plan = JSON.parse(process.argv[2]!) as SoakPhasePlan;
const ITEM = 3 * 48 * 192;
const x = new Float32Array(ITEM).map((_, i) => (i % 255) / 255);
const tensor = [{ name: 'x', datatype: 'FP32' as const, shape: [1, 3, 48, 192], data: x }];
const { body, headers } = plan.payload === 'json' ? encodeJsonRequest(tensor) : encodeBinaryRequest(tensor);
const target = new URL('/v2/models/ppocr-cls/infer', plan.url);

function rss(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${plan.pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

const stats = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : Number.NaN });

async function main(): Promise<SoakPhaseResult> {
  const capacity = await closedLoop({ url: target.href, body, headers, concurrency: plan.capacity.concurrency, durationMs: plan.capacity.seconds * 1000, warmupMs: 500 });
  const capacityRps = capacity.ok / capacity.seconds;
  const offeredRps = capacityRps * plan.overload;
  // Let the closed loop's queue drain, so the open loop starts from an idle server.
  await new Promise((r) => setTimeout(r, 300));
  const idle = rss();

  const result: SoakPhaseResult = {
    payload: plan.payload,
    capacityRps,
    offeredRps,
    sent: 0,
    statuses: {},
    errors: {},
    noRetryAfter: 0,
    late: 0,
    maxLateMs: 0,
    ok: { p50: 0, p99: 0, max: 0 },
    okServer: { p50: 0, p99: 0, max: 0 },
    queueTimeouts: 0,
    shed: { p50: 0, p99: 0, max: 0 },
    shedServer: { p50: 0, p99: 0, max: 0 },
    serverP99: { ingress: 0, queue: 0, compute: 0 },
    connectionsOpened: 0,
    rss: { idle, max: idle, maxByTenth: Array<number>(10).fill(idle) },
    okRps: 0,
  };
  const okMs: number[] = [];
  const shedMs: number[] = [];
  const shedServerMs: number[] = [];
  const timing = { ingress: [] as number[], queue: [] as number[], compute: [] as number[], total: [] as number[] };
  const count = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, maxFreeSockets: 1024 });

  const send = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const fail = (code: string) => {
        count(result.errors, code);
        resolve();
      };
      const req = http.request(target, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
        let error = '';
        if (res.statusCode === 200) res.resume();
        else res.on('data', (chunk: Buffer) => (error += chunk.toString()));
        res.on('end', () => {
          const ms = performance.now() - scheduledAt;
          count(result.statuses, String(res.statusCode));
          if (res.statusCode === 200) {
            okMs.push(ms);
            lastOkAt = performance.now();
            for (const [name, values] of Object.entries(timing)) {
              const m = new RegExp(`${name};dur=([\\d.]+)`).exec(String(res.headers['server-timing']));
              if (m) values.push(Number(m[1]));
            }
          } else if (res.statusCode === 503) {
            if (res.headers['retry-after'] === undefined) result.noRetryAfter++;
            // A queue timeout is a 503 that waited by design; the others are shed, and should be quick.
            if (error.includes('queue_timeout_ms')) result.queueTimeouts++;
            else {
              shedMs.push(ms);
              const m = /total;dur=([\d.]+)/.exec(String(res.headers['server-timing']));
              if (m) shedServerMs.push(Number(m[1]));
            }
          }
          resolve();
        });
        res.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? err.message));
      });
      req.on('socket', (socket: Socket) => {
        if (!socket.connecting) return;
        result.connectionsOpened++;
        const timer = setTimeout(() => req.destroy(Object.assign(new Error('connect timeout'), { code: 'CONNECT_TIMEOUT' })), plan.connectTimeoutMs);
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      req.setTimeout(plan.responseTimeoutMs, () => req.destroy(Object.assign(new Error('response timeout'), { code: 'TIMEOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? err.message));
      req.end(body);
    });

  const pending: Promise<void>[] = [];
  const total = Math.round(offeredRps * plan.seconds);
  const start = performance.now();
  // The highest sample, overall and in each tenth of the run: a leak climbs from tenth to tenth.
  const sampler = setInterval(() => {
    const now = rss();
    const tenth = Math.min(9, Math.floor(((performance.now() - start) / (plan.seconds * 1000)) * 10));
    result.rss.max = Math.max(result.rss.max, now);
    result.rss.maxByTenth[tenth] = Math.max(result.rss.maxByTenth[tenth]!, now);
  }, plan.rssSampleMs);
  let lastOkAt = start;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      for (; result.sent < total; result.sent++) {
        const scheduledAt = start + (result.sent * 1000) / offeredRps;
        if (scheduledAt > now) break;
        const lateBy = now - scheduledAt;
        result.maxLateMs = Math.max(result.maxLateMs, lateBy);
        if (lateBy > plan.lateMs) result.late++;
        pending.push(send(scheduledAt));
      }
      if (result.sent < total) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  await Promise.all(pending);
  clearInterval(sampler);
  result.rss.max = Math.max(result.rss.max, rss());
  agent.destroy();
  result.okRps = okMs.length / ((lastOkAt - start) / 1000);
  result.ok = stats(okMs);
  result.okServer = stats(timing.total);
  result.shed = stats(shedMs);
  result.shedServer = stats(shedServerMs);
  result.serverP99 = { ingress: percentile(timing.ingress, 99), queue: percentile(timing.queue, 99), compute: percentile(timing.compute, 99) };
  return result;
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
