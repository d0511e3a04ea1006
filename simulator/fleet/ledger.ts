// The one owner of what a run counts. Every step of a request's life (arrived, held for a ready
// replica, taken by a replica, queued, in a batch, answered or dropped) and of a replica's (asked
// for, ready, draining, gone) is reported here, and here alone are the counters it moves: the
// candidate's and its tier's recorders, each site's, the time series' levels, the router's
// outstanding requests per replica, and the autoscaler's measurements (pool-scaler.ts). The run
// (simulator/run.ts), the dispatcher (dispatch.ts) and the fleet (fleet.ts) report; summary.ts
// reads. A request's outcome is recorded when it is answered, at its batch's end (after its
// egress on the HTTP thread, where there is one), never when its batch starts: a batch's end may
// move while it runs once replicas share CPUs.
import type { RequestTable } from '../core/requests.js';
import type { DropReason, RunTrace, RequestRecord } from '../core/run-trace.js';
import type { Sites } from '../scenario/sites.js';
import type { MetricsRecorder } from './metrics/recorder.js';
import type { SiteRecorder } from './metrics/site-recorder.js';
import { FleetStats } from './metrics/fleet-stats.js';
import type { Pool, Tier } from './pool.js';
import { READY, type Replica } from './replica.js';

/** What answered() says of a request: after the run's end, within it, within it and measured. */
export const ANSWERED_LATE = 0;
export const ANSWERED = 1;
export const ANSWERED_MEASURED = 2;

export class Ledger {
  /** The run's pools by index (the fleet adds them). */
  readonly pools: Pool[] = [];
  readonly total: FleetStats;
  readonly tiers: Record<Tier, FleetStats>;

  constructor(
    private readonly requests: RequestTable,
    /** The candidate's recorder; each pool's tier recorder (if any) is `pool.tierMetrics`. */
    readonly metrics: MetricsRecorder,
    /** The candidate's recorder and its tiers' (per-instance busy time grows with the fleet). */
    private readonly recorders: readonly MetricsRecorder[],
    /** Per site entry, when the scenario declares sites. */
    readonly siteMetrics: SiteRecorder[] | null,
    private readonly sites: Sites | null,
    readonly warmupMs: number,
    readonly endMs: number,
    /** Requests cross a network (its legs are recorded). */
    readonly withNetwork: boolean,
    /** Results per tier are kept (the candidate has a placement). */
    private readonly tiered: boolean,
    readonly trace: RunTrace | undefined,
  ) {
    this.total = new FleetStats(warmupMs, endMs);
    this.tiers = { cloud: new FleetStats(warmupMs, endMs), edge: new FleetStats(warmupMs, endMs) };
  }

  // ---- a request's life ----------------------------------------------------------------------

  /** A request was sent at `now`. */
  arrived(now: number): void {
    if (now >= this.warmupMs) this.metrics.arrived++;
    this.metrics.series.countArrival();
  }

  /** The request in `slot`, sent from `site`, was placed on `pool` (with tiers or sites). */
  placed(now: number, slot: number, pool: Pool, placing: boolean): void {
    const measured = now >= this.warmupMs;
    const edge = pool.tier === 'edge';
    if (placing) {
      this.metrics.series.countPlacement(now, edge);
      if (measured) pool.tierMetrics!.arrived++;
    }
    if (this.siteMetrics !== null && measured) {
      const sm = this.siteMetrics[this.sites!.entryOf[this.requests.site[slot]!]!]!;
      sm.arrived++;
      if (edge) sm.atEdge++;
    }
  }

  /** A request reached its pool (the autoscaler counts arrivals there). */
  atPool(pool: Pool): void {
    if (pool.scaler !== null) pool.scaler.arrivals++;
  }

  /** No replica could take the request: it waits for one. */
  held(now: number, pool: Pool, slot: number): void {
    if (this.requests.sendMs[slot]! >= this.warmupMs) this.metrics.held++;
    const series = this.metrics.series;
    series.queue(1, now);
    series.pending.change(1, now);
    pool.scaler?.pending.change(1, now);
  }

  /** A held request was routed to a replica that became ready. */
  unheld(now: number, pool: Pool): void {
    const series = this.metrics.series;
    series.queue(-1, now);
    series.pending.change(-1, now);
    pool.scaler?.pending.change(-1, now);
  }

  /** The replica's batcher took the request (no HTTP thread in front of it). */
  enqueued(now: number, pool: Pool, replica: Replica): void {
    pool.outstanding[replica.slot]!++;
    this.metrics.series.queue(1, now);
    const s = pool.scaler;
    if (s !== null) {
      s.inFlight.change(1, now);
      s.queued.change(1, now);
    }
  }

