// One replica of a model: the shared DynamicBatcher policy (policies/batcher) driven by the
// real clock, and the instances that run its batches (engine/instance-pool). It queues decoded
// requests, concatenates the requests of a batch along the batch dimension into one tensor per
// input, runs it on a free instance and splits the outputs back to each request by its rows.
// Timing: one precise timer (engine/precise-timer.ts, sub-millisecond, as Triton's microsecond
// delays need) for the batcher's nextWake(); every arrival and instance release re-pumps.
import type { Batching } from '../config/batching.js';
import { DynamicBatcher } from '../policies/batcher.js';
import { ServeError, badRequest } from './errors.js';
import type { Instance, InstancePool, InstanceResult } from './instance-pool.js';
import type { WireInput } from './instance-messages.js';
import type { ModelMetrics } from './metrics.js';
import type { ModelSignature } from './model-signature.js';
import { PreciseTimer } from './precise-timer.js';

export interface RunnerRequest {
  items: number;
  /** Raw little-endian bytes per model input, in signature order. */
  inputs: Uint8Array[];
}

export interface RunnerResult {
  /** This request's rows of each model output, in signature order. */
  outputs: { shape: number[]; bytes: Uint8Array }[];
  /** From entering the batcher to the batch's dispatch. */
  queueMs: number;
  /** From dispatch until the main thread had the batch's result: copy in, worker round trip, forward pass. */
  instanceMs: number;
  /** The forward pass alone, timed in the worker. */
  computeMs: number;
  /** The instance's idle time before this forward pass (since its previous one ended), ms; −1 when unknown. */
  idleMs: number;
  batchItems: number;
  /** Clock reading when the batch's result reached the main thread. */
  doneAt: number;
}

interface Pending {
  request: RunnerRequest;
  arrival: number;
  resolve(result: RunnerResult): void;
  reject(err: Error): void;
}

/** What the runner needs of its instances (an InstancePool; tests hand it a fake). */
export type InstanceSlots = Pick<InstancePool, 'free' | 'run' | 'alive' | 'size' | 'onDeath'>;

export interface RunnerOptions {
  modelName: string;
  signature: ModelSignature;
  /** With max_queue_size set (the engine bounds every queue). */
  batching: Batching & { max_queue_size: number };
  pool: InstanceSlots;
  metrics: ModelMetrics;
  /** The clock the batcher is driven by (performance.now() by default; a virtual one in tests). */
  clock?: () => number;
  /** Makes the runner's one-shot timer (a PreciseTimer by default; a virtual one in tests). */
  timer?: (onDue: () => void) => RunnerTimer;
}

/** What the runner needs of its timer: arm for a delay from now (re-arming replaces), cancel, close. */
export type RunnerTimer = Pick<PreciseTimer, 'arm' | 'cancel' | 'close'>;

