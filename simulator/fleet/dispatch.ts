// A request's life at its replica: offered to the batcher, served by the batcher's driver protocol
// (engine/policies/batcher.ts), started in a batch on a free instance with its service time drawn
// from the pool's profile — its outcome and latencies are recorded then, its end time being fixed
// — and the instance released when the batch ends; or dropped (queue full, too large, timed out).
// Keeps the autoscaler's measurements of ready replicas current. Owned and called by run.ts. A
// replica with a frontend (its HTTP thread) takes the path of frontend-path.ts around its batcher:
// there a request's end is known only when its batch ends, so it is recorded then.
import { BATCH_DONE, INSTANCE_FREE, WAKE } from '../core/events.js';
import type { EventQueue } from '../core/event-queue.js';
import type { RequestTable } from '../core/requests.js';
import { DRAINING, READY, type Replica } from './replica.js';
import type { DropReason, MetricsRecorder } from './metrics/recorder.js';
import type { SiteRecorder } from './metrics/site-recorder.js';
import type { Fleet } from './fleet.js';
import type { Pool } from './pool.js';
import type { Sites } from '../scenario/sites.js';
import type { DynamicBatcher } from '../../policies/batcher.js';
import type { RequestRecord, RunTrace } from '../core/run-trace.js';
import { FrontendPath } from './frontend-path.js';

export class Dispatcher {
  private readonly onExpired = (slot: number): void => this.dropQueued(slot, 'timeout');
  private expiringAt = 0;
  private expiring: Replica | null = null;
  private readonly pools: Pool[];
  private readonly instanceOwner: Replica[];
  /** The path through replicas with a frontend (null when no pool has one). */
  private readonly fronted: FrontendPath | null;

  constructor(
    readonly queue: EventQueue,
    readonly requests: RequestTable,
    readonly metrics: MetricsRecorder,
    readonly fleet: Fleet,
    readonly warmupMs: number,
    readonly endMs: number,
    readonly withNetwork: boolean,
    /** Results per tier are kept (the candidate has a placement). */
    private readonly tiered: boolean,
    private readonly sites: Sites | null,
    readonly siteMetrics: SiteRecorder[] | null,
    readonly trace: RunTrace | undefined,
  ) {
    this.pools = fleet.pools;
    this.instanceOwner = fleet.instanceOwner;
    this.fronted = this.pools.some((p) => p.frontend !== null)
      ? new FrontendPath(this)
      : null;
  }

  /** Offers a request to a ready replica's batcher and serves it (through its HTTP thread's ingress first, if it has one). */
  enqueue(now: number, pool: Pool, replica: Replica, slot: number): void {
    const r = this.requests;
    r.replica[slot] = replica.id;
    if (this.trace) r.routedMs[slot] = now;
    if (replica.frontend !== null) {
      this.fronted!.ingress(now, pool, replica, slot);
      return;
    }
    const outcome = replica.batcher.offer(now, slot, r.items[slot]!);
    if (outcome !== 'accepted') {
      this.settleDrop(now, slot, outcome);
      return;
    }
    pool.outstanding[replica.slot]!++;
    this.metrics.series.queue(1, now);
    const s = pool.scaler;
    if (s !== null) {
      s.inFlight.change(1, now);
      s.queued.change(1, now);
    }
    this.serve(now, pool, replica);
  }

  /** A request's ingress on its replica's HTTP thread ended (an AT_BATCHER event). */
  onAtBatcher(now: number, slot: number): void {
    this.fronted!.atBatcher(now, slot);
  }

  onBatchDone(now: number, instance: number): void {
    const replica = this.instanceOwner[instance]!;
    const pool = this.pools[replica.pool]!;
    const local = instance - replica.instanceBase;
    const done = replica.batchRequests[local]!;
    pool.outstanding[replica.slot]! -= done;
    const series = this.metrics.series;
    series.inService.change(-done, now);
    const s = pool.scaler;
    if (s !== null && replica.state === READY) s.inFlight.change(-done, now);
    if (replica.frontend !== null) {
      // The engine releases the instance in the result's callback on the HTTP thread, so a busy
      // thread keeps the instance held until it picks the result up (then the responses follow).
      const pickup = replica.frontend.freeAt;
      this.fronted!.finished(now, pool, replica, local, done);
      if (pickup > now) {
        this.queue.push(pickup, INSTANCE_FREE, instance);
        return;
      }
    }
    this.onInstanceFree(now, instance);
  }

