// A client through a rollout, as Kubernetes puts a pod through one: requests keep coming, on fresh
// connections and on kept-alive ones, while this process sends SIGTERM to the server's pid at a
// chosen moment, and keep coming for the drain delay after it (the pod is still in the endpoints
// then), stopping a margin before the drain delay ends (by then no load balancer sends it any).
// Prints what every request got. Run by test/engine/serve.rollout-loses-nothing.test.ts.
import http from 'node:http';
import { encodeBinaryRequest } from '../../../engine/protocol/client.js';

export interface RolloutPlan {
  url: string;
  pid: number;
  /** When to send SIGTERM, ms after the traffic starts. */
  signalAtMs: number;
  /** The server's drain_delay_ms: requests go on until signalAtMs + drainDelayMs - marginMs. */
  drainDelayMs: number;
  marginMs: number;
  /** Every intervalMs: one request on a kept-alive connection and one on a fresh connection. */
  intervalMs: number;
  keepAliveConnections: number;
}

export interface RolloutOutcome {
  sent: number;
  /** Requests sent after the signal, on fresh and on reused connections. */
  afterSignal: { fresh: number; reused: number };
  statuses: Record<string, number>;
  /** Connection errors (resets, refusals, timeouts) by code: a lost request each. */
  errors: Record<string, number>;
  /** Answers received after the signal that carried `Connection: close`. */
  closedAfterSignal: number;
  /** Each lost request: its connection, when it was sent and when it failed (ms from the start). */
  lost: { code: string; connection: string; sentAtMs: number; failedAtMs: number }[];
}

const plan = JSON.parse(process.argv[2]!) as RolloutPlan;
const x = new Float32Array(3 * 48 * 192).fill(0.25);
const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: x }]);
const target = new URL('/v2/models/ppocr-cls/infer', plan.url);
// Never more requests than sockets: a request the agent queued would go out late, past the drain delay.
const kept = new http.Agent({ keepAlive: true });

const outcome: RolloutOutcome = { sent: 0, afterSignal: { fresh: 0, reused: 0 }, statuses: {}, errors: {}, closedAfterSignal: 0, lost: [] };
let signalled = false;
const count = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);

let start = performance.now();

function send(agent: http.Agent | false): Promise<void> {
  outcome.sent++;
  const sentAtMs = performance.now() - start;
  return new Promise((resolve) => {
    const lost = (err: NodeJS.ErrnoException) => {
      const code = err.code ?? err.message;
      count(outcome.errors, code);
      const connection = agent === false ? 'one-off' : agent === kept ? (req.reusedSocket ? 'kept-alive, reused' : 'kept-alive, new') : 'new keep-alive';
      outcome.lost.push({ code, connection, sentAtMs, failedAtMs: performance.now() - start });
      resolve();
    };
    const req = http.request(target, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) }, timeout: 15_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        count(outcome.statuses, String(res.statusCode));
        if (signalled && res.headers.connection === 'close') outcome.closedAfterSignal++;
        resolve();
      });
      res.on('error', lost);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })));
    req.on('error', lost);
    req.end(body);
  });
}

// Warm kept-alive connections, idle when the traffic starts.
await Promise.all(Array.from({ length: plan.keepAliveConnections }, () => send(kept)));
outcome.sent = 0;
outcome.statuses = {};

const pending: Promise<void>[] = [];
start = performance.now();
const stopAt = plan.signalAtMs + plan.drainDelayMs - plan.marginMs;
setTimeout(() => {
  process.kill(plan.pid, 'SIGTERM');
  signalled = true;
}, plan.signalAtMs);
let tick = 0;
await new Promise<void>((done) => {
  const step = () => {
    const now = performance.now() - start;
    if (now >= stopAt) return done();
    // Fresh connections alternate between a one-off (`Connection: close`) and a new keep-alive one.
    const fresh = tick++ % 2 === 0 ? false : new http.Agent({ keepAlive: true });
    pending.push(send(kept), send(fresh));
    if (signalled) {
      outcome.afterSignal.reused++;
      outcome.afterSignal.fresh++;
    }
    setTimeout(step, plan.intervalMs);
  };
  step();
});
await Promise.all(pending);
kept.destroy();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
process.exit(0); // the fresh keep-alive connections are the server's to close