  /** The request joined the replica's HTTP thread for its ingress: in flight there from now on, as the engine counts it. */
  ingressStarted(now: number, pool: Pool, replica: Replica): void {
    pool.outstanding[replica.slot]!++;
    pool.scaler?.inFlight.change(1, now);
  }

  /** After its ingress, the batcher refused the request (the drop itself is reported by dropped()). */
  refusedAfterIngress(now: number, pool: Pool, replica: Replica): void {
    pool.outstanding[replica.slot]!--;
    if (replica.state === READY) pool.scaler?.inFlight.change(-1, now);
  }

  /** After its ingress, the batcher took the request. */
  queuedAfterIngress(now: number, pool: Pool, replica: Replica): void {
    this.metrics.series.queue(1, now);
    if (replica.state === READY) pool.scaler?.queued.change(1, now);
  }

  /** A queued request outwaited queue_timeout_ms (the drop itself is reported by dropped()). */
  expired(now: number, pool: Pool, replica: Replica): void {
    this.metrics.series.queue(-1, now);
    pool.outstanding[replica.slot]!--;
    const s = pool.scaler;
    if (s !== null && replica.state === READY) {
      s.inFlight.change(-1, now);
      s.queued.change(-1, now);
    }
  }

  /** A batch of `k` requests started on an instance of `replica`. */
  batchStarted(now: number, pool: Pool, replica: Replica, k: number): void {
    const series = this.metrics.series;
    series.queue(-k, now);
    series.inService.change(k, now);
    series.busy.change(1, now);
    const s = pool.scaler;
    if (s !== null && replica.state === READY) {
      s.queued.change(-k, now);
      s.busy.change(1, now);
    }
  }

  /**
   * The batch of `k` requests and `items` items that started at `startMs` on run-wide instance
   * `instance` ended (its instance may stay held until the HTTP thread picks the result up).
   */
  batchEnded(now: number, pool: Pool, replica: Replica, k: number, startMs: number, items: number, instance: number): void {
    this.metrics.batch(startMs, now, items, instance);
    if (pool.tierMetrics !== null) pool.tierMetrics.batch(startMs, now, items, instance);
    pool.outstanding[replica.slot]! -= k;
    this.metrics.series.inService.change(-k, now);
    const s = pool.scaler;
    if (s !== null && replica.state === READY) s.inFlight.change(-k, now);
  }

  /** An instance is free again. */
  instanceFreed(now: number, pool: Pool, replica: Replica): void {
    this.metrics.series.busy.change(-1, now);
    const s = pool.scaler;
    if (s !== null && replica.state === READY) s.busy.change(-1, now);
  }

  /**
   * The request in `slot` was answered: the client has it at `doneMs`, after `waitMs` in queues (of
   * which `inBatcherMs` in its replica's batcher, split by r.batchWaitMs), `networkMs` on the wire
   * and `frontendMs` on the replica's HTTP thread. Returns ANSWERED_LATE
   * when that is after the run's end (it is in flight then), else ANSWERED, or ANSWERED_MEASURED
   * when it was also sent in the measured window.
   */
  answered(pool: Pool, slot: number, doneMs: number, waitMs: number, inBatcherMs: number, networkMs: number, frontendMs: number): number {
    const r = this.requests;
    const send = r.sendMs[slot]!;
    const measured = send >= this.warmupMs;
    if (doneMs > this.endMs) {
      if (measured) {
        this.metrics.unfinished(send);
        if (pool.tierMetrics !== null) pool.tierMetrics.unfinished(send);
      }
      return ANSWERED_LATE;
    }
    const metrics = this.metrics;
    metrics.series.countCompletion(doneMs, 1);
    if (!measured) return ANSWERED;
    {
      const e2e = doneMs - send;
      const batchWait = r.batchWaitMs[slot]!;
      const instanceWait = inBatcherMs > batchWait ? inBatcherMs - batchWait : 0;
      metrics.completion(e2e, waitMs, batchWait, instanceWait, networkMs, this.withNetwork, frontendMs);
      metrics.completedItems += r.items[slot]!;
      const tier = pool.tierMetrics;
      if (tier !== null) {
        tier.completion(e2e, waitMs, batchWait, instanceWait, networkMs, this.withNetwork, frontendMs);
        tier.completedItems += r.items[slot]!;
      }
      if (this.siteMetrics !== null) this.siteMetrics[this.sites!.entryOf[r.site[slot]!]!]!.latency.record(e2e);
    }
    return ANSWERED_MEASURED;
  }