  /** An instance is free again: its batch ended and (with a frontend) its result was picked up. */
  onInstanceFree(now: number, instance: number): void {
    const replica = this.instanceOwner[instance]!;
    const pool = this.pools[replica.pool]!;
    this.metrics.series.busy.change(-1, now);
    const s = pool.scaler;
    if (s !== null && replica.state === READY) s.busy.change(-1, now);
    replica.releaseInstance(instance - replica.instanceBase);
    this.serve(now, pool, replica);
    if (replica.state === DRAINING) this.fleet.retireIfIdle(pool, replica, now);
  }

  /**
   * The batcher's driver protocol (engine/policies/batcher.ts): drop what timed out, start batches
   * while an instance is free and the batcher says go, then arrange to be woken when its answer
   * can change with no new event.
   */
  serve(now: number, pool: Pool, replica: Replica): void {
    const batcher = replica.batcher;
    if (batcher.length === 0) return;
    this.expiringAt = now;
    this.expiring = replica;
    if (batcher.queueTimeoutMs !== Number.POSITIVE_INFINITY) batcher.expire(now, this.onExpired);
    let k: number;
    while (replica.freeCount > 0 && (k = batcher.ready(now)) > 0) this.startBatch(now, pool, replica, k);
    if (batcher.length === 0) return;
    const wake = batcher.nextWake(replica.freeCount > 0);
    if (wake < replica.wakeAt && wake !== Number.POSITIVE_INFINITY) {
      replica.wakeAt = wake;
      this.queue.push(wake, WAKE, replica.key);
    }
  }

  private startBatch(now: number, pool: Pool, replica: Replica, k: number): void {
    const batcher = replica.batcher;
    let items = 0;
    for (let j = 0; j < k; j++) items += batcher.itemsAt(j);
    const serviceMs = pool.serviceTime.sample(items, replica.u);
    const end = now + serviceMs;
    const local = replica.takeInstance();
    const instance = replica.instanceBase + local;
    const ids = this.trace ? ([] as number[]) : null;
    if (replica.frontend === null) this.settleAtStart(now, pool, replica.batcher, k, serviceMs, end, ids);
    else this.fronted!.started(now, replica, local, k, serviceMs, ids);
    const metrics = this.metrics;
    const tier = pool.tierMetrics;
    metrics.batch(now, end, items, instance);
    if (tier !== null) tier.batch(now, end, items, instance);
    const series = metrics.series;
    series.queue(-k, now);
    series.inService.change(k, now);
    series.busy.change(1, now);
    const s = pool.scaler;
    if (s !== null && replica.state === READY) {
      s.queued.change(-k, now);
      s.busy.change(1, now);
    }
    replica.batchRequests[local] = k;
    if (ids) this.trace!.onBatch({ pool: pool.index, replica: replica.id, instance: local, startMs: now, endMs: end, items, requestIds: ids });
    this.queue.push(end, BATCH_DONE, instance);
  }

