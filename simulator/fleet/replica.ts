// A replica: its own queue and dynamic batcher (policies/batcher.ts, the policy the engine uses
// too) and `instances` execution slots that share that queue, like Triton's instance_group. Free
// instances wait in a FIFO so the one idle longest takes the next batch and work spreads evenly.
// Each instance keeps its running batch (its requests, start and service time) until it ends, when
// its requests are answered. The dispatcher (dispatch.ts) drives the batcher's protocol against
// this state; the fleet (fleet.ts) moves it through provisioning → ready → draining → gone. With a
// serving overhead the replica has an HTTP thread (frontend.ts).
import { DynamicBatcher } from '../../policies/batcher.js';
import type { Batching } from '../../config/batching.js';
import { stream, type Uniform } from '../../common/rng.js';
import type { Frontend } from './frontend.js';
import type { HostCpu } from './host-cpu.js';
import type { CpuThread } from './cpu-thread.js';

/** Lifecycle states: starting (billed, not routable), serving, draining (no new requests), gone. */
export const PROVISIONING = 0;
export const READY = 1;
export const DRAINING = 2;
export const GONE = 3;

export class Replica {
  readonly batcher: DynamicBatcher;
  /** Service-time stream of this replica (`service:replica-<id>`, or with the pool's prefix). */
  readonly u: Uniform;
  /** Earliest wake-up already scheduled for this replica (Infinity: none). */
  wakeAt = Number.POSITIVE_INFINITY;
  state = READY;
  /** When it was asked for, became ready (NaN until then) and started draining (NaN unless). */
  createdMs = 0;
  readyMs = Number.NaN;
  drainMs = Number.NaN;
  /** Requests in the batch each of its instances is executing. */
  readonly batchRequests: Int32Array;
  /**
   * The request slots of each instance's batch, instance i at [i · max_batch_size, …); when its
   * batch started, its service time alone (its work on a shared CPU), its items, and 1 while it runs.
   */
  readonly batchSlots: Int32Array;
  readonly batchItems: Int32Array;
  readonly running: Uint8Array;
  readonly batchStartMs: Float64Array;
  readonly batchServiceMs: Float64Array;
  /** When each instance's last batch ended (NaN before its first): its idle time for the after-idle penalty. */
  readonly passEndMs: Float64Array;
  readonly maxBatch: number;
  private readonly freeRing: Int32Array;
  private freeHead = 0;

  constructor(
    /** Index of its pool in the run. */
    readonly pool: number,
    /** Position in its pool's router arrays (reused once the replica is gone). */
    readonly slot: number,
    /** Creation number within its pool: 0, 1, 2… (traces and stream names). */
    readonly id: number,
    /** Run-wide replica number (event payloads). */
    readonly key: number,
    /** Run-wide index of its first instance (BATCH_DONE payloads). */
    readonly instanceBase: number,
    readonly instances: number,
    batching: Batching,
    seed: number,
    streamPrefix = 'service:replica-',
    /** Its HTTP thread, when its pool's profile has a serving overhead. */
    readonly frontend: Frontend | null = null,
  ) {
    this.batcher = new DynamicBatcher(batching);
    this.u = stream(seed, `${streamPrefix}${id}`);
    this.batchRequests = new Int32Array(instances);
    this.maxBatch = batching.max_batch_size;
    this.batchSlots = new Int32Array(instances * this.maxBatch);
    this.batchStartMs = new Float64Array(instances);
    this.batchServiceMs = new Float64Array(instances);
    this.passEndMs = new Float64Array(instances).fill(Number.NaN);
    this.batchItems = new Int32Array(instances);
    this.running = new Uint8Array(instances);
    this.freeRing = Int32Array.from({ length: instances }, (_, i) => i);
    this.freeCount = instances;
  }

  /** Instances idle now. */
  freeCount: number;
  /** With a CPU model: its cores (null: every consumer has a core of its own). */
  host: HostCpu | null = null;
  /** With a CPU model and a serving overhead: its HTTP thread's jobs on those cores (the frontend then only draws their work). */
  http: CpuThread | null = null;
  /** With a CPU model and a co-located load generator (scenario `client`): the generator's thread on those cores. */
  client: CpuThread | null = null;

  /** Nothing queued, executing or on its HTTP thread at `now`: a draining replica in this state can go. */
  idleAt(now: number): boolean {
    if (this.freeCount !== this.instances || this.batcher.length !== 0) return false;
    if (this.http !== null) return this.http.length === 0;
    return this.frontend === null || this.frontend.idleAt(now);
  }

  /** Its HTTP thread's busy time in the measured window, ms (0 without one). */
  get frontendBusyMs(): number {
    return this.http !== null ? this.http.busyMs : (this.frontend?.busyMs ?? 0);
  }

  /** The instance idle longest; call only when freeInstances > 0. */
  takeInstance(now: number): number {
    const i = this.freeRing[this.freeHead]!;
    if (++this.freeHead === this.instances) this.freeHead = 0;
    if (--this.freeCount === 0) this.freeMs += now - this.freeSinceMs;
    return i;
  }

  releaseInstance(i: number, now: number): void {
    let tail = this.freeHead + this.freeCount;
    if (tail >= this.instances) tail -= this.instances;
    this.freeRing[tail] = i;
    if (this.freeCount++ === 0) this.freeSinceMs = now;
  }

  /**
   * Time up to `now` during which at least one instance was free. A request's wait in the batcher
   * splits by it: the part with an instance free was waiting for its batch to fill (the delay), the
   * rest waiting for an instance.
   */
  freeTime(now: number): number {
    return this.freeCount > 0 ? this.freeMs + (now - this.freeSinceMs) : this.freeMs;
  }

  private freeMs = 0;
  private freeSinceMs = 0;
}
