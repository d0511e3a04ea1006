// The open-loop load generator: sends request i at its scheduled time whether or not earlier ones
// have returned (a clock thread says when; sending never waits on replies), over node:http with a keep-alive agent
// so many requests are in flight on reused connections. With several engines (one process per
// replica) it is also the load balancer: each request goes where `route` says, given the requests
// outstanding at each engine on the generator's own clock, as a Kubernetes Service spreads pods. Latency is counted from the *scheduled*
// time (no coordinated omission: a stalled server cannot slow the arrivals down and hide its own
// queue), into an HDR histogram; the generator's own lag (actual send − scheduled) is recorded too,
// so a generator that fell behind says so. Called by replay/run-replay.ts with replay/payload.ts bodies.
import http from 'node:http';
import { Histogram, type LatencyFigures } from './latency-histogram.js';
import { monotonicMs, startTicker, type TickerMessage } from './ticker.js';
import { TimingTable } from './server-timing.js';

export type { LatencyFigures } from './latency-histogram.js';

export interface Payload {
  body: Buffer;
  headers: Record<string, string>;
}

export interface SenderSchedule {
  timesMs: Float64Array;
  items: Int32Array;
  warmupMs: number;
  durationMs: number;
}

export interface SenderOptions {
  /** Where requests are POSTed: one infer URL per engine. */
  urls: readonly URL[];
  /**
   * Which engine request `i` goes to, given now (ms on the schedule's clock) and the requests
   * outstanding (sent, not yet answered) at each engine. Absent: the first engine.
   */
  route?: (nowMs: number, outstanding: ArrayLike<number>) => number;
  schedule: SenderSchedule;
  /** The body for a request of `items` rows (build once, return the same bytes every time). */
  payload(items: number): Payload;
  /** A request not answered after this long is abandoned and counted as a timeout (default 10 s). */
  timeoutMs?: number;
  /** Delay before the first send, to let the caller's setup settle (default 20 ms). */
  startDelayMs?: number;
  /** The agent to use (e.g. already holding warm connections); one is made when absent. */
  agent?: http.Agent;
  /** Called once when the schedule passes the warm-up (e.g. to scrape server metrics). */
  onWarmupEnd?: () => void;
}

/** Outcomes of measured requests (scheduled at or after the warm-up). */
export interface Outcomes {
  ok: number;
  /** 503 / 429: the server shed the request (queue full, queue timeout). */
  rejected: number;
  /** Other 4xx: the request was wrong (a replay bug or a wrong model). */
  client_error: number;
  /** Other 5xx. */
  server_error: number;
  /** Connection refused or reset, and other transport errors. */
  error: number;
  /** No answer within timeoutMs. */
  timeout: number;
}


export interface SendReport {
  requests: number;
  /** Requests scheduled at or after the warm-up. */
  measured: number;
  outcomes: Outcomes;
  /** HTTP status of measured requests, e.g. { "200": 9950, "503": 50 }. */
  statuses: Record<string, number>;
  /** Successful measured requests, from the scheduled send time to the last response byte, ms. */
  latencyMs: LatencyFigures;
  /** The same requests from the actual send time (what a closed-loop tool would report). */
  serviceLatencyMs: LatencyFigures;
  /** Actual send − scheduled send of measured requests, ms: the generator's own lateness. */
  lagMs: LatencyFigures;
  /** Successful measured requests answered before the scenario's end, per second of the measured window. */
  throughputRps: number;
  /** First few distinct transport error messages. */
  errors: string[];
  /** Wall time from the first scheduled send to the last answer, ms. */
  wallMs: number;
  /** Measured requests sent to each engine (one entry per URL). */
  perEngine: number[];
  /** Per request: scheduled, sent and answered times (ms from the start; answered −1 if never), status (-1 error, -2 timeout) and the engine it went to. */
  records: { scheduledMs: Float64Array; sentMs: Float64Array; doneMs: Float64Array; status: Int16Array; engine: Uint16Array };
  /** Per request: the server's own account of its time (Server-Timing), where it gave one. */
  timing: TimingTable;
}

const ERROR = -1;
const TIMEOUT = -2;