  /** Without a frontend a request's end is fixed when its batch starts: takes the k requests off the batcher and records them. */
  private settleAtStart(now: number, pool: Pool, batcher: DynamicBatcher, k: number, serviceMs: number, end: number, ids: number[] | null): void {
    const metrics = this.metrics;
    const tier = pool.tierMetrics;
    const split = tier !== null || this.siteMetrics !== null;
    const r = this.requests;
    const measureFrom = this.warmupMs;
    const endMs = this.endMs;
    const withNetwork = this.withNetwork;
    let measured = 0;
    let measuredItems = 0;
    let completing = 0;
    for (let j = 0; j < k; j++) {
      const slot = batcher.shift();
      const send = r.sendMs[slot]!;
      const doneMs = end + r.netOutMs[slot]!;
      const isMeasured = send >= measureFrom;
      if (doneMs <= endMs) {
        completing++;
        if (withNetwork) metrics.series.countCompletion(doneMs, 1);
        if (isMeasured) {
          measured++;
          const e2e = doneMs - send;
          const wait = now - r.queuedMs[slot]!;
          const net = r.netInMs[slot]! + r.netOutMs[slot]!;
          metrics.completion(e2e, wait, net, withNetwork);
          measuredItems += r.items[slot]!;
          if (split) this.completionApart(tier, slot, e2e, wait, net, 0);
        }
      } else if (isMeasured) {
        metrics.unfinished(send);
        if (tier !== null) tier.unfinished(send);
      }
      if (ids) {
        ids.push(r.seq[slot]!);
        this.traceRequest(slot, now, doneMs <= endMs ? doneMs : -1, doneMs <= endMs ? 'completed' : 'in_flight');
      }
      r.release(slot);
    }
    if (measured > 0) {
      metrics.compute.recordCount(serviceMs, measured);
      metrics.completedItems += measuredItems;
      if (tier !== null) tier.compute.recordCount(serviceMs, measured);
    }
    if (!withNetwork && completing > 0) metrics.series.countCompletion(end, completing); // all complete at `end`
  }

  /** A measured completion, also for its tier and its site (kept out of the hot loops). */
  completionApart(tier: MetricsRecorder | null, slot: number, e2e: number, wait: number, net: number, frontend: number): void {
    const r = this.requests;
    if (tier !== null) {
      tier.completion(e2e, wait, net, this.withNetwork, frontend);
      tier.completedItems += r.items[slot]!;
    }
    if (this.siteMetrics !== null) this.siteMetrics[this.sites!.entryOf[r.site[slot]!]!]!.latency.record(e2e);
  }

  /** A queued request outwaited queue_timeout_ms (called back by batcher.expire during serve). */
  private dropQueued(slot: number, reason: DropReason): void {
    const replica = this.expiring!;
    const pool = this.pools[replica.pool]!;
    const now = this.expiringAt;
    this.metrics.series.queue(-1, now);
    pool.outstanding[replica.slot]!--;
    const s = pool.scaler;
    if (s !== null && replica.state === READY) {
      s.inFlight.change(-1, now);
      s.queued.change(-1, now);
    }
    this.settleDrop(now, slot, reason);
  }

  settleDrop(now: number, slot: number, reason: DropReason): void {
    const r = this.requests;
    if (r.sendMs[slot]! >= this.warmupMs) {
      this.metrics.drop(reason);
      if (this.tiered) this.pools[r.pool[slot]!]!.tierMetrics!.drop(reason);
    }
    this.metrics.series.countDrop(now);
    if (this.trace) this.traceRequest(slot, -1, -1, reason, now);
    r.release(slot);
  }

  /** A request still in the system at the end, to the trace. */
  traceInFlight(slot: number): void {
    const r = this.requests;
    const fronted = r.replica[slot]! >= 0 && this.pools[r.pool[slot]!]!.frontend !== null;
    this.traceRequest(slot, fronted ? r.dispatchMs[slot]! : -1, -1, 'in_flight');
  }

  traceRequest(slot: number, dispatchMs: number, doneMs: number, outcome: RequestRecord['outcome'], droppedMs = -1): void {
    const r = this.requests;
    const replica = r.replica[slot]!;
    const record: RequestRecord = {
      id: r.seq[slot]!,
      sendMs: r.sendMs[slot]!,
      queuedMs: r.queuedMs[slot]!,
      routedMs: replica >= 0 ? r.routedMs[slot]! : -1,
      pool: r.pool[slot]!,
      site: r.site[slot]!,
      replica,
      dispatchMs,
      doneMs,
      droppedMs,
      outcome,
    };
    if (this.pools[r.pool[slot]!]!.frontend !== null) record.batchedMs = replica >= 0 ? r.batchedMs[slot]! : -1;
    this.trace!.onRequest(record);
  }
}
