// A replica: its own queue and dynamic batcher (engine/policies/batcher.ts, the policy the engine
// uses too) and `instances` execution slots that share that queue, like Triton's instance_group.
// Free instances wait in a FIFO so the one idle longest takes the next batch and work spreads
// evenly. The run (simulator/run.ts) drives the batcher's protocol against this state.
import { DynamicBatcher } from '../engine/policies/batcher.js';
import type { Batching } from '../config/batching.js';
import { stream, type Uniform } from '../common/rng.js';

export class Replica {
  readonly batcher: DynamicBatcher;
  /** Service-time stream of this replica (`service:replica-<i>`). */
  readonly u: Uniform;
  /** Earliest wake-up already scheduled for this replica (Infinity: none). */
  wakeAt = Number.POSITIVE_INFINITY;
  private readonly freeRing: Int32Array;
  private freeHead = 0;

  constructor(
    readonly index: number,
    readonly instances: number,
    batching: Batching,
    seed: number,
  ) {
    this.batcher = new DynamicBatcher(batching);
    this.u = stream(seed, `service:replica-${index}`);
    this.freeRing = Int32Array.from({ length: instances }, (_, i) => i);
    this.freeCount = instances;
  }

  /** Instances idle now. */
  freeCount: number;

  /** The instance idle longest; call only when freeInstances > 0. */
  takeInstance(): number {
    const i = this.freeRing[this.freeHead]!;
    if (++this.freeHead === this.instances) this.freeHead = 0;
    this.freeCount--;
    return i;
  }

  releaseInstance(i: number): void {
    let tail = this.freeHead + this.freeCount;
    if (tail >= this.instances) tail -= this.instances;
    this.freeRing[tail] = i;
    this.freeCount++;
  }
}
