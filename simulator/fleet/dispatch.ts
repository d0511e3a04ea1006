// A request's life at its replica. Routed there, it is offered to the replica's batcher — or, when
// the replica has an HTTP thread (frontend.ts, from the profile's serving overhead), first queued
// there for its ingress (AT_BATCHER), as the engine receives and decodes it before batching. The
// batcher's driver protocol (policies/batcher.ts) then starts batches on free instances, each with
// its service time drawn from the pool's profile (plus, with a CPU model, the after-idle penalty of
// its instance's idle time: after-idle.ts); when a batch ends (BATCH_DONE) each of its
// requests is answered — after its egress on the HTTP thread, if there is one — and recorded. A
// replica with an HTTP thread keeps the instance held until the thread picks the result up
// (INSTANCE_FREE), as the engine releases it on its event loop. Drops: queue full, too large, timed
// out. Every count goes through the ledger (ledger.ts). With a CPU model (cpu-model.ts) batches
// run on the replica's shared cores (host-cpu.ts): their ends are not known when they start, so the
// host calls back here when they come; the HTTP thread's jobs there are thread-jobs.ts's. Owned and
// called by simulator/run.ts.
import { AT_BATCHER, BATCH_DONE, INSTANCE_FREE, WAKE } from '../core/events.js';
import type { EventQueue } from '../core/event-queue.js';
import type { RequestTable } from '../core/requests.js';
import type { DropReason } from '../core/run-trace.js';
import { DRAINING, type Replica } from './replica.js';
import type { JobOwner } from './host-cpu.js';
import { ThreadJobs } from './thread-jobs.js';
import type { Fleet } from './fleet.js';
import { ANSWERED_LATE, ANSWERED_MEASURED, type Ledger } from './ledger.js';
import type { Pool } from './pool.js';

export class Dispatcher implements JobOwner {
  private readonly onExpired = (slot: number): void => this.expire(slot);
  private expiringAt = 0;
  private expiring: Replica | null = null;
  private readonly pools: Pool[];
  private readonly instanceOwner: Replica[];
  /** The jobs of replicas' threads on shared CPUs (with a CPU model): ingress, pick-up, egress. */
  readonly threadJobs: ThreadJobs;
  /** A trace is attached (tests): request times it alone reads are kept. */
  private readonly tracing: boolean;

  constructor(
    private readonly queue: EventQueue,
    private readonly requests: RequestTable,
    private readonly ledger: Ledger,
    private readonly fleet: Fleet,
  ) {
    this.pools = fleet.pools;
    this.instanceOwner = fleet.instanceOwner;
    this.tracing = ledger.tracing;
    this.threadJobs = new ThreadJobs(requests, ledger, fleet, {
      atBatcher: (now, slot) => this.onAtBatcher(now, slot),
      instanceFree: (now, instance) => this.onInstanceFree(now, instance),
    });
  }

  /** A request routed to a ready replica: offered to its batcher, or queued for its HTTP thread's ingress first. */
  enqueue(now: number, pool: Pool, replica: Replica, slot: number): void {
    const r = this.requests;
    r.replica[slot] = replica.id;
    r.routedMs[slot] = now;
    if (this.tracing) r.dispatchMs[slot] = -1;
    if (replica.frontend !== null) {
      r.dispatchMs[slot] = -1;
      r.replicaKey[slot] = replica.key;
      r.batchedMs[slot] = -1;
      this.ledger.ingressStarted(now, pool, replica);
      if (replica.http !== null) this.threadJobs.ingress(now, replica, slot);
      else this.queue.push(replica.frontend.ingress(now), AT_BATCHER, slot);
      return;
    }
    const outcome = replica.batcher.offer(now, slot, r.items[slot]!);
    if (outcome !== 'accepted') {
      this.drop(now, slot, outcome);
      return;
    }
    r.batchWaitMs[slot] = replica.freeTime(now);
    this.ledger.enqueued(now, pool, replica);
    this.serve(now, pool, replica);
  }

  /** A request's ingress on its replica's HTTP thread ended: it is offered to the batcher (its queue timeout counts from here, as Triton's does). */
  onAtBatcher(now: number, slot: number): void {
    const r = this.requests;
    const replica = this.fleet.replica(r.replicaKey[slot]!)!; // not gone: its HTTP thread was busy with this request
    const pool = this.pools[replica.pool]!;
    if (replica.http === null) replica.frontend!.ingressEnded();
    r.batchedMs[slot] = now;
    const outcome = replica.batcher.offer(now, slot, r.items[slot]!);
    if (outcome !== 'accepted') {
      this.ledger.refusedAfterIngress(now, pool, replica);
      this.drop(now, slot, outcome);
      if (replica.state === DRAINING) this.fleet.retireIfIdle(pool, replica, now);
      return;
    }
    r.batchWaitMs[slot] = replica.freeTime(now);
    this.ledger.queuedAfterIngress(now, pool, replica);
    this.serve(now, pool, replica);
  }

