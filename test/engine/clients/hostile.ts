// Hostile infer requests, generated with fast-check (fixed seeds), sent one by one to a live engine
// from this process: each of the classes below, as JSON and as binary where the class has both.
// The property: every answer is a 4xx with a JSON `error`, within 50 ms. Between requests the
// server's readiness is checked and its resident memory sampled (/proc/PID/status), against the
// idle figure taken after a few valid requests of each kind (a server that has served). Prints a
// summary. Run by test/engine/serve.hostile-requests-get-4xx.test.ts against ppocr-cls
// (x FP32 [N, 3, 48, 192]) with max_batch_size 8.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import fc from 'fast-check';

export interface HostilePlan {
  url: string;
  pid: number;
  runsPerClass: number;
  maxBatchSize: number;
  /** An answer slower than this is sent again, up to twice; slow three times is a failure. */
  deadlineMs: number;
}

export interface HostileOutcome {
  sent: Record<string, { json: number; binary: number }>;
  statuses: Record<string, number>;
  /** Property failures (fast-check's report, with the seed and the shrunk request). */
  failures: string[];
  /** Answers slower than the deadline (each such request is sent again, up to twice). */
  slowOnce: number;
  maxMs: number;
  /** Readiness answers other than 200, checked every 25 requests. */
  unready: number;
  rssBytes: { before: number; max: number };
}

interface Hostile {
  kind: 'json' | 'binary';
  body: Buffer;
  headers: Record<string, string>;
}

const plan = JSON.parse(process.argv[2]!) as HostilePlan;
const ITEM = 3 * 48 * 192;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const infer = new URL('/v2/models/ppocr-cls/infer', plan.url);
const outcome: HostileOutcome = { sent: {}, statuses: {}, failures: [], slowOnce: 0, maxMs: 0, unready: 0, rssBytes: { before: 0, max: 0 } };

