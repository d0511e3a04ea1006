// Runs jobs on the simulation worker (worker/simulate-worker.ts), newest first. The worker is
// started from a blob URL of its own source, which the bundle carries (bundle.mjs), so the page runs
// the same whether served over HTTP or opened from a file. One job runs at a time; a change while
// one runs waits, replacing any change waiting before it, so a slow drag shows a result every run.
// The running job is cancelled when it is long (a short one is worth finishing: its worker stays
// warm, its result shows), once its first run has answered (the rest, other seeds for the spread,
// are worth less than the next answer), and when the reader lets go of a control (`expedite`): the
// answer to where the slider stopped starts at once. Cancelling stops the run through a shared memory cell
// where the page may share memory (served with cross-origin isolation: the worker stays warm),
// else by ending the worker: a spare one, already warmed up, takes over.
import type { FromWorker, Job, ToWorker } from '../worker/messages.js';

/** The worker bundle's source, put here by bundle.mjs. */
declare const __SERVETWIN_WORKER_SOURCE__: string;

/** A run expected to send more requests than this is cancelled by the next change rather than awaited (~0.2 s of simulation). */
const AWAIT_AT_MOST_REQUESTS = 250_000;
/** A run going on longer than this is cancelled by the next change, whatever its size. */
const AWAIT_AT_MOST_MS = 400;

export interface RunnerEvents {
  progress(message: Extract<FromWorker, { type: 'progress' }>): void;
  result(message: Extract<FromWorker, { type: 'result' }>): void;
  /** A level of a knee search, and its outcome. */
  knee(message: Extract<FromWorker, { type: 'probe' } | { type: 'knee' }>): void;
  error(id: number, message: string): void;
}

interface Running {
  job: Job;
  /** Requests its first run sends. */
  expectedRequests: number;
  startedAt: number;
  /** Its first run has answered. */
  answered: boolean;
  /** Asked to stop (through the shared cell); its answer is awaited. */
  cancelled: boolean;
}

export class Runner {
  private readonly url: string;
  /** Where the page writes the newest cancelled job's id, when memory may be shared. */
  private readonly cell: SharedArrayBuffer | null = globalThis.crossOriginIsolated ? new SharedArrayBuffer(4) : null;
  private worker: Worker;
  private spare: Worker | null = null;
  private running: Running | null = null;
  private waiting: { job: Job; expectedRequests: number } | null = null;
  /** A small job each new worker runs first, to compile the simulator before it matters. */
  private warmJob: Job | null = null;

  constructor(private readonly events: RunnerEvents) {
    this.url = URL.createObjectURL(new Blob([__SERVETWIN_WORKER_SOURCE__], { type: 'text/javascript' }));
    this.worker = this.start();
  }

  /** Sets the warm-up job of workers started from now on, and starts the spare without a shared cell (only it needs one). */
  setWarmJob(job: Job): void {
    this.warmJob = job;
    if (this.cell === null) this.spare ??= this.start();
  }

  submit(job: Job, expectedRequests: number): void {
    const r = this.running;
    if (r === null) return this.send(job, expectedRequests);
    this.waiting = { job, expectedRequests };
    if (r.answered || r.expectedRequests > AWAIT_AT_MOST_REQUESTS || performance.now() - r.startedAt > AWAIT_AT_MOST_MS) this.stopRunning();
  }

  /** The reader let go of a control: the job waiting for it starts now, the one running is cancelled. */
  expedite(): void {
    if (this.waiting !== null && this.running !== null) this.stopRunning();
  }

  /** Drops the waiting job and stops the running one (the settings on screen no longer ask for them). */
  cancel(): void {
    this.waiting = null;
    if (this.running !== null) this.stopRunning();
  }

  private start(): Worker {
    const w = new Worker(this.url, { name: 'servetwin-simulator' });
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(w, e.data);
    // An error the worker did not catch (it failed to start, ran out of memory): the job it ran fails with it.
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      if (w !== this.worker) return;
      const id = this.running?.job.id ?? -1;
      this.replaceWorker();
      this.events.error(id, e.message || 'the simulation worker stopped');
      this.next();
    };
    if (this.cell !== null) w.postMessage({ type: 'cancel', cell: this.cell } satisfies ToWorker);
    if (this.warmJob) w.postMessage({ type: 'warm', job: this.warmJob } satisfies ToWorker);
    return w;
  }

  private stopRunning(): void {
    const r = this.running!;
    if (this.cell !== null) {
      if (!r.cancelled) Atomics.store(new Int32Array(this.cell), 0, r.job.id);
      r.cancelled = true;
      return; // its 'cancelled' (or, if it was just ending, 'done') answer starts the next job
    }
    this.replaceWorker();
    this.next();
  }

  private replaceWorker(): void {
    this.worker.terminate();
    this.running = null;
    this.worker = this.spare ?? this.start();
    this.spare = this.warmJob && this.cell === null ? this.start() : null;
  }

  private send(job: Job, expectedRequests: number): void {
    this.running = { job, expectedRequests, startedAt: performance.now(), answered: false, cancelled: false };
    this.worker.postMessage({ type: 'run', job } satisfies ToWorker);
  }

  private receive(from: Worker, message: FromWorker): void {
    if (from !== this.worker || message.id !== this.running?.job.id) return;
    if (message.type === 'progress') {
      // Figures of a run that a waiting change will replace are not worth drawing.
      if (this.waiting === null) this.events.progress(message);
      return;
    }
    if (message.type === 'probe' || message.type === 'knee') {
      // A search is worth less than the next change's answer: it is cancelled by it.
      this.running.answered = true;
      this.events.knee(message);
      if (this.waiting !== null && !this.running.cancelled) this.stopRunning();
      return;
    }
    if (message.type === 'result') {
      this.running.answered = true;
      this.events.result(message);
      // The rest of the job only adds seeds to a spread: the next change's answer comes first.
      if (this.waiting !== null && !this.running.cancelled) this.stopRunning();
      return;
    }
    this.running = null;
    if (message.type === 'error') this.events.error(message.id, message.message);
    this.next();
  }

  private next(): void {
    const w = this.waiting;
    this.waiting = null;
    if (w) this.send(w.job, w.expectedRequests);
  }
}
