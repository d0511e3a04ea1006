// The jobs of a replica's threads on its shared CPUs (with a CPU model, cpu-model.ts): its HTTP
// thread's ingress of a request, its picking a batch's result up (which frees the instance), each
// response's egress and the deferred work after it, and a co-located load generator's work per
// request sent. They run first come first served on their thread (cpu-thread.ts), at the speed the
// replica's cores allow (host-cpu.ts); when one ends the request moves on: into the batcher, the
// instance back to the dispatcher, the answer to the ledger. Owned by the dispatcher (dispatch.ts),
// which it calls back for the steps that are the batcher's.
import type { RequestTable } from '../core/requests.js';
import type { ThreadOwner } from './cpu-thread.js';
import type { Fleet } from './fleet.js';
import { ANSWERED_LATE, ANSWERED_MEASURED, type Ledger } from './ledger.js';
import { DRAINING, type Replica } from './replica.js';

/** Job kinds (cpu-thread.ts): what the argument is. */
const INGRESS = 0; // a request slot
const PICKUP = 1; // a run-wide instance
const EGRESS = 2; // a request slot
const DEFERRED = 3; // a replica key
const CLIENT = 4; // unused

/** The dispatcher's steps these jobs lead to. */
export interface ThreadJobSteps {
  /** A request's ingress ended: offer it to its batcher. */
  atBatcher(now: number, slot: number): void;
  /** A batch's result was picked up: its instance is free. */
  instanceFree(now: number, instance: number): void;
}

export class ThreadJobs implements ThreadOwner {
  /** A batch's request slots, kept while its responses are queued (respond). */
  private scratch = new Int32Array(16);

  constructor(
    private readonly requests: RequestTable,
    private readonly ledger: Ledger,
    private readonly fleet: Fleet,
    private readonly callbacks: ThreadJobSteps,
  ) {}

  /** A request routed to `replica` joins its HTTP thread for its ingress. */
  ingress(now: number, replica: Replica, slot: number): void {
    replica.http!.submit(now, replica.frontend!.drawIngress(), INGRESS, slot);
  }

  /**
   * With a CPU model, the HTTP thread picks the batch's result up (freeing the instance) and writes
   * each response in batch order, each followed by its deferred work, all as jobs on the shared
   * cores; each request is answered when its egress ends (egressDone).
   */
  respond(now: number, replica: Replica, local: number, k: number, instance: number): void {
    const r = this.requests;
    const http = replica.http!;
    const frontend = replica.frontend!;
    const startMs = replica.batchStartMs[local]!;
    const base = local * replica.maxBatch;
    // Picking the result up may start the instance's next batch at once (an idle thread), which
    // reuses the instance's batch state: each request keeps what it needs first.
    const slots = this.scratch.length >= k ? this.scratch : (this.scratch = new Int32Array(k));
    for (let j = 0; j < k; j++) {
      const slot = replica.batchSlots[base + j]!;
      slots[j] = slot;
      r.dispatchMs[slot] = startMs;
      r.batchMs[slot] = now - startMs;
    }
    http.submit(now, 0, PICKUP, instance);
    for (let j = 0; j < k; j++) {
      http.submit(now, frontend.drawEgress(), EGRESS, slots[j]!);
      if (frontend.deferredWork > 0) http.submit(now, frontend.deferredWork, DEFERRED, replica.key);
    }
  }

  /** A job of a replica's thread on shared CPUs ended (cpu-thread.ts's callback). */
  threadJobDone(now: number, kind: number, arg: number): void {
    switch (kind) {
      case INGRESS:
        this.callbacks.atBatcher(now, arg);
        return;
      case PICKUP:
        this.callbacks.instanceFree(now, arg);
        return;
      case EGRESS:
        this.egressDone(now, arg);
        return;
      case DEFERRED: {
        const replica = this.fleet.replica(arg)!;
        if (replica.state === DRAINING) this.fleet.retireIfIdle(this.fleet.pools[replica.pool]!, replica, now);
        return;
      }
      case CLIENT:
        return;
    }
  }

  /** A load generator sharing the replica's cores sends a request: its CPU work for it (scenario `client`). */
  clientSent(now: number, replica: Replica, cpuMs: number): void {
    replica.client!.submit(now, cpuMs, CLIENT, 0);
  }

  /** A response was written (its egress on a shared-CPU HTTP thread ended): the request is answered. */
  private egressDone(now: number, slot: number): void {
    const r = this.requests;
    const replica = this.fleet.replica(r.replicaKey[slot]!)!;
    const pool = this.fleet.pools[replica.pool]!;
    const startMs = r.dispatchMs[slot]!;
    const batchMs = r.batchMs[slot]!;
    const routed = r.routedMs[slot]!;
    const batched = r.batchedMs[slot]!;
    const inBatcherMs = startMs - batched;
    const waitMs = routed - r.queuedMs[slot]! + inBatcherMs;
    const frontendMs = batched - routed + (now - (startMs + batchMs));
    const doneMs = now + r.netOutMs[slot]!;
    const answered = this.ledger.answered(pool, slot, doneMs, waitMs, inBatcherMs, r.netInMs[slot]! + r.netOutMs[slot]!, frontendMs);
    this.ledger.computed(pool, batchMs, answered === ANSWERED_MEASURED ? 1 : 0);
    if (this.ledger.tracing) this.ledger.traceRequest(slot, startMs, answered === ANSWERED_LATE ? -1 : doneMs, answered === ANSWERED_LATE ? 'in_flight' : 'completed');
    r.release(slot);
    if (replica.state === DRAINING) this.fleet.retireIfIdle(pool, replica, now);
  }
}