function rss(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${plan.pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

function post(url: URL, method: string, body?: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// --- building requests --------------------------------------------------------------------------

/** A binary request: `header` as JSON, then `payload`; the header length may be overridden. */
const binary = (header: unknown, payload: Buffer, headerLength?: number): Hostile => {
  const h = Buffer.from(JSON.stringify(header));
  return {
    kind: 'binary',
    body: Buffer.concat([h, payload]),
    headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(headerLength ?? h.length) },
  };
};
/** JSON text of `count` zeros, spliced in as `data` (JSON.stringify of big arrays is slow). */
const zerosJson = (count: number, last = '0') => (count === 0 ? '[]' : `[${'0,'.repeat(count - 1)}${last}]`);
const jsonWithData = (shape: number[], dataText: string, datatype = 'FP32'): Hostile => ({
  kind: 'json',
  body: Buffer.from(`{"inputs":[{"name":"x","shape":${JSON.stringify(shape)},"datatype":"${datatype}","data":${dataText}}]}`),
  headers: { 'content-type': 'application/json' },
});
const tensor = (rows: number) => Buffer.alloc(rows * ITEM * 4);
const binaryInput = (shape: number[], size: number, over: Record<string, unknown> = {}) => ({ name: 'x', shape, datatype: 'FP32', parameters: { binary_data_size: size }, ...over });

const rows = fc.integer({ min: 1, max: plan.maxBatchSize });
const overCap = fc.oneof(fc.integer({ min: plan.maxBatchSize + 1, max: 1000 }), fc.integer({ min: 1001, max: Number.MAX_SAFE_INTEGER }), fc.constant(1_000_000_000));

// --- the classes --------------------------------------------------------------------------------

const classes: Record<string, fc.Arbitrary<Hostile>> = {
  // The shape's element count against the data (JSON) or binary_data_size (binary).
  'element count vs data': fc.oneof(
    fc.tuple(rows, fc.integer({ min: 0, max: 3000 })).map(([n, count]) => jsonWithData([n, 3, 48, 192], zerosJson(count))),
    fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 64 }), fc.boolean()).map(([n, off, more]) => jsonWithData([n, 3, 48, 192], zerosJson(n * ITEM + (more ? off : -off)))),
  ),
  'element count vs binary_data_size': fc.tuple(rows, fc.integer({ min: 1, max: 4 * ITEM }), fc.boolean()).map(([n, off, more]) => {
    const size = Math.max(0, n * ITEM * 4 + (more ? off : -off));
    return binary({ inputs: [binaryInput([n, 3, 48, 192], size)] }, Buffer.alloc(size));
  }),
  // A batch over max_batch_size, up to absurd, with almost no data behind it.
  'shape over the cap': fc.tuple(overCap, fc.boolean()).map(([n, asJson]) =>
    asJson ? jsonWithData([n, 3, 48, 192], '[0.5]') : binary({ inputs: [binaryInput([n, 3, 48, 192], 4)] }, Buffer.alloc(4)),
  ),
  'wrong datatype': fc
    .tuple(fc.oneof(fc.constantFrom('FP64', 'FP16', 'INT64', 'INT32', 'UINT8', 'BOOL', 'BYTES', 'fp32', 'float32', ''), fc.string({ maxLength: 6 })), fc.boolean())
    .filter(([dt]) => dt !== 'FP32')
    .map(([datatype, asJson]) =>
      asJson ? jsonWithData([1, 3, 48, 192], zerosJson(ITEM), JSON.stringify(datatype).slice(1, -1)) : binary({ inputs: [binaryInput([1, 3, 48, 192], ITEM * 4, { datatype })] }, tensor(1)),
    ),
  // NaN and ±Infinity: 1e999 in JSON (JSON has no NaN), any of the three in binary.
  'NaN or Infinity': fc.tuple(fc.integer({ min: 0, max: ITEM - 1 }), fc.constantFrom(Number.NaN, Infinity, -Infinity), fc.boolean()).map(([at, v, asJson]) => {
    if (asJson) {
      const text = `[${'0,'.repeat(at)}${v < 0 ? '-1e999' : '1e999'}${',0'.repeat(ITEM - 1 - at)}]`;
      return jsonWithData([1, 3, 48, 192], text);
    }
    const t = tensor(1);
    t.writeFloatLE(v, at * 4);
    return binary({ inputs: [binaryInput([1, 3, 48, 192], ITEM * 4)] }, t);
  }),
  // Nested arrays that do not follow the shape: too shallow, too deep, ragged, or a JSON nesting bomb.
  'wrong nesting depth': fc.oneof(
    fc.constant(jsonWithData([1, 3, 48, 192], `[${zerosJson(ITEM)}]`)),
    fc.constant(jsonWithData([1, 3, 48, 192], `[[${Array.from({ length: 3 }, () => zerosJson(48 * 192)).join(',')}]]`)),
    fc.integer({ min: 5, max: 60 }).map((depth) => jsonWithData([1, 3, 48, 192], `${'['.repeat(depth)}0${']'.repeat(depth)}`)),
    fc.integer({ min: 65, max: 200_000 }).map((depth) => jsonWithData([1, 3, 48, 192], `${'['.repeat(depth)}0${']'.repeat(depth)}`)),
    fc.integer({ min: 0, max: 2 }).map((level) => {
      // one level one entry short: ragged
      const row = zerosJson(192);
      const plane = (n: number) => `[${Array.from({ length: n }, () => row).join(',')}]`;
      const item = (planes: number, lines: number) => `[${Array.from({ length: planes }, () => plane(lines)).join(',')}]`;
      return jsonWithData([1, 3, 48, 192], level === 0 ? `[${item(2, 48)}]` : level === 1 ? `[${item(3, 47)}]` : `[${item(3, 48)},[]]`);
    }),
  ),
  'duplicate input names': fc.tuple(fc.boolean(), fc.integer({ min: 2, max: 3 })).map(([asJson, copies]) =>
    asJson
      ? { kind: 'json' as const, body: Buffer.from(`{"inputs":[${Array.from({ length: copies }, () => `{"name":"x","shape":[1,3,48,192],"datatype":"FP32","data":${zerosJson(ITEM)}}`).join(',')}]}`), headers: {} }
      : binary({ inputs: Array.from({ length: copies }, () => binaryInput([1, 3, 48, 192], ITEM * 4)) }, tensor(copies)),
  ),
  // binary_data_size that disagrees with the body: truncated, extra bytes, or a wrong header length.
  'binary_data_size vs body': fc.oneof(
    fc.integer({ min: 1, max: ITEM * 4 }).map((cut) => binary({ inputs: [binaryInput([1, 3, 48, 192], ITEM * 4)] }, tensor(1).subarray(cut))),
    fc.integer({ min: 1, max: 5000 }).map((extra) => binary({ inputs: [binaryInput([1, 3, 48, 192], ITEM * 4)] }, Buffer.alloc(ITEM * 4 + extra))),
    fc.integer({ min: 1, max: 400 }).map((delta) => {
      const header = { inputs: [binaryInput([1, 3, 48, 192], ITEM * 4)] };
      return binary(header, tensor(1), Buffer.byteLength(JSON.stringify(header)) + delta);
    }),
  ),
};

