// The execution instances of one replica: N worker threads (engine/instance-worker), each with its
// own ONNX Runtime session, one batch at a time each. The model runner asks for a free instance and
// hands it a batch. A worker that dies (exits, or throws) is reported (onDeath), the batch it held
// fails at once instead of hanging, and a new worker takes its place after a backoff (onRestart):
// 100 ms, doubling up to 10 s while replacements keep dying young.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, errorMessage } from '../common/errors.js';
import { FAULTS_ENV, faultSchedule, type FaultSchedule } from './fault-injection.js';
import type { InstanceInit, RunMessage, WireInput, WireTensor, WorkerMessage } from './instance-messages.js';
import type { OrtValueMetadata } from './model-signature.js';

export interface InstanceResult {
  outputs: WireTensor[];
  computeMs: number;
  /** How long the worker was idle between its previous forward pass and this one, ms; −1 for its first (absent from fakes). */
  idleMs?: number;
  /** The batch's input buffers that were transferred to the worker, given back (absent from fakes that kept them). */
  returned?: ArrayBuffer[];
}

/** An execution slot: its worker is replaced when it dies, the slot (and its index) stays. */
export interface Instance {
  readonly index: number;
  worker: Worker;
  busy: boolean;
  alive: boolean;
}

export interface LoadedModel {
  inputs: OrtValueMetadata[];
  outputs: OrtValueMetadata[];
  /** Slowest instance's session creation, ms (the cold start a replica pays). */
  loadMs: number;
}

interface InFlight {
  seq: number;
  resolve(result: InstanceResult): void;
  reject(err: Error): void;
}

/** Delay before the first restart of a slot; it doubles while replacements keep dying young. */
const RESTART_BASE_MS = 100;
const RESTART_MAX_MS = 10_000;
/** A worker that ran this long died of something else than its start: the next restart is quick again. */
const STABLE_MS = 10_000;

interface Restarts {
  /** Restarts in a row of workers that died young. */
  attempt: number;
  liveSince: number;
  timer?: NodeJS.Timeout;
}

/**
 * The compiled worker script. Under vitest this module runs from engine/*.ts while the worker must
 * be the compiled dist/engine/instance-worker.js; from dist/ it is the sibling file.
 */
export function workerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts')
    ? path.join(path.dirname(here), '..', 'dist', 'engine', 'instance-worker.js')
    : path.join(path.dirname(here), 'instance-worker.js');
  if (!existsSync(file)) throw new Error(`the instance worker ${file} is missing; run \`npm run build\` first`);
  return new URL(`file://${file}`);
}