export function sendOpenLoop(opts: SenderOptions): Promise<SendReport> {
  const { timesMs, items, warmupMs, durationMs } = opts.schedule;
  const n = timesMs.length;
  const clock = monotonicMs;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const ownAgent = !opts.agent;
  const agent = opts.agent ?? new http.Agent({ keepAlive: true, maxSockets: 4096, noDelay: true } as http.AgentOptions);
  const targets = opts.urls.map((u) => ({ hostname: u.hostname, port: u.port, path: u.pathname + u.search }));
  if (targets.length === 0) throw new Error('sendOpenLoop: no URL to send to');
  const outstandingAt = new Float64Array(targets.length);

  const sentMs = new Float64Array(n).fill(-1);
  const doneMs = new Float64Array(n).fill(-1);
  const status = new Int16Array(n);
  const engineOf = new Uint16Array(n);
  const timing = new TimingTable(n);
  const latency = new Histogram();
  const service = new Histogram();
  const lag = new Histogram();
  const errors = new Set<string>();

  return new Promise<SendReport>((resolve) => {
    if (n === 0) {
      opts.onWarmupEnd?.();
      if (ownAgent) agent.destroy();
      resolve(report());
      return;
    }
    let next = 0;
    let outstanding = 0;
    let allSent = false;
    let warmupPassed = false;
    /** The schedule's zero on the monotonic clock (shared by every thread), once the ticker has set it. */
    let t0 = Number.NaN;
    const ticker = startTicker(timesMs, opts.startDelayMs ?? 20);

    const finishAll = () => {
      if (!allSent || outstanding > 0) return;
      void ticker.terminate();
      if (ownAgent) agent.destroy();
      resolve(report());
    };

    const send = (i: number) => {
      const { body, headers } = opts.payload(items[i]!);
      const sent = clock() - t0;
      sentMs[i] = sent;
      const picked = opts.route ? opts.route(sent, outstandingAt) : 0;
      const to = targets[picked];
      if (!to) throw new Error(`sendOpenLoop: route chose engine ${picked} of ${targets.length}`);
      engineOf[i] = picked;
      outstandingAt[picked]!++;
      const measured = timesMs[i]! >= warmupMs;
      if (measured) lag.record(Math.max(0, sent - timesMs[i]!));
      outstanding++;
      let timer: NodeJS.Timeout | undefined;
      const settle = (code: number, err?: Error) => {
        if (status[i] !== 0) return;
        const done = clock() - t0;
        status[i] = code;
        doneMs[i] = code === TIMEOUT ? -1 : done;
        clearTimeout(timer);
        if (err && errors.size < 5) errors.add(err.message);
        if (measured && code === 200) {
          latency.record(done - timesMs[i]!);
          service.record(done - sent);
        }
        outstanding--;
        outstandingAt[picked]!--;
        finishAll();
      };
      const req = http.request({ agent, hostname: to.hostname, port: to.port, path: to.path, method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
        timing.record(i, res.headers['server-timing']);
        res.on('end', () => settle(res.statusCode ?? 0));
        res.on('error', (err) => settle(ERROR, err));
        res.resume();
      });
      req.on('error', (err) => settle(ERROR, err));
      timer = setTimeout(() => {
        settle(TIMEOUT);
        req.destroy();
      }, timeoutMs);
      req.end(body);
    };

    ticker.on('message', (msg: TickerMessage) => {
      if (msg.kind === 'start') {
        t0 = msg.atMs;
        if (warmupMs <= 0) passWarmup();
        return;
      }
      // Everything due goes now, late ones included: an open-loop generator never skips a request.
      while (next < msg.dueBefore) {
        if (!warmupPassed && timesMs[next]! >= warmupMs) passWarmup();
        send(next++);
      }
      if (next >= n) {
        allSent = true;
        passWarmup();
        finishAll();
      }
    });
    ticker.on('error', (err) => {
      // Without its clock the run cannot go on; answer what was sent so far as errors.
      errors.add(`replay ticker: ${err.message}`);
      allSent = true;
      for (let i = next; i < n; i++) status[i] = ERROR;
      next = n;
      finishAll();
    });
    const passWarmup = () => {
      if (warmupPassed) return;
      warmupPassed = true;
      opts.onWarmupEnd?.();
    };

    function report(): SendReport {
      const outcomes: Outcomes = { ok: 0, rejected: 0, client_error: 0, server_error: 0, error: 0, timeout: 0 };
      const statuses: Record<string, number> = {};
      const perEngine = new Array<number>(targets.length).fill(0);
      let measured = 0;
      let inWindow = 0;
      let lastDone = 0;
      for (let i = 0; i < n; i++) {
        if (doneMs[i]! > lastDone) lastDone = doneMs[i]!;
        if (timesMs[i]! < warmupMs) continue;
        measured++;
        perEngine[engineOf[i]!]!++;
        const code = status[i]!;
        outcomes[classify(code)]++;
        if (code > 0) statuses[String(code)] = (statuses[String(code)] ?? 0) + 1;
        if (code === 200 && doneMs[i]! <= durationMs) inWindow++;
      }
      return {
        requests: n,
        measured,
        outcomes,
        statuses,
        latencyMs: latency.summary(),
        serviceLatencyMs: service.summary(),
        lagMs: lag.summary(),
        throughputRps: durationMs > warmupMs ? inWindow / ((durationMs - warmupMs) / 1000) : 0,
        errors: [...errors],
        wallMs: Math.max(lastDone, n > 0 ? sentMs[n - 1]! : 0),
        perEngine,
        records: { scheduledMs: timesMs, sentMs, doneMs, status, engine: engineOf },
        timing,
      };
    }
  });
}

export function classify(code: number): keyof Outcomes {
  if (code === 200) return 'ok';
  if (code === TIMEOUT) return 'timeout';
  if (code === 503 || code === 429) return 'rejected';
  if (code >= 400 && code < 500) return 'client_error';
  if (code >= 500) return 'server_error';
  return 'error';
}
