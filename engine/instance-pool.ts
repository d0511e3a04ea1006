// The execution instances of one replica: N worker threads (engine/instance-worker), each with its
// own ONNX Runtime session, one batch at a time each. The model runner asks for a free instance and
// hands it a batch; a worker that dies is reported (onDeath) and never handed work again, and the
// batch it held fails instead of hanging.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../common/errors.js';
import type { InstanceInit, RunMessage, WireInput, WireTensor, WorkerMessage } from './instance-messages.js';
import type { OrtValueMetadata } from './model-signature.js';

export interface InstanceResult {
  outputs: WireTensor[];
  computeMs: number;
}

export interface Instance {
  readonly index: number;
  readonly worker: Worker;
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

export class InstancePool {
  private readonly inFlight = new Map<Instance, InFlight>();
  private readonly deathListeners: ((instance: Instance, reason: string) => void)[] = [];
  private seq = 0;
  private closing = false;

  private constructor(readonly instances: Instance[]) {
    for (const instance of instances) {
      instance.worker.on('message', (msg: WorkerMessage) => this.onMessage(instance, msg));
      instance.worker.on('error', (err) => this.died(instance, `crashed: ${err.message}`));
      instance.worker.on('exit', (code) => this.died(instance, `exited with code ${code}`));
    }
  }

  /** Starts `count` instances of `file` and waits until every session is loaded. */
  static async start(file: string, count: number, intraOpThreads: number): Promise<{ pool: InstancePool; model: LoadedModel }> {
    const script = workerScript();
    const init: InstanceInit = { file, intraOpThreads };
    const workers = Array.from({ length: count }, () => new Worker(script, { workerData: init }));
    // Only our own listeners come off afterwards: Worker keeps internal ones (removeAllListeners
    // would stop its message port).
    const cleanups: (() => void)[] = [];
    const loads = workers.map(
      (worker) =>
        new Promise<LoadedModel>((resolve, reject) => {
          const fail = (why: string) => reject(new InputError(`model ${file}: ONNX Runtime cannot load it (${why})`, { source: file }));
          const onMessage = (msg: WorkerMessage) => {
            if (msg.kind === 'ready') resolve({ inputs: msg.inputs, outputs: msg.outputs, loadMs: msg.loadMs });
            else if (msg.kind === 'load_failed') fail(msg.message);
            else fail(`unexpected first message ${msg.kind}`);
          };
          const onError = (err: Error) => fail(err.message);
          const onExit = (code: number) => fail(`worker exited with code ${code} while loading`);
          worker.once('message', onMessage).once('error', onError).once('exit', onExit);
          cleanups.push(() => worker.off('message', onMessage).off('error', onError).off('exit', onExit));
        }),
    );
    let models: LoadedModel[];
    try {
      models = await Promise.all(loads);
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
    for (const cleanup of cleanups) cleanup();
    const pool = new InstancePool(workers.map((worker, index) => ({ index, worker, busy: false, alive: true })));
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

  /** Runs one batch on `instance` (which must be free); its slabs must not change until this settles. */
  run(instance: Instance, inputs: WireInput[]): Promise<InstanceResult> {
    if (!instance.alive || instance.busy) return Promise.reject(new Error(`instance ${instance.index} is not free`));
    instance.busy = true;
    const seq = ++this.seq;
    return new Promise<InstanceResult>((resolve, reject) => {
      this.inFlight.set(instance, { seq, resolve, reject });
      const msg: RunMessage = { kind: 'run', seq, inputs };
      instance.worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.instances.map((i) => i.worker.terminate()));
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
    if (msg.kind === 'result') job.resolve({ outputs: msg.outputs, computeMs: msg.computeMs });
    else job.reject(new Error(`forward pass failed: ${msg.message}`));
  }

  private died(instance: Instance, reason: string): void {
    if (!instance.alive) return;
    instance.alive = false;
    const job = this.settle(instance);
    if (this.closing) return;
    job?.reject(new Error(`instance ${instance.index} ${reason} during a batch`));
    for (const listener of this.deathListeners) listener(instance, reason);
  }
}
