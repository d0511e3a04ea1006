// The clock of the open-loop generator (replay/sender.ts): a worker thread that sleeps in
// Atomics.wait until the next send time (sub-ms wake-ups, no CPU while waiting) and posts
// "everything before index j is due" to the sending thread. Node's own timers fire up to ~1 ms
// late, a third of this model's latency; polling with setImmediate would be on time but burns a
// core the server under test needs. Both threads read CLOCK_MONOTONIC, which they share.
import { Worker } from 'node:worker_threads';

const TICKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const times = workerData.times;
const lock = new Int32Array(new SharedArrayBuffer(4));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const start = now() + workerData.startDelayMs;
parentPort.postMessage({ kind: 'start', atMs: start });
let i = 0;
while (i < times.length) {
  const wait = start + times[i] - now();
  if (wait > 0.02) {
    Atomics.wait(lock, 0, 0, wait);
    continue;
  }
  const t = now() - start;
  let j = i + 1;
  while (j < times.length && times[j] <= t) j++;
  parentPort.postMessage({ kind: 'due', dueBefore: j });
  i = j;
}
`;

export type TickerMessage = { kind: 'start'; atMs: number } | { kind: 'due'; dueBefore: number };

export function startTicker(timesMs: Float64Array, startDelayMs: number): Worker {
  return new Worker(TICKER_SOURCE, { eval: true, workerData: { times: timesMs, startDelayMs } });
}

/** CLOCK_MONOTONIC in ms: the same clock on every thread, unlike performance.now(). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

