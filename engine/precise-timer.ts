// A one-shot timer with sub-millisecond resolution, for the batcher's max_queue_delay_ms and
// queue timeouts. Triton honours delays in microseconds; Node's setTimeout has millisecond
// resolution (measured here: setTimeout(1) fires after 1.15 ms at the median, 3.1 ms at p99), so a
// 0.1 ms delay would hold batches ten times too long. A clock thread sleeps in Atomics.wait until
// the deadline (no CPU while waiting, woken early when re-armed) and posts back when it is due;
// the message wakes the event loop within ~0.1 ms. Used by engine/model-runner.ts, one per runner.
// The thread is unref'd: an armed timer does not keep the process alive.
import { Worker } from 'node:worker_threads';

const CLOCK_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const deadline = new Float64Array(workerData.deadline);
const generation = new Int32Array(workerData.generation);
const now = () => Number(process.hrtime.bigint()) / 1e6;
let fired = -1;
for (;;) {
  const gen = Atomics.load(generation, 0);
  if (gen < 0) break;
  const at = deadline[0];
  if (gen === fired || at === Infinity) {
    Atomics.wait(generation, 0, gen);
    continue;
  }
  const wait = at - now();
  if (wait > 0.02) {
    Atomics.wait(generation, 0, gen, wait);
    continue;
  }
  fired = gen;
  parentPort.postMessage(gen);
}
`;

/** CLOCK_MONOTONIC in ms: the same on every thread, unlike performance.now(). */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export class PreciseTimer {
  private readonly worker: Worker;
  private readonly deadline: Float64Array;
  private readonly generation: Int32Array;
  private armed = false;
  /** The arming count the clock thread sees; kept below 2^30 so it never reads as the stop value (-1). */
  private gen = 0;

  /** Resolves when the clock thread runs (an arming before then fires once it does). */
  readonly online: Promise<void>;

  constructor(private readonly onFire: () => void) {
    const deadline = new SharedArrayBuffer(8);
    const generation = new SharedArrayBuffer(4);
    this.deadline = new Float64Array(deadline).fill(Number.POSITIVE_INFINITY);
    this.generation = new Int32Array(generation);
    this.worker = new Worker(CLOCK_SOURCE, { eval: true, workerData: { deadline, generation } });
    this.worker.unref();
    this.online = new Promise((resolve) => this.worker.once('online', () => resolve()));
    this.worker.on('message', (gen: number) => {
      // A fire for an earlier arming (re-armed or cancelled since) is stale.
      if (!this.armed || gen !== this.gen) return;
      this.armed = false;
      this.onFire();
    });
  }

  /** Fires once, `inMs` from now (replacing any earlier arming). */
  arm(inMs: number): void {
    this.armed = true;
    this.set(monotonicMs() + Math.max(0, inMs));
  }

  cancel(): void {
    this.armed = false;
    this.set(Number.POSITIVE_INFINITY);
  }

  /** Stops the clock thread; the timer cannot be armed again. */
  close(): Promise<number> {
    this.armed = false;
    Atomics.store(this.generation, 0, -1);
    Atomics.notify(this.generation, 0);
    return this.worker.terminate();
  }

  private set(at: number): void {
    this.deadline[0] = at;
    this.gen = (this.gen + 1) & 0x3fffffff;
    Atomics.store(this.generation, 0, this.gen);
    Atomics.notify(this.generation, 0);
  }
}
