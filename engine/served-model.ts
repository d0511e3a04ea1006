// A model as the server sees it: its name and signature, and its replicas (each a ModelRunner with
// its own batcher queue and instances) behind the shared router policy (policies/router),
// exactly the shape the simulator gives a candidate. Loaded by engine/engine from a ModelSpec.
import { effectiveMaxQueueSize, type ServedModelConfig } from '../config/serving.js';
import { ServeError } from './errors.js';
import { InstancePool } from './instance-pool.js';
import type { EngineMetrics, ModelMetrics } from './metrics.js';
import { buildSignature, type ModelSignature } from './model-signature.js';
import { ModelRunner, type RunnerRequest, type RunnerResult } from './model-runner.js';
import { createRouter, type Router, type RouterState } from '../policies/router.js';

/** A model to load: where its file is and how to serve it (from engine/model-repository). */
export interface ModelSpec {
  name: string;
  file: string;
  config: ServedModelConfig;
  /** Sizes of dynamic non-batch dims, by input (a builtin's pinned axes or config input_dims). */
  pinned: Record<string, number[] | Record<number, number>>;
}

export const MODEL_VERSION = '1';

export class ServedModel {
  readonly version = MODEL_VERSION;
  /** Requests received for this model and not yet answered. */
  inflight = 0;
  readonly metrics: ModelMetrics;
  /** One runner per replica: its own batcher queue over its own instances. */
  readonly runners: ModelRunner[];
  /** Requests one replica's queue holds (max_queue_size, or the engine's bound when unset). */
  readonly maxQueueSize: number;
  private readonly router: Router;
  private readonly state: { outstanding: Float64Array; ready: Uint8Array; count: number };

  private constructor(
    readonly spec: ModelSpec,
    readonly signature: ModelSignature,
    readonly loadMs: number,
    private readonly pools: InstancePool[],
    engineMetrics: EngineMetrics,
  ) {
    this.metrics = engineMetrics.forModel(spec.name, this.version, {
      queued: () => this.runners.reduce((n, r) => n + r.queued, 0),
      inflight: () => this.inflight,
      instancesBusy: () => pools.reduce((n, p) => n + p.busy, 0),
      instancesAlive: () => pools.reduce((n, p) => n + p.alive, 0),
      ready: () => this.ready,
    });
    this.maxQueueSize = effectiveMaxQueueSize(spec.config);
    const batching = { ...spec.config.batching, max_queue_size: this.maxQueueSize };
    this.runners = pools.map((pool) => new ModelRunner({ modelName: spec.name, signature, batching, pool, metrics: this.metrics }));
    for (const pool of pools) {
      pool.onRestart((instance, failure) => {
        if (failure !== undefined) {
          process.stderr.write(`servetwin serve: model ${spec.name}: instance ${instance.index} could not be restarted (${failure}); trying again\n`);
          return;
        }
        this.metrics.instanceRestarted();
        process.stderr.write(`servetwin serve: model ${spec.name}: instance ${instance.index} restarted\n`);
      });
    }
    this.router = createRouter(spec.config.router);
    this.state = { outstanding: new Float64Array(pools.length), ready: new Uint8Array(pools.length), count: pools.length };
  }

  static async load(spec: ModelSpec, metrics: EngineMetrics): Promise<ServedModel> {
    const { replicas, instances, intra_op_threads } = spec.config;
    const started = await Promise.allSettled(Array.from({ length: replicas }, () => InstancePool.start(spec.file, instances, intra_op_threads)));
    const failed = started.find((s) => s.status === 'rejected');
    const pools = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      if (failed) throw failed.reason;
      const first = pools[0]!;
      const signature = buildSignature(spec.file, first.model.inputs, first.model.outputs, spec.pinned);
      const loadMs = Math.max(...pools.map((p) => p.model.loadMs));
      return new ServedModel(spec, signature, loadMs, pools.map((p) => p.pool), metrics);
    } catch (err) {
      await Promise.all(pools.map((p) => p.pool.close()));
      throw err;
    }
  }

  get name(): string {
    return this.spec.name;
  }

  /**
   * Ready while at least one instance (of any replica) is up: one poison request that kills an
   * instance must not take every pod out of a Service while its instances restart.
   */
  get ready(): boolean {
    return this.pools.some((p) => p.alive > 0);
  }

  /** True when no instance is up and none can be restarted (the model no longer loads): the process should be replaced. */
  get dead(): boolean {
    return this.pools.every((p) => p.alive === 0 && p.failing);
  }

  /** True when every replica's queue holds max_queue_size requests: a new request would only be turned away. */
  get queuesFull(): boolean {
    return this.runners.every((r) => r.queued >= this.maxQueueSize);
  }

  get maxBatchSize(): number {
    return this.spec.config.batching.max_batch_size;
  }

  /** Routes the request to a replica and waits for its rows of the outputs. */
  infer(request: RunnerRequest): Promise<RunnerResult> {
    const state: RouterState = this.state;
    for (let i = 0; i < this.runners.length; i++) {
      this.state.outstanding[i] = this.runners[i]!.outstanding;
      this.state.ready[i] = this.pools[i]!.alive > 0 ? 1 : 0;
    }
    const replica = this.router.pick(performance.now(), state, Math.random);
    if (replica < 0) return Promise.reject(new ServeError(503, `model ${this.name}: no replica has a running instance`, 'unavailable', 5));
    return this.runners[replica]!.submit(request);
  }

  /** Resolves when every replica has finished what it accepted. */
  async drain(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.idle()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.map((p) => p.close()), ...this.runners.map((r) => r.close())]);
  }
}
