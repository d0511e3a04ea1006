// The dynamic batcher: one replica's request queue and the rule that turns it into batches, with
// Triton's semantics. A pure policy driven by a clock it is given: the simulator calls it with
// virtual time (simulator/fleet/dispatch.ts), the engine (engine/model-runner.ts) with
// performance.now(). It never reads a clock, sets a timer or does I/O; it returns decisions and the
// driver acts on them.
//
// Driver protocol, at every arrival, instance release and wake-up:
//   1. offer(now, id, items) for an arrival (rejections are the driver's to report);
//   2. expire(now, onExpired) to drop requests that outwaited queue_timeout_ms;
//   3. while an instance is free and (k = ready(now)) > 0: take k requests with shift() and start
//      one batch on that instance;
//   4. arrange to be called again at nextWake(now, an instance is free) (Infinity: nothing to wait
//      for). The drivers never derive a wake time themselves.
//
// Triton's rule, as its dynamic batch scheduler implements it (triton-inference-server/core,
// src/dynamic_batch_scheduler.cc, GetDynamicBatch): scan the queue in arrival order, adding
// requests while the batch stays within max_batch_size, and remember the largest preferred size
// reached ("best"); if the next request would take the batch past the largest preferred size before
// any preferred size was reached, the batch so far is the best. If there is a best and the oldest
// request has not yet waited max_queue_delay_ms, the best goes at once, even when a larger batch
// could be formed. Otherwise everything scanned goes if the batch cannot grow (the next request
// does not fit, or it reached the largest preferred size), if the delay has passed, or if the delay
// is 0; else the batch waits for the oldest request's deadline. Without preferred sizes Triton
// takes max_batch_size as the only one (model config normalisation), so a full batch goes at once.
// A request is never skipped to fit a later one (FIFO).
//
// The queue is a ring of typed arrays rather than an array of objects so the simulator's hot
// loop allocates nothing per request.
import type { Batching } from '../config/batching.js';

export type OfferResult = 'accepted' | 'queue_full' | 'too_large';

export class DynamicBatcher {
  readonly maxBatchSize: number;
  readonly maxQueueDelayMs: number;
  readonly maxQueueSize: number;
  readonly queueTimeoutMs: number;
  /** Preferred sizes as a lookup by item count (index = size); max_batch_size alone when none are set. */
  private readonly preferred: Uint8Array;
  /** The largest preferred size: a batch that reaches it cannot grow into a better one. */
  private readonly maxPreferred: number;

  private ids: Float64Array;
  private arrivals: Float64Array;
  private items: Float64Array;
  private head = 0;
  private count = 0;
  private itemTotal = 0;

  constructor(config: Batching) {
    this.maxBatchSize = config.max_batch_size;
    this.maxQueueDelayMs = config.max_queue_delay_ms;
    this.maxQueueSize = config.max_queue_size ?? Number.POSITIVE_INFINITY;
    this.queueTimeoutMs = config.queue_timeout_ms ?? Number.POSITIVE_INFINITY;
    const preferred = config.preferred_batch_sizes?.length ? config.preferred_batch_sizes : [config.max_batch_size];
    this.preferred = new Uint8Array(config.max_batch_size + 1);
    for (const size of preferred) this.preferred[size] = 1;
    this.maxPreferred = Math.max(...preferred);
    const capacity = 64;
    this.ids = new Float64Array(capacity);
    this.arrivals = new Float64Array(capacity);
    this.items = new Float64Array(capacity);
  }

  /** Requests waiting. */
  get length(): number {
    return this.count;
  }

  /** Items (batch-dimension rows) waiting. */
  get queuedItems(): number {
    return this.itemTotal;
  }

  /** Arrival time of the oldest waiting request, or NaN when the queue is empty. */
  oldestArrival(): number {
    return this.count === 0 ? Number.NaN : this.at(this.arrivals, 0);
  }