  /**
   * The batcher's driver protocol: drop what timed out, start batches while an instance is free and
   * the batcher says go, then arrange to be woken when the batcher says its answer can change.
   */
  serve(now: number, pool: Pool, replica: Replica): void {
    const batcher = replica.batcher;
    if (batcher.length === 0) return;
    this.expiringAt = now;
    this.expiring = replica;
    if (batcher.queueTimeoutMs !== Number.POSITIVE_INFINITY) batcher.expire(now, this.onExpired);
    let k: number;
    while (replica.freeCount > 0 && (k = batcher.ready(now)) > 0) this.startBatch(now, pool, replica, k);
    const wake = batcher.nextWake(replica.freeCount > 0);
    if (wake < replica.wakeAt) {
      replica.wakeAt = wake;
      this.queue.push(wake, WAKE, replica.key);
    }
  }

  private startBatch(now: number, pool: Pool, replica: Replica, k: number): void {
    const batcher = replica.batcher;
    const r = this.requests;
    const freeTime = replica.freeTime(now);
    const local = replica.takeInstance(now);
    const base = local * replica.maxBatch;
    const slots = replica.batchSlots;
    let items = 0;
    for (let j = 0; j < k; j++) {
      const slot = batcher.shift();
      slots[base + j] = slot;
      items += r.items[slot]!;
      r.batchWaitMs[slot] = freeTime - r.batchWaitMs[slot]!;
      if (this.tracing) r.dispatchMs[slot] = now;
    }
    let serviceMs = pool.serviceTime.sample(items, replica.u);
    // An instance's first batch has no idle time to go by (the engine reports none either).
    const afterIdle = pool.afterIdle;
    if (afterIdle !== null) {
      const lastEnd = replica.passEndMs[local]!;
      if (lastEnd === lastEnd) serviceMs += afterIdle.extraMs(now - lastEnd);
    }
    const instance = replica.instanceBase + local;
    replica.batchRequests[local] = k;
    replica.batchStartMs[local] = now;
    replica.batchServiceMs[local] = serviceMs;
    replica.batchItems[local] = items;
    replica.running[local] = 1;
    this.ledger.batchStarted(now, pool, replica, k);
    if (replica.host !== null) {
      // On shared cores its end depends on what else runs: the host calls jobDone when it comes.
      replica.host.start(now, serviceMs, pool.intraOpThreads, this, instance);
      return;
    }
    const end = now + serviceMs;
    if (this.ledger.tracing) this.traceBatch(pool, replica, local, end);
    this.queue.push(end, BATCH_DONE, instance);
  }

  /** A batch on shared cores ended (the host's callback; `tag` is its run-wide instance). */
  jobDone(now: number, instance: number): void {
    const replica = this.instanceOwner[instance]!;
    if (this.ledger.tracing) this.traceBatch(this.pools[replica.pool]!, replica, instance - replica.instanceBase, now);
    this.onBatchDone(now, instance);
  }

  /** A batch ended: each of its requests is answered (after its egress on the HTTP thread, if any) and the instance freed. */
  onBatchDone(now: number, instance: number): void {
    const replica = this.instanceOwner[instance]!;
    const pool = this.pools[replica.pool]!;
    const local = instance - replica.instanceBase;
    const k = replica.batchRequests[local]!;
    replica.running[local] = 0;
    replica.passEndMs[local] = now;
    this.ledger.batchEnded(now, pool, replica, k, replica.batchStartMs[local]!, replica.batchItems[local]!, instance);
    if (replica.http !== null) {
      this.threadJobs.respond(now, replica, local, k, instance);
      return;
    }
    // The HTTP thread's state before this batch's egress: the engine releases the instance in the
    // result's callback on that thread, so a busy thread keeps the instance held until it is free.
    const pickup = replica.frontend === null ? now : replica.frontend.freeAt;
    this.answer(now, pool, replica, local, k);
    if (pickup > now) {
      this.queue.push(pickup, INSTANCE_FREE, instance);
      return;
    }
    this.onInstanceFree(now, instance);
  }

