// Requests in flight, as parallel typed arrays indexed by a slot that is reused once the request is
// dispatched or dropped (a free list), so a run of millions of requests allocates nothing per
// request and stays within the cache. A slot's id is what the batcher queues.

export class RequestTable {
  /** Arrival index of the request (0, 1, 2… in send order), for traces. */
  seq: Float64Array;
  /** When the client sent it (ms). */
  sendMs: Float64Array;
  /** Request leg of the network (ms). */
  netInMs: Float64Array;
  /** Response leg of the network (ms), drawn with the request leg. */
  netOutMs: Float64Array;
  /** When it reached its pool: its queue wait counts from here (ms). */
  queuedMs: Float64Array;
  /** When it was routed to a replica (ms; recorded only while tracing or with a frontend). */
  routedMs: Float64Array;
  /** With a frontend: when its ingress ended and it entered the batcher (-1 before), and when its batch started (-1 before). */
  batchedMs: Float64Array;
  dispatchMs: Float64Array;
  /** Its replica's freeTime() when it entered the batcher, then (from its batch's start) how much of its wait in the batcher had an instance free. */
  batchWaitMs: Float64Array;
  /** With a CPU model and an HTTP thread: how long its batch ran (its egress comes later). */
  batchMs: Float64Array;
  items: Uint32Array;
  /** Replica (creation number within its pool) it was routed to (-1 before routing). */
  replica: Int32Array;
  /** With a frontend: the run-wide key of that replica (for its AT_BATCHER event). */
  replicaKey: Int32Array;
  /** Pool it was placed on, and the site it came from (0 without tiers and sites). */
  pool: Int32Array;
  site: Int32Array;
  /** 1 while the slot holds a request. */
  live: Uint8Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;

  constructor(capacity = 256) {
    this.seq = new Float64Array(capacity);
    this.sendMs = new Float64Array(capacity);
    this.netInMs = new Float64Array(capacity);
    this.netOutMs = new Float64Array(capacity);
    this.queuedMs = new Float64Array(capacity);
    this.routedMs = new Float64Array(capacity);
    this.batchedMs = new Float64Array(capacity);
    this.dispatchMs = new Float64Array(capacity);
    this.batchMs = new Float64Array(capacity);
    this.batchWaitMs = new Float64Array(capacity);
    this.items = new Uint32Array(capacity);
    this.replica = new Int32Array(capacity);
    this.replicaKey = new Int32Array(capacity);
    this.pool = new Int32Array(capacity);
    this.site = new Int32Array(capacity);
    this.live = new Uint8Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** Slots ever handed out (live ones are below this). */
  get highWater(): number {
    return this.used;
  }

  alloc(): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount]!;
    else {
      if (this.used === this.sendMs.length) this.grow();
      slot = this.used++;
    }
    this.live[slot] = 1;
    return slot;
  }

  release(slot: number): void {
    this.live[slot] = 0;
    this.free[this.freeCount++] = slot;
  }

  private grow(): void {
    const capacity = this.sendMs.length * 2;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.seq = f64(this.seq);
    this.sendMs = f64(this.sendMs);
    this.netInMs = f64(this.netInMs);
    this.netOutMs = f64(this.netOutMs);
    this.queuedMs = f64(this.queuedMs);
    this.routedMs = f64(this.routedMs);
    this.batchedMs = f64(this.batchedMs);
    this.dispatchMs = f64(this.dispatchMs);
    this.batchMs = f64(this.batchMs);
    this.batchWaitMs = f64(this.batchWaitMs);
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.pool = i32(this.pool);
    this.replicaKey = i32(this.replicaKey);
    this.site = i32(this.site);
    const items = new Uint32Array(capacity);
    items.set(this.items);
    this.items = items;
    const replica = new Int32Array(capacity);
    replica.set(this.replica);
    this.replica = replica;
    const live = new Uint8Array(capacity);
    live.set(this.live);
    this.live = live;
    const free = new Int32Array(capacity);
    free.set(this.free);
    this.free = free;
  }
}