/** Resolves with the model's metadata once `worker` has loaded its session; rejects if it cannot. */
function loaded(worker: Worker, file: string): Promise<LoadedModel> {
  return new Promise<LoadedModel>((resolve, reject) => {
    // Only our own listeners come off afterwards: Worker keeps internal ones (removeAllListeners
    // would stop its message port).
    const done = () => worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    const fail = (why: string) => {
      done();
      reject(new InputError(`model ${file}: ONNX Runtime cannot load it (${why})`, { source: file }));
    };
    const onMessage = (msg: WorkerMessage) => {
      if (msg.kind === 'ready') {
        done();
        resolve({ inputs: msg.inputs, outputs: msg.outputs, loadMs: msg.loadMs });
      } else if (msg.kind === 'load_failed') fail(msg.message);
      else fail(`unexpected first message ${msg.kind}`);
    };
    const onError = (err: Error) => fail(err.message);
    const onExit = (code: number) => fail(`worker exited with code ${code} while loading`);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

export class InstancePool {
  private readonly inFlight = new Map<Instance, InFlight>();
  private readonly deathListeners: ((instance: Instance, reason: string) => void)[] = [];
  private readonly restartListeners: ((instance: Instance, failure?: string) => void)[] = [];
  private readonly restarts = new Map<Instance, Restarts>();
  /** Workers being started as replacements (terminated too if the pool closes meanwhile). */
  private readonly starting = new Set<Worker>();
  private readonly faults: FaultSchedule;
  private seq = 0;
  private closing = false;
  /** True while the latest attempt to start a replacement failed: the model no longer loads. */
  failing = false;

  private constructor(
    readonly instances: Instance[],
    private readonly script: URL,
    private readonly init: InstanceInit,
  ) {
    this.faults = faultSchedule(process.env[FAULTS_ENV]);
    for (const instance of instances) {
      this.restarts.set(instance, { attempt: 0, liveSince: performance.now() });
      this.watch(instance);
    }
  }

  /** Starts `count` instances of `file` and waits until every session is loaded. */
  static async start(file: string, count: number, intraOpThreads: number): Promise<{ pool: InstancePool; model: LoadedModel }> {
    const script = workerScript();
    const init: InstanceInit = { file, intraOpThreads };
    faultSchedule(process.env[FAULTS_ENV]); // a malformed test hook is reported before any worker starts
    const workers = Array.from({ length: count }, () => new Worker(script, { workerData: init }));
    let models: LoadedModel[];
    try {
      models = await Promise.all(workers.map((w) => loaded(w, file)));
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
    const pool = new InstancePool(
      workers.map((worker, index) => ({ index, worker, busy: false, alive: true })),
      script,
      init,
    );
    return { pool, model: { ...models[0]!, loadMs: Math.max(...models.map((m) => m.loadMs)) } };
  }

  get size(): number {
    return this.instances.length;
  }

  get alive(): number {
    return this.instances.filter((i) => i.alive).length;
  }

  get busy(): number {
    return this.instances.filter((i) => i.busy).length;
  }

  /** A live instance with nothing to do, if any. */
  free(): Instance | undefined {
    return this.instances.find((i) => i.alive && !i.busy);
  }

  onDeath(listener: (instance: Instance, reason: string) => void): void {
    this.deathListeners.push(listener);
  }

  /** Called when a replacement worker is serving in a slot, or (with `failure`) could not be started. */
  onRestart(listener: (instance: Instance, failure?: string) => void): void {
    this.restartListeners.push(listener);
  }

  /**
   * Runs one batch on `instance` (which must be free). Inputs in ArrayBuffers are transferred to
   * the worker (detached here) and come back in the result's `returned`; a SharedArrayBuffer input
   * is shared, and must not change until this settles.
   */
  run(instance: Instance, inputs: WireInput[]): Promise<InstanceResult> {
    if (!instance.alive || instance.busy) return Promise.reject(new Error(`instance ${instance.index} is not free`));
    instance.busy = true;
    const seq = ++this.seq;
    return new Promise<InstanceResult>((resolve, reject) => {
      this.inFlight.set(instance, { seq, resolve, reject });
      const msg: RunMessage = { kind: 'run', seq, inputs, fault: this.faults(seq) };
      const transfer = inputs.flatMap((i) => (i.slab instanceof ArrayBuffer ? [i.slab] : []));
      instance.worker.postMessage(msg, transfer);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const r of this.restarts.values()) clearTimeout(r.timer);
    await Promise.all([...this.instances.map((i) => i.worker.terminate()), ...[...this.starting].map((w) => w.terminate())]);
  }

  private watch(instance: Instance): void {
    const worker = instance.worker;
    worker.on('message', (msg: WorkerMessage) => this.onMessage(instance, msg));
    worker.on('error', (err) => this.died(instance, worker, `threw: ${err.message}`));
    worker.on('exit', (code) => this.died(instance, worker, `exited with code ${code}`));
  }

  private settle(instance: Instance): InFlight | undefined {
    const job = this.inFlight.get(instance);
    this.inFlight.delete(instance);
    instance.busy = false;
    return job;
  }

  private onMessage(instance: Instance, msg: WorkerMessage): void {
    if (msg.kind !== 'result' && msg.kind !== 'run_failed') return;
    const job = this.inFlight.get(instance);
    if (!job || job.seq !== msg.seq) return;
    this.settle(instance);
    if (msg.kind === 'result') job.resolve({ outputs: msg.outputs, computeMs: msg.computeMs, idleMs: msg.idleMs, returned: msg.returned });
    else job.reject(new Error(`forward pass failed: ${msg.message}`));
  }

  private died(instance: Instance, worker: Worker, reason: string): void {
    // A worker that throws emits 'error' and then 'exit': one death. A replaced worker's late events are not the slot's.
    if (instance.worker !== worker || !instance.alive) return;
    instance.alive = false;
    const job = this.settle(instance);
    if (this.closing) return;
    job?.reject(new Error(`instance ${instance.index} ${reason} during a batch`));
    for (const listener of this.deathListeners) listener(instance, reason);
    this.scheduleRestart(instance);
  }

  private scheduleRestart(instance: Instance): void {
    const r = this.restarts.get(instance)!;
    if (performance.now() - r.liveSince >= STABLE_MS) r.attempt = 0;
    const delay = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** r.attempt);
    r.attempt++;
    r.timer = setTimeout(() => void this.restart(instance, r), delay);
  }

  private async restart(instance: Instance, r: Restarts): Promise<void> {
    if (this.closing) return;
    const worker = new Worker(this.script, { workerData: this.init });
    this.starting.add(worker);
    try {
      await loaded(worker, this.init.file);
    } catch (err) {
      this.starting.delete(worker);
      if (this.closing) return;
      void worker.terminate();
      this.failing = true;
      r.liveSince = performance.now();
      for (const listener of this.restartListeners) listener(instance, errorMessage(err));
      this.scheduleRestart(instance);
      return;
    }
    this.starting.delete(worker);
    if (this.closing) {
      await worker.terminate();
      return;
    }
    this.failing = false;
    r.liveSince = performance.now();
    instance.worker = worker;
    instance.busy = false;
    instance.alive = true;
    this.watch(instance);
    for (const listener of this.restartListeners) listener(instance);
  }
}