  /** An instance is free again: its batch ended and (with an HTTP thread) its result was picked up. */
  onInstanceFree(now: number, instance: number): void {
    const replica = this.instanceOwner[instance]!;
    const pool = this.pools[replica.pool]!;
    this.ledger.instanceFreed(now, pool, replica);
    replica.releaseInstance(instance - replica.instanceBase, now);
    this.serve(now, pool, replica);
    if (replica.state === DRAINING) this.fleet.retireIfIdle(pool, replica, now);
  }

  /**
   * The `k` requests of the batch that ran on instance `local` and ended at `now`, in batch order:
   * each is written back (with an HTTP thread, one egress after another on it), crosses the network
   * and is recorded. queue = the wait for a ready replica plus the wait in the batcher; frontend =
   * ingress plus egress with their waits for the thread.
   */
  private answer(now: number, pool: Pool, replica: Replica, local: number, k: number): void {
    const r = this.requests;
    const ledger = this.ledger;
    const frontend = replica.frontend;
    const startMs = replica.batchStartMs[local]!;
    const slots = replica.batchSlots;
    const base = local * replica.maxBatch;
    const tracing = ledger.tracing;
    let measured = 0;
    for (let j = 0; j < k; j++) {
      const slot = slots[base + j]!;
      const writtenMs = frontend === null ? now : frontend.egress(now);
      const doneMs = writtenMs + r.netOutMs[slot]!;
      let waitMs: number;
      let inBatcherMs: number;
      let frontendMs = 0;
      if (frontend === null) {
        waitMs = startMs - r.queuedMs[slot]!;
        inBatcherMs = startMs - r.routedMs[slot]!;
      } else {
        const routed = r.routedMs[slot]!;
        const batched = r.batchedMs[slot]!;
        inBatcherMs = startMs - batched;
        waitMs = routed - r.queuedMs[slot]! + inBatcherMs;
        frontendMs = batched - routed + (writtenMs - now);
      }
      const answered = ledger.answered(pool, slot, doneMs, waitMs, inBatcherMs, r.netInMs[slot]! + r.netOutMs[slot]!, frontendMs);
      if (answered === ANSWERED_MEASURED) measured++;
      if (tracing) ledger.traceRequest(slot, startMs, answered === ANSWERED_LATE ? -1 : doneMs, answered === ANSWERED_LATE ? 'in_flight' : 'completed');
      r.release(slot);
    }
    ledger.computed(pool, replica.batchServiceMs[local]!, measured);
  }

  /** Batches still running when the run ends: their instances' busy time up to the end (and their hosts' busy threads). */
  finish(): void {
    for (const pool of this.pools) {
      for (const replica of pool.live) {
        replica.host?.close(this.ledger.endMs);
        for (let local = 0; local < replica.instances; local++) {
          if (replica.running[local] !== 1) continue;
          this.ledger.batchRunningAtEnd(pool, replica.batchStartMs[local]!, replica.batchItems[local]!, replica.instanceBase + local);
          // On shared cores a batch is traced when it ends; one still running is traced now, its end unknown.
          if (this.tracing && replica.host !== null) this.traceBatch(pool, replica, local, -1);
        }
      }
    }
  }

  /** A queued request outwaited queue_timeout_ms (called back by batcher.expire during serve). */
  private expire(slot: number): void {
    const replica = this.expiring!;
    this.ledger.expired(this.expiringAt, this.pools[replica.pool]!, replica);
    this.drop(this.expiringAt, slot, 'timeout');
  }

  /** The request in `slot` is dropped at `now` (also used by the run for requests too large to hold). */
  drop(now: number, slot: number, reason: DropReason): void {
    this.ledger.dropped(now, slot, reason);
    if (this.ledger.tracing) this.ledger.traceRequest(slot, -1, -1, reason, now);
    this.requests.release(slot);
  }

  /** A request still in the system at the end, to the trace: its batch's start if it is in one. */
  traceInFlight(slot: number): void {
    const r = this.requests;
    this.ledger.traceRequest(slot, r.replica[slot]! >= 0 ? r.dispatchMs[slot]! : -1, -1, 'in_flight');
  }

  private traceBatch(pool: Pool, replica: Replica, local: number, end: number): void {
    const items = replica.batchItems[local]!;
    const base = local * replica.maxBatch;
    const ids: number[] = [];
    for (let j = 0; j < replica.batchRequests[local]!; j++) ids.push(this.requests.seq[replica.batchSlots[base + j]!]!);
    this.ledger.trace!.onBatch({
      pool: pool.index,
      replica: replica.id,
      instance: local,
      startMs: replica.batchStartMs[local]!,
      endMs: end,
      serviceMs: replica.batchServiceMs[local]!,
      items,
      requestIds: ids,
    });
  }
}
