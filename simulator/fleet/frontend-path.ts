// A request's life at a replica that has a frontend (frontend.ts, its HTTP thread), around the
// batcher that dispatch.ts drives: routed → ingress on the thread (outstanding from here on, as the
// engine counts a request in flight from its arrival) → AT_BATCHER: offered to the batcher, dropped
// there if the queue is full or the request too large (its queue timeout counts from here, as
// Triton's does) → a batch on an instance → when the batch ends, each of its requests in batch
// order gets its egress on the thread → its response's network leg. Its end is known only when its
// batch ends, so its outcome and latencies are recorded then: queue is the wait for a ready replica
// plus the wait in the batcher, frontend is ingress plus egress with their waits for the thread.
// Owned by dispatch.ts (the Dispatcher), which calls it only for replicas with a frontend.
import { AT_BATCHER } from '../core/events.js';
import type { EventQueue } from '../core/event-queue.js';
import type { RequestTable } from '../core/requests.js';
import { DRAINING, READY, type Replica } from './replica.js';
import type { MetricsRecorder } from './metrics/recorder.js';
import type { Fleet } from './fleet.js';
import type { Pool } from './pool.js';
import type { RunTrace } from '../core/run-trace.js';
import type { Dispatcher } from './dispatch.js';

export class FrontendPath {
  private readonly queue: EventQueue;
  private readonly requests: RequestTable;
  private readonly metrics: MetricsRecorder;
  private readonly fleet: Fleet;
  private readonly trace: RunTrace | undefined;

  /** Shares the dispatcher's run state (its queue, request table, metrics, fleet, window, trace). */
  constructor(private readonly dispatch: Dispatcher) {
    this.queue = dispatch.queue;
    this.requests = dispatch.requests;
    this.metrics = dispatch.metrics;
    this.fleet = dispatch.fleet;
    this.trace = dispatch.trace;
  }

  /** A request routed to a ready replica joins its HTTP thread's queue for its ingress. */
  ingress(now: number, pool: Pool, replica: Replica, slot: number): void {
    const r = this.requests;
    r.routedMs[slot] = now;
    r.replicaKey[slot] = replica.key;
    r.batchedMs[slot] = -1;
    r.dispatchMs[slot] = -1;
    pool.outstanding[replica.slot]!++;
    pool.scaler?.inFlight.change(1, now);
    this.queue.push(replica.frontend!.ingress(now), AT_BATCHER, slot);
  }

  /** Its ingress is over: the request is offered to the replica's batcher (which may have started draining meanwhile). */
  atBatcher(now: number, slot: number): void {
    const r = this.requests;
    const replica = this.fleet.replica(r.replicaKey[slot]!)!; // not gone: its frontend was busy with this request
    const pool = this.fleet.poolOf(replica);
    replica.frontend!.ingressEnded();
    r.batchedMs[slot] = now;
    const s = replica.state === READY ? pool.scaler : null;
    const outcome = replica.batcher.offer(now, slot, r.items[slot]!);
    if (outcome !== 'accepted') {
      pool.outstanding[replica.slot]!--;
      s?.inFlight.change(-1, now);
      this.dispatch.settleDrop(now, slot, outcome);
      if (replica.state === DRAINING) this.fleet.retireIfIdle(pool, replica, now);
      return;
    }
    this.metrics.series.queue(1, now);
    s?.queued.change(1, now);
    this.dispatch.serve(now, pool, replica);
  }

  /** A batch of `k` starts on instance `local` at `now`: its requests (in batch order) wait there for its end. */
  started(now: number, replica: Replica, local: number, k: number, serviceMs: number, ids: number[] | null): void {
    const r = this.requests;
    const batcher = replica.batcher;
    const slots = replica.batchSlots;
    const base = local * replica.maxBatch;
    for (let j = 0; j < k; j++) {
      const slot = batcher.shift();
      slots[base + j] = slot;
      r.dispatchMs[slot] = now;
      if (ids) ids.push(r.seq[slot]!);
    }
    replica.batchStartMs[local] = now;
    replica.batchServiceMs[local] = serviceMs;
  }

  /** The batch of `k` on instance `local` ended at `now`: each request's egress, then its outcome. */
  finished(now: number, pool: Pool, replica: Replica, local: number, k: number): void {
    const frontend = replica.frontend!;
    const r = this.requests;
    const metrics = this.metrics;
    const tier = pool.tierMetrics;
    const { warmupMs, endMs, withNetwork } = this.dispatch;
    const split = tier !== null || this.dispatch.siteMetrics !== null;
    const startMs = replica.batchStartMs[local]!;
    const serviceMs = replica.batchServiceMs[local]!;
    const slots = replica.batchSlots;
    const base = local * replica.maxBatch;
    let measured = 0;
    let measuredItems = 0;
    for (let j = 0; j < k; j++) {
      const slot = slots[base + j]!;
      const writtenMs = frontend.egress(now);
      const doneMs = writtenMs + r.netOutMs[slot]!;
      const send = r.sendMs[slot]!;
      const isMeasured = send >= warmupMs;
      const completes = doneMs <= endMs;
      if (completes) {
        metrics.series.countCompletion(doneMs, 1);
        if (isMeasured) {
          measured++;
          const routed = r.routedMs[slot]!;
          const batched = r.batchedMs[slot]!;
          const e2e = doneMs - send;
          const wait = routed - r.queuedMs[slot]! + (startMs - batched);
          const front = batched - routed + (writtenMs - now);
          const net = r.netInMs[slot]! + r.netOutMs[slot]!;
          metrics.completion(e2e, wait, net, withNetwork, front);
          measuredItems += r.items[slot]!;
          if (split) this.dispatch.completionApart(tier, slot, e2e, wait, net, front);
        }
      } else if (isMeasured) {
        metrics.unfinished(send);
        if (tier !== null) tier.unfinished(send);
      }
      if (this.trace) this.dispatch.traceRequest(slot, startMs, completes ? doneMs : -1, completes ? 'completed' : 'in_flight');
      r.release(slot);
    }
    if (measured > 0) {
      metrics.compute.recordCount(serviceMs, measured);
      metrics.completedItems += measuredItems;
      if (tier !== null) tier.compute.recordCount(serviceMs, measured);
    }
  }
}