export class ModelRunner {
  private readonly batcher: DynamicBatcher;
  private readonly pending = new Map<number, Pending>();
  /** Each instance's batch buffers, one per model input (see batchBuffersFor). */
  private readonly batchBuffers = new Map<Instance, ArrayBuffer[]>();
  private readonly clock: () => number;
  private nextId = 1;
  private running = 0;
  /** Its clock thread, started with the runner when the batching can ever wait (a delay or a queue timeout), else never. */
  private timer: RunnerTimer | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: RunnerOptions) {
    this.batcher = new DynamicBatcher(opts.batching);
    if (opts.batching.max_queue_delay_ms > 0 || opts.batching.queue_timeout_ms !== undefined) this.startTimer();
    this.clock = opts.clock ?? (() => performance.now());
    opts.pool.onDeath((instance, reason) => {
      process.stderr.write(`servetwin serve: model ${opts.modelName}: instance ${instance.index} ${reason}; its batch failed, a new instance will take its place\n`);
      if (opts.pool.alive === 0) this.failAllQueued();
      else this.pump();
    });
  }

  /** Requests queued or running here (what the router balances on). */
  get outstanding(): number {
    return this.batcher.length + this.running;
  }

  get queued(): number {
    return this.batcher.length;
  }

  /** Ready while every instance is alive. */
  get ready(): boolean {
    return this.opts.pool.alive === this.opts.pool.size;
  }

  submit(request: RunnerRequest): Promise<RunnerResult> {
    if (this.opts.pool.alive === 0) {
      return Promise.reject(new ServeError(503, `model ${this.opts.modelName}: no instance is running`, 'unavailable', 5));
    }
    const now = this.clock();
    const id = this.nextId++;
    const offered = this.batcher.offer(now, id, request.items);
    if (offered === 'queue_full') {
      return Promise.reject(
        new ServeError(503, `model ${this.opts.modelName} is overloaded: its queue holds max_queue_size ${this.batcher.maxQueueSize} requests`, 'queue_full', 1),
      );
    }
    if (offered === 'too_large') {
      return Promise.reject(badRequest(`inputs[0].shape: batch dimension ${request.items} is over max_batch_size ${this.batcher.maxBatchSize}`));
    }
    return new Promise<RunnerResult>((resolve, reject) => {
      this.pending.set(id, { request, arrival: now, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once nothing is queued or running (used when draining on shutdown). */
  idle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The batcher driver protocol (see policies/batcher.ts): expire, dispatch, sleep. */
  private pump(): void {
    const { pool } = this.opts;
    const now = this.clock();
    this.batcher.expire(now, this.onExpired);
    for (let instance = pool.free(); instance; instance = pool.free()) {
      const k = this.batcher.ready(now);
      if (k === 0) break;
      this.dispatch(instance, k, now);
    }
    this.schedule(this.batcher.nextWake(pool.free() !== undefined), now);
    if (this.outstanding === 0 && this.idleWaiters.length > 0) {
      for (const done of this.idleWaiters.splice(0)) done();
    }
  }

  private schedule(wake: number, now: number): void {
    if (wake === this.timerAt) return;
    this.timerAt = wake;
    if (Number.isFinite(wake)) (this.timer ?? this.startTimer()).arm(wake - now);
    else this.timer?.cancel();
  }

  private startTimer(): RunnerTimer {
    const onDue = () => {
      this.timerAt = Number.POSITIVE_INFINITY;
      this.pump();
    };
    this.timer = this.opts.timer ? this.opts.timer(onDue) : new PreciseTimer(onDue);
    return this.timer;
  }

  /** Stops the runner's timer thread (after the last request; the engine closes on shutdown). */
  close(): Promise<number> {
    return this.timer?.close() ?? Promise.resolve(0);
  }

  private readonly onExpired = (id: number): void => {
    const p = this.take(id);
    const waited = this.clock() - p.arrival;
    p.reject(
      new ServeError(
        503,
        `model ${this.opts.modelName}: the request waited ${waited.toFixed(1)} ms in the queue without starting, over queue_timeout_ms ${this.batcher.queueTimeoutMs}`,
        'queue_timeout',
        1,
      ),
    );
  };

  private take(id: number): Pending {
    const p = this.pending.get(id);
    if (!p) throw new Error(`model runner: request ${id} left the batcher but is not pending`);
    this.pending.delete(id);
    return p;
  }

  private dispatch(instance: Instance, count: number, now: number): void {
    const { signature, metrics, pool } = this.opts;
    const batch: Pending[] = [];
    let items = 0;
    for (let i = 0; i < count; i++) {
      const p = this.take(this.batcher.shift());
      metrics.dequeued(now - p.arrival);
      batch.push(p);
      items += p.request.items;
    }
    // One copy per input: the requests' bytes laid end to end in the instance's batch buffer are the
    // batch tensor, row-major. The buffer then travels to the worker and back without a copy.
    const buffers = this.batchBuffersFor(instance);
    const inputs: WireInput[] = signature.inputs.map((spec, j) => {
      const target = new Uint8Array(buffers[j]!);
      let offset = 0;
      for (const p of batch) {
        const bytes = p.request.inputs[j]!;
        target.set(bytes, offset);
        offset += bytes.byteLength;
      }
      return { name: spec.name, type: spec.datatype.ort, dims: [items, ...spec.itemDims], slab: buffers[j]! };
    });
    this.running += count;
    // The instance is free again when the batch settles: start its next batch before encoding this
    // one's responses, so it does not sit idle while the main thread answers.
    const release = () => {
      this.running -= count;
      this.pump();
    };
    pool.run(instance, inputs).then(
      (result) => {
        const doneAt = this.clock();
        if (result.returned?.length === buffers.length) this.batchBuffers.set(instance, result.returned);
        release();
        metrics.batch(items, count, result.computeMs);
        try {
          this.deliver(batch, items, now, doneAt, result);
        } catch (err) {
          this.fail(batch, err as Error); // requests already resolved ignore this (a promise settles once)
        }
      },
      (err: Error) => {
        release();
        this.fail(batch, err);
      },
    );
  }

  /** Splits each output of the batch back into the rows of each request. */
  private deliver(batch: Pending[], items: number, dispatchedAt: number, doneAt: number, result: InstanceResult): void {
    const { signature } = this.opts;
    const outputs = signature.outputs.map((spec) => {
      const tensor = result.outputs.find((o) => o.name === spec.name);
      if (!tensor || tensor.dims[0] !== items) {
        throw new Error(`output ${spec.name} has ${tensor ? `${tensor.dims[0]} rows` : 'no data'} for a batch of ${items}`);
      }
      return { tensor, rowBytes: tensor.buffer.byteLength / items };
    });
    let row = 0;
    for (const p of batch) {
      const n = p.request.items;
      p.resolve({
        outputs: outputs.map(({ tensor, rowBytes }) => ({
          shape: [n, ...tensor.dims.slice(1)],
          bytes: new Uint8Array(tensor.buffer, row * rowBytes, n * rowBytes),
        })),
        queueMs: dispatchedAt - p.arrival,
        instanceMs: doneAt - dispatchedAt,
        computeMs: result.computeMs,
        idleMs: result.idleMs ?? -1,
        batchItems: items,
        doneAt,
      });
      row += n;
    }
  }

  /**
   * The instance's batch buffers, one per model input, sized for max_batch_size items: allocated
   * once, lent to the worker with each batch and given back with its result. One that did not come
   * back (its batch failed, its worker died) is replaced.
   */
  private batchBuffersFor(instance: Instance): ArrayBuffer[] {
    let buffers = this.batchBuffers.get(instance);
    if (!buffers || buffers.some((b) => b.byteLength === 0)) {
      buffers = this.opts.signature.inputs.map((spec) => new ArrayBuffer(this.batcher.maxBatchSize * spec.itemBytes));
      this.batchBuffers.set(instance, buffers);
    }
    return buffers;
  }

  private fail(batch: Pending[], err: Error): void {
    const error = new ServeError(500, `model ${this.opts.modelName}: ${err.message}`, 'internal');
    for (const p of batch) p.reject(error);
  }

  private failAllQueued(): void {
    const error = new ServeError(503, `model ${this.opts.modelName}: no instance is running`, 'unavailable', 5);
    while (this.batcher.length > 0) this.take(this.batcher.shift()).reject(error);
    this.schedule(Number.POSITIVE_INFINITY, this.clock());
    this.pump();
  }
}
