// A client of an engine whose instances are made to fail (SERVETWIN_INJECT_FAULTS, set on the
// server): sends one request at a time while probing readiness and liveness every 10 ms; after an
// answer of 500 it sends one more request at once (what a client meets during the outage) and
// waits for readiness to come back; at the end it waits for every instance to be up again and reads
// the restart counter. Prints what it saw. Run by test/engine/serve.failing-instance-heals.test.ts.
import http from 'node:http';
import { encodeBinaryRequest } from '../../../engine/protocol/client.js';

export interface HealPlan {
  url: string;
  requests: number;
  instances: number;
}

interface Answer {
  status: number;
  ms: number;
  error?: string;
  retryAfter?: string;
}

export interface HealOutcome {
  answers: Answer[];
  /** The request sent right after each 500. */
  duringOutage: Answer[];
  /** Readiness and liveness probe answers by status. */
  ready: Record<string, number>;
  live: Record<string, number>;
  /** From each 500 until readiness was 200 again, ms. */
  healedInMs: number[];
  metrics: { restarts: number; alive: number; internal: number };
}

const plan = JSON.parse(process.argv[2]!) as HealPlan;
const agent = new http.Agent({ keepAlive: true });
const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: new Float32Array(3 * 48 * 192).fill(0.5) }]);

function call(path: string, method = 'GET', payload?: Buffer): Promise<Answer & { text: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, plan.url), { method, agent, headers: payload ? { ...headers, 'content-length': String(payload.length) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const answer: Answer & { text: string } = { status: res.statusCode ?? 0, ms: performance.now() - t0, text };
        if (res.statusCode !== 200) answer.error = (JSON.parse(text) as { error?: string }).error;
        if (res.headers['retry-after'] !== undefined) answer.retryAfter = String(res.headers['retry-after']);
        resolve(answer);
      });
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path} hung`)));
    req.on('error', reject);
    req.end(payload);
  });
}

const infer = async (): Promise<Answer> => {
  const { text: _text, ...answer } = await call('/v2/models/ppocr-cls/infer', 'POST', body);
  return answer;
};

const metric = (text: string, name: string, labels = '') => {
  const line = text.split('\n').find((l) => l.startsWith(name) && l.includes(labels));
  return line === undefined ? Number.NaN : Number(line.split(' ').pop());
};

const outcome: HealOutcome = { answers: [], duringOutage: [], ready: {}, live: {}, healedInMs: [], metrics: { restarts: 0, alive: 0, internal: 0 } };
const count = (table: Record<string, number>, status: number) => (table[status] = (table[status] ?? 0) + 1);

let probing = true;
let readyNow = 200;
const probes = (async () => {
  while (probing) {
    const [ready, live] = await Promise.all([call('/v2/health/ready'), call('/v2/health/live')]);
    readyNow = ready.status;
    count(outcome.ready, ready.status);
    count(outcome.live, live.status);
    await new Promise((r) => setTimeout(r, 10));
  }
})();

for (let i = 0; i < plan.requests; i++) {
  const answer = await infer();
  outcome.answers.push(answer);
  if (answer.status !== 500) continue;
  const failedAt = performance.now();
  outcome.duringOutage.push(await infer());
  // Readiness may not have noticed yet: give the probe two rounds, then wait for 200.
  await new Promise((r) => setTimeout(r, 50));
  while (readyNow !== 200) await new Promise((r) => setTimeout(r, 5));
  outcome.healedInMs.push(performance.now() - failedAt);
}

const deadline = performance.now() + 15_000;
for (;;) {
  const text = (await call('/metrics')).text;
  outcome.metrics = {
    restarts: metric(text, 'servetwin_instance_restarts_total'),
    alive: metric(text, 'servetwin_instances_alive'),
    internal: metric(text, 'nv_inference_request_failure', 'reason="internal"'),
  };
  if (outcome.metrics.alive === plan.instances || performance.now() > deadline) break;
  await new Promise((r) => setTimeout(r, 50));
}
probing = false;
await probes;
agent.destroy();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