// --- sending them -------------------------------------------------------------------------------

let sentSinceCheck = 0;
let lastFailure = '';

async function check(h: Hostile): Promise<boolean> {
  let r = await post(infer, 'POST', h.body, h.headers);
  // A scheduling hiccup on a shared machine is not the request's doing: a slow rejection is slow every time.
  for (let retry = 0; retry < 2 && r.ms > plan.deadlineMs; retry++) {
    outcome.slowOnce++;
    r = await post(infer, 'POST', h.body, h.headers);
  }
  outcome.maxMs = Math.max(outcome.maxMs, r.ms);
  outcome.statuses[r.status] = (outcome.statuses[r.status] ?? 0) + 1;
  if (++sentSinceCheck >= 25) {
    sentSinceCheck = 0;
    if ((await post(new URL('/v2/health/ready', plan.url), 'GET')).status !== 200) outcome.unready++;
    outcome.rssBytes.max = Math.max(outcome.rssBytes.max, rss());
  }
  let error: unknown;
  try {
    error = (JSON.parse(r.text) as { error?: unknown }).error;
  } catch {
    error = undefined;
  }
  if (r.status < 400 || r.status >= 500 || !r.type.includes('application/json') || typeof error !== 'string' || r.ms > plan.deadlineMs) {
    lastFailure = `a ${h.kind} request of ${h.body.length} bytes starting ${JSON.stringify(h.body.toString('latin1', 0, 120))} got ${r.status} in ${r.ms.toFixed(1)} ms (${r.type}): ${r.text.slice(0, 200)}`;
    throw new Error(lastFailure);
  }
  return true;
}

// Warm: valid requests of each kind and of the sizes sent below (one and two items), then the
// idle figure: a server that has served, its garbage-collected heap grown to its working size.
for (let i = 0; i < 10; i++) {
  for (const n of [1, 2]) {
    const valid = [jsonWithData([n, 3, 48, 192], zerosJson(n * ITEM, '0.5')), binary({ inputs: [binaryInput([n, 3, 48, 192], n * ITEM * 4)] }, tensor(n))];
    for (const v of valid) {
      const r = await post(infer, 'POST', v.body, v.headers);
      if (r.status !== 200) throw new Error(`a valid ${v.kind} request got ${r.status}: ${r.text}`);
    }
  }
}
outcome.rssBytes.before = rss();

let seed = 20251207;
for (const [name, arbitrary] of Object.entries(classes)) {
  const counted = (outcome.sent[name] = { json: 0, binary: 0 });
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (h) => {
        counted[h.kind]++;
        return check(h);
      }),
      { seed: seed++, numRuns: plan.runsPerClass, endOnFailure: true },
    );
  } catch (err) {
    outcome.failures.push(`${name} (seed ${seed - 1}): ${lastFailure || (err as Error).message.slice(0, 500)}`);
  }
}
outcome.rssBytes.max = Math.max(outcome.rssBytes.max, rss());
agent.destroy();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
