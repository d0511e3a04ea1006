// The load generator of the engine bench, a process of its own (`node dist/bench/engine-client.js`,
// started by bench/engine.ts under `taskset -c` on the generator's core in the pinned mode). Per
// request over IPC it offers one open-loop step — requests of `rows` items, binary or JSON, at a
// fixed rate, every request sent at its time whether or not earlier ones came back (replay/sender.ts)
// — and answers what the engine completed in the measured window, what that cost the engine's
// threads (from /proc: its HTTP thread and the rest, per item), and whether this generator reached
// the offered rate: a step it could not send measures the generator, and says so.
import { readdirSync, readFileSync } from 'node:fs';
import { encodeBinaryRequest, encodeJsonRequest } from '../engine/protocol/client.js';
import { sendOpenLoop, type Payload } from '../replay/sender.js';

export interface StepRequest {
  /** The infer URL. */
  url: string;
  /** The engine's process id, for its threads' CPU in /proc. */
  serverPid: number;
  rows: number;
  payload: 'binary' | 'json';
  rateRps: number;
  warmupMs: number;
  durationMs: number;
}

export interface StepResult {
  offeredRps: number;
  /** Items answered 200 within the measured window, per second. */
  itemsPerS: number;
  /** Items the engine ran in its batches during the window (from /metrics), per second. */
  engineItemsPerS: number;
  meanBatch: number;
  /** The engine's CPU per item run in the window, ms: its HTTP (main) thread, and its other threads (instance workers, GC). */
  httpMsPerItem: number;
  otherMsPerItem: number;
  /** This generator's CPU per item answered, ms. */
  clientMsPerItem: number;
  /** Share of the window this generator's process was on a CPU (1 = a whole core). */
  clientBusy: number;
  statuses: Record<string, number>;
  /** Actual − scheduled send time of the measured requests, ms. */
  lagP99Ms: number;
  lagMaxMs: number;
  /** Requests scheduled in the measured window, and how many of them went out within it. */
  scheduled: number;
  sentInWindow: number;
  /** True when the generator reached the offered rate: at least 98 % of the window's requests went out within it. */
  keptSchedule: boolean;
}

const ITEM_DIMS = [3, 48, 192];
const ITEM_FLOATS = 3 * 48 * 192;
const payloads = new Map<string, Payload>();

function payloadOf(rows: number, kind: 'binary' | 'json'): Payload {
  const key = `${rows}/${kind}`;
  let p = payloads.get(key);
  if (!p) {
    const x = new Float32Array(rows * ITEM_FLOATS);
    for (let i = 0; i < x.length; i++) x[i] = ((i * 7919) % 1000) / 1000;
    const tensor = [{ name: 'x', datatype: 'FP32' as const, shape: [rows, ...ITEM_DIMS], data: x }];
    p = kind === 'json' ? encodeJsonRequest(tensor) : encodeBinaryRequest(tensor);
    payloads.set(key, p);
  }
  return p;
}

/** CPU seconds of a process's main thread and of all its other threads (Linux /proc). */
function threadCpuS(pid: number): { main: number; other: number } {
  let main = 0;
  let other = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, USER_HZ ticks
    if (Number(tid) === pid) main += seconds;
    else other += seconds;
  }
  return { main, other };
}

async function batchStats(url: string): Promise<{ batches: number; items: number }> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const pick = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { batches: pick('servetwin_batch_size_count'), items: pick('servetwin_batch_size_sum') };
}

async function step(req: StepRequest): Promise<StepResult> {
  const payload = payloadOf(req.rows, req.payload);
  const intervalMs = 1000 / req.rateRps;
  const count = Math.max(1, Math.floor((req.warmupMs + req.durationMs) / intervalMs));
  const timesMs = Float64Array.from({ length: count }, (_, i) => i * intervalMs);
  const endMs = req.warmupMs + req.durationMs;
  let start: Promise<{ cpu: ReturnType<typeof threadCpuS>; own: NodeJS.CpuUsage; at: number; stats: { batches: number; items: number } }> | undefined;
  let end: typeof start;
  const snapshot = async () => {
    const stats = await batchStats(req.url);
    return { cpu: threadCpuS(req.serverPid), own: process.cpuUsage(), at: performance.now(), stats };
  };
  const report = await sendOpenLoop({
    urls: [new URL(req.url)],
    schedule: { timesMs, items: new Int32Array(count).fill(req.rows), warmupMs: req.warmupMs, durationMs: endMs },
    payload: () => payload,
    timeoutMs: 30_000,
    onWarmupEnd: () => {
      start = snapshot();
      setTimeout(() => (end = snapshot()), req.durationMs);
    },
  });
  const a = await start!;
  const b = await (end ?? snapshot());
  const seconds = (b.at - a.at) / 1000;
  const engineItems = b.stats.items - a.stats.items;
  let ok = 0;
  let scheduled = 0;
  let sentInWindow = 0;
  const { doneMs, status, sentMs } = report.records;
  for (let i = 0; i < count; i++) {
    if (status[i] === 200 && doneMs[i]! >= req.warmupMs && doneMs[i]! <= endMs) ok++;
    if (timesMs[i]! >= req.warmupMs) {
      scheduled++;
      if (sentMs[i]! >= 0 && sentMs[i]! <= endMs) sentInWindow++;
    }
  }
  const items = ok * req.rows;
  const ownS = (b.own.user - a.own.user + b.own.system - a.own.system) / 1e6;
  const clientBusy = ownS / seconds;
  return {
    offeredRps: req.rateRps,
    itemsPerS: items / (req.durationMs / 1000),
    engineItemsPerS: engineItems / seconds,
    meanBatch: engineItems / (b.stats.batches - a.stats.batches),
    httpMsPerItem: ((b.cpu.main - a.cpu.main) * 1000) / engineItems,
    otherMsPerItem: ((b.cpu.other - a.cpu.other) * 1000) / engineItems,
    clientMsPerItem: (ownS * 1000) / Math.max(1, items),
    clientBusy,
    statuses: report.statuses,
    lagP99Ms: report.lagMs.p99,
    lagMaxMs: report.lagMs.max,
    scheduled,
    sentInWindow,
    // Throughput needs the rate, not punctuality: a generator delayed now and then by a neighbour
    // on its core still offers the rate if it catches up within the window.
    keptSchedule: sentInWindow >= 0.98 * scheduled,
  };
}

process.on('message', (msg: StepRequest | 'close') => {
  if (msg === 'close') process.exit(0);
  step(msg).then(
    (r) => process.send!(r),
    (err: Error) => process.send!({ error: err.stack ?? err.message }),
  );
});
process.send!('ready');