  /** Of a batch that ran `serviceMs`, `measured` requests were answered within the run and measured. */
  computed(pool: Pool, serviceMs: number, measured: number): void {
    if (measured === 0) return;
    this.metrics.compute.recordCount(serviceMs, measured);
    if (pool.tierMetrics !== null) pool.tierMetrics.compute.recordCount(serviceMs, measured);
  }

  /** The request in `slot` was dropped at `now`. */
  dropped(now: number, slot: number, reason: DropReason): void {
    const r = this.requests;
    if (r.sendMs[slot]! >= this.warmupMs) {
      this.metrics.drop(reason);
      if (this.tiered) this.pools[r.pool[slot]!]!.tierMetrics!.drop(reason);
    }
    this.metrics.series.countDrop(now);
  }

  /** A batch still running when the run ends: its instance was busy from `startMs` to the end. */
  batchRunningAtEnd(pool: Pool, startMs: number, items: number, instance: number): void {
    this.metrics.batch(startMs, Number.POSITIVE_INFINITY, items, instance);
    if (pool.tierMetrics !== null) pool.tierMetrics.batch(startMs, Number.POSITIVE_INFINITY, items, instance);
  }

  /** A measured request still in the system when the run ends. */
  unfinishedAtEnd(slot: number): void {
    const send = this.requests.sendMs[slot]!;
    if (send < this.warmupMs) return;
    this.metrics.unfinished(send);
    if (this.tiered) this.pools[this.requests.pool[slot]!]!.tierMetrics!.unfinished(send);
  }

  // ---- a replica's life ----------------------------------------------------------------------

  /** A replica of `pool` was asked for (billed from now on). */
  replicaAsked(pool: Pool, now: number): void {
    this.count(pool, 'billed', 1, now);
    this.metrics.series.provisioned.change(1, now);
  }

  replicaReady(pool: Pool, now: number): void {
    this.count(pool, 'ready', 1, now);
    this.count(pool, 'readyInstances', pool.instances, now);
    this.metrics.series.replicas.change(1, now);
    pool.scaler?.readyChanged(pool.instances, now);
  }

  /** A ready replica started draining: its work no longer counts as the pool's. */
  replicaDraining(pool: Pool, replica: Replica, now: number): void {
    this.count(pool, 'ready', -1, now);
    this.count(pool, 'readyInstances', -pool.instances, now);
    this.metrics.series.replicas.change(-1, now);
    pool.scaler?.drained(pool.outstanding[replica.slot]!, replica.batcher.length, replica.instances - replica.freeCount, replica.instances, now);
  }

  replicaGone(pool: Pool, replica: Replica, now: number): void {
    if (replica.frontend !== null) pool.frontendBusyMs[replica.slot]! += replica.frontendBusyMs;
    if (replica.host !== null) {
      replica.host.close(now);
      pool.cpuBusyThreadMs += replica.host.busyThreadMs;
    }
    this.count(pool, 'billed', -1, now);
    this.metrics.series.provisioned.change(-1, now);
  }

  /** The pool now asks for `desired` replicas. */
  desiredChanged(pool: Pool, desired: number, now: number): void {
    this.metrics.series.desired.change(desired - pool.desired, now);
    pool.desired = desired;
  }

  /** Knative's modes after a decision of `pool`'s autoscaler (undefined: the policy has no such mode). */
  autoscalerModes(pool: Pool, panic: boolean | undefined, activatorInPath: boolean | undefined, now: number): void {
    const s = pool.scaler!;
    const series = this.metrics.series;
    if (panic !== undefined) {
      const v = panic ? 1 : 0;
      s.panic.change(v - s.panic.value, now);
      series.panic.change(v - series.panic.value, now);
    }
    if (activatorInPath !== undefined) {
      const v = activatorInPath ? 1 : 0;
      s.activator.change(v - s.activator.value, now);
      series.activator.change(v - series.activator.value, now);
    }
  }

  /** Run-wide instance indices now go up to `total`. */
  instancesAllocated(total: number): void {
    for (const m of this.recorders) m.ensureInstances(total);
  }

  private count(pool: Pool, what: 'ready' | 'billed' | 'readyInstances', delta: number, now: number): void {
    this.total[what].change(delta, now);
    this.tiers[pool.tier][what].change(delta, now);
  }

  // ---- the trace (tests and debugging) -------------------------------------------------------

  get tracing(): boolean {
    return this.trace !== undefined;
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