  /** Queues a request carrying `items` rows, or says why it cannot wait here. */
  offer(now: number, id: number, items = 1): OfferResult {
    if (items > this.maxBatchSize) return 'too_large';
    if (this.count >= this.maxQueueSize) return 'queue_full';
    if (this.count === this.ids.length) this.grow();
    const slot = (this.head + this.count) & (this.ids.length - 1);
    this.ids[slot] = id;
    this.arrivals[slot] = now;
    this.items[slot] = items;
    this.count++;
    this.itemTotal += items;
    return 'accepted';
  }

  /**
   * Drops the requests that have waited queue_timeout_ms or longer, oldest first, calling
   * `onExpired` for each. Arrivals are queued in time order, so the expired ones are a prefix.
   */
  expire(now: number, onExpired: (id: number) => void): number {
    let dropped = 0;
    while (this.count > 0 && now >= this.at(this.arrivals, 0) + this.queueTimeoutMs) {
      onExpired(this.shift());
      dropped++;
    }
    return dropped;
  }

  /**
   * How many requests from the head of the queue make the batch to start now on one free
   * instance; 0 means wait (for more arrivals or until nextWake()).
   */
  ready(now: number): number {
    if (this.count === 0) return 0;
    let requests = 0;
    let size = 0;
    let best = 0; // requests in the best batch found so far (0: none)
    let full = false;
    while (requests < this.count) {
      const next = this.at(this.items, requests);
      if (requests > 0) {
        if (size + next > this.maxPreferred && best === 0) best = requests;
        if (size + next > this.maxBatchSize) {
          full = true;
          break;
        }
      }
      size += next;
      requests++;
      if (this.preferred[size] === 1) best = requests;
    }
    // Same expression as nextWake(), so waking exactly at the deadline always dispatches (a - b >= d
    // can be false at now = b + d in floating point, and a driver would spin).
    const delayPassed = this.maxQueueDelayMs > 0 && now >= this.at(this.arrivals, 0) + this.maxQueueDelayMs;
    if (best > 0 && !delayPassed) return best;
    if (full || size >= this.maxPreferred || delayPassed || this.maxQueueDelayMs === 0) return requests;
    return 0;
  }

  /** Removes the oldest waiting request and returns its id. */
  shift(): number {
    if (this.count === 0) throw new Error('DynamicBatcher.shift: the queue is empty');
    const mask = this.ids.length - 1;
    const id = this.ids[this.head]!;
    this.itemTotal -= this.items[this.head]!;
    this.head = (this.head + 1) & mask;
    this.count--;
    return id;
  }

  /** Items carried by the request `index` places from the head (0 = oldest). */
  itemsAt(index: number): number {
    return this.at(this.items, index);
  }

  /**
   * When the driver must call again if nothing else happens (Infinity: never). With an instance
   * free, the oldest request's delay deadline or its queue timeout, whichever is first; with none,
   * only a timeout can change anything before an instance is released (a passed delay deadline
   * would wake the driver for nothing, over and over).
   */
  nextWake(instanceFree: boolean): number {
    if (this.count === 0) return Number.POSITIVE_INFINITY;
    const oldest = this.at(this.arrivals, 0);
    const timeout = oldest + this.queueTimeoutMs;
    if (!instanceFree) return timeout;
    const deadline = oldest + this.maxQueueDelayMs;
    return deadline < timeout ? deadline : timeout;
  }

  private at(array: Float64Array, index: number): number {
    return array[(this.head + index) & (array.length - 1)]!;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const copy = (from: Float64Array): Float64Array => {
      const to = new Float64Array(capacity);
      for (let i = 0; i < this.count; i++) to[i] = from[(this.head + i) & (from.length - 1)]!;
      return to;
    };
    this.ids = copy(this.ids);
    this.arrivals = copy(this.arrivals);
    this.items = copy(this.items);
    this.head = 0;
  }
}
