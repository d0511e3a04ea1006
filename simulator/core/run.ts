// The event loop for one candidate, in the order a request lives it: arrival (traffic) → site and
// placement → network → router → replica queue and dynamic batcher → an instance executes the
// batch (service time from the pool's profile) → network back → metrics. Plain code over typed
// arrays: events are small integers with one integer payload on the EventQueue heap, nothing is
// allocated or awaited per request. A request's outcome is known when its batch starts (its end
// time is then fixed), so latencies are recorded at dispatch; only the instance's release is a
// future event. A replica with a frontend (its HTTP thread, frontend.ts) adds an event after the
// ingress and records at the batch's end, after the egress (frontend-path.ts). This file is the front half (arrival, site, placement, network, router, waiting for
// a ready replica) and the loop; dispatch.ts is the replica side. Replicas come and go through the
// fleet (replica-lifecycle.ts), driven by the autoscaling driver (autoscaling.ts); construction
// lives in run-setup.ts.
import { EventQueue } from './event-queue.js';
import { AT_BATCHER, AT_ROUTER, BATCH_DONE, INSTANCE_FREE, OUTAGE_END, OUTAGE_START, REPLICA_READY, SAMPLE, SCALING_DECIDE, SCALING_SAMPLE, WAKE } from './events.js';
import { Dispatcher } from '../fleet/dispatch.js';
import type { ArrivalProcess } from '../scenario/traffic/arrival-process.js';
import type { NetworkPath } from '../scenario/network.js';
import { RequestTable } from './requests.js';
import { DRAINING } from '../fleet/replica.js';
import type { MetricsRecorder } from '../fleet/metrics/recorder.js';
import { SiteRecorder } from '../fleet/metrics/site-recorder.js';
import type { Fleet } from '../fleet/fleet.js';
import type { ScalingDriver } from '../fleet/autoscaling.js';
import type { Pool } from '../fleet/pool.js';
import type { Placement } from '../fleet/placement.js';
import type { Sites } from '../scenario/sites.js';
import type { RunTrace } from './run-trace.js';
import { setUpRun } from './run-setup.js';
import type { RunSpec } from './run-spec.js';

export type { BatchRecord, ReplicaRecord, RequestRecord, RunTrace, ScaleRecord } from './run-trace.js';

export class CandidateRun {
  readonly metrics: MetricsRecorder;
  /** Per site entry, when the scenario declares sites (null otherwise). */
  readonly siteMetrics: SiteRecorder[] | null;
  /** Per-tier recorders (only with tiers). */
  readonly tierMetrics: { cloud: MetricsRecorder | null; edge: MetricsRecorder | null };
  readonly fleet: Fleet;
  readonly pools: Pool[];
  readonly driver: ScalingDriver | null;
  /** True when no replica can come or go after the start (no autoscaler, no outage). */
  readonly fixed: boolean;
  readonly queue = new EventQueue();
  private readonly requests = new RequestTable();
  private readonly pool0: Pool;
  private readonly multiPool: boolean;
  private readonly placement: Placement | null;
  private readonly sites: Sites | null;
  private readonly network: NetworkPath;
  private readonly endMs: number;
  private readonly warmupMs: number;
  private readonly trace: RunTrace | undefined;
  private readonly dispatch: Dispatcher;
  private readonly arrivals: ArrivalProcess;
  private readonly itemsPerRequest: number;
  private readonly outages: number[];
  private arrivalCount = 0;

  constructor(m: RunSpec) {
    this.endMs = m.durationMs;
    this.warmupMs = m.warmupMs;
    this.trace = m.trace;
    this.arrivals = m.arrivals;
    this.itemsPerRequest = m.itemsPerRequest;
    this.sites = m.sites;
    this.network = m.network;
    const setup = setUpRun(this.queue, m, { replicaReady: (now, pool) => this.flushPending(now, pool) });
    this.metrics = setup.metrics;
    this.tierMetrics = setup.tierMetrics;
    this.fleet = setup.fleet;
    this.pools = setup.fleet.pools;
    this.driver = setup.driver;
    this.placement = setup.placement;
    this.fixed = setup.fixed;
    this.pool0 = this.pools[0]!;
    this.multiPool = this.pools.length > 1;
    this.outages = this.pools.map(() => 0);
    this.siteMetrics = m.sitesDeclared && m.sites ? m.sites.entryNames.map(() => new SiteRecorder()) : null;
    const withNetwork = m.sites ? m.sites.cloudLinks.some((l) => l.active) || m.sites.edgeLinks.some((l) => l.active) : m.network.active;
    this.dispatch = new Dispatcher(this.queue, this.requests, this.metrics, this.fleet, m.warmupMs, m.durationMs, withNetwork, m.topology.tiered, m.sites, this.siteMetrics, m.trace);
  }

  run(): MetricsRecorder {
    const q = this.queue;
    const series = this.metrics.series;
    const end = this.endMs;
    let nextArrival = this.arrivals.next();
    if (series.boundary(0) < end) q.push(series.boundary(0), SAMPLE, 0);
    this.driver?.start();
    for (;;) {
      // The traffic source is merged with the heap rather than kept in it (one heap push and pop
      // fewer per request). At equal times scheduled events go first: a batch that ends at t frees
      // its instance before a request arriving at t is queued.
      const scheduled = q.peekTime();
      if (nextArrival < scheduled) {
        if (nextArrival >= end) break;
        this.onArrival(nextArrival);
        nextArrival = this.arrivals.next();
        continue;
      }
      if (scheduled > end) break;
      const kind = q.pop();
      const now = q.time;
      // The per-request events are handled here; the rest in onOtherEvent, which keeps this loop
      // small enough for V8 to inline the heap's pop.
      if (kind === AT_ROUTER) this.onAtRouter(now, q.payload);
      else if (kind === BATCH_DONE) this.dispatch.onBatchDone(now, q.payload);
      else this.onOtherEvent(kind, now, q.payload);
    }
    series.close(end);
    this.finish();
    return this.metrics;
  }

  private onOtherEvent(kind: number, now: number, payload: number): void {
    switch (kind) {
      case INSTANCE_FREE:
        this.dispatch.onInstanceFree(now, payload);
        return;
      case AT_BATCHER:
        this.dispatch.onAtBatcher(now, payload);
        return;
      case WAKE: {
        const replica = this.fleet.replica(payload);
        if (replica === null) return; // gone since
        if (replica.wakeAt <= now) replica.wakeAt = Number.POSITIVE_INFINITY;
        const pool = this.pools[replica.pool]!;
        this.dispatch.serve(now, pool, replica);
        if (replica.state === DRAINING) this.fleet.retireIfIdle(pool, replica, now); // its queue may have timed out
        return;
      }
      case SAMPLE: {
        const series = this.metrics.series;
        series.close(now);
        if (series.boundary(payload + 1) < this.endMs) this.queue.push(series.boundary(payload + 1), SAMPLE, payload + 1);
        return;
      }
      case REPLICA_READY:
        this.fleet.onReady(now, payload);
        return;
      case SCALING_SAMPLE:
        this.driver!.onSample(now);
        return;
      case SCALING_DECIDE:
        this.driver!.onDecide(now, payload);
        return;
      case OUTAGE_START:
      case OUTAGE_END: {
        const before = this.outages[payload]!;
        const after = (this.outages[payload] = before + (kind === OUTAGE_START ? 1 : -1));
        if ((before === 0) !== (after === 0)) this.fleet.setDown(this.pools[payload]!, after > 0, now);
        return;
      }
    }
  }

  private onArrival(now: number): void {
    const r = this.requests;
    const slot = r.alloc();
    r.seq[slot] = this.arrivalCount++;
    r.sendMs[slot] = now;
    const items = this.arrivals.items;
    r.items[slot] = items > 0 ? items : this.itemsPerRequest;
    r.replica[slot] = -1;
    r.queuedMs[slot] = -1;
    if (now >= this.warmupMs) this.metrics.arrived++;
    this.metrics.series.countArrival();
    const network = this.sites === null ? this.network : this.placeOnSite(now, slot);
    if (network.active) {
      const there = network.draw(r.items[slot]!);
      r.netInMs[slot] = there;
      r.netOutMs[slot] = network.returnMs;
      this.queue.push(now + there, AT_ROUTER, slot);
    } else {
      r.netInMs[slot] = 0;
      r.netOutMs[slot] = 0;
      this.onAtRouter(now, slot);
    }
  }

  /** Draws the request's site, places it on a pool (edge or cloud) and returns the link it takes. */
  private placeOnSite(now: number, slot: number): NetworkPath {
    const sites = this.sites!;
    const r = this.requests;
    const site = sites.draw();
    const pool = this.placement === null ? this.pool0 : this.placement.choose(site);
    r.site[slot] = site;
    r.pool[slot] = pool.index;
    const edge = pool.tier === 'edge';
    const measured = now >= this.warmupMs;
    if (this.placement !== null) {
      this.metrics.series.countPlacement(now, edge);
      if (measured) pool.tierMetrics!.arrived++;
    }
    if (this.siteMetrics !== null && measured) {
      const sm = this.siteMetrics[sites.entryOf[site]!]!;
      sm.arrived++;
      if (edge) sm.atEdge++;
    }
    return edge ? sites.edgeLinks[site]! : sites.cloudLinks[site]!;
  }

  private onAtRouter(now: number, slot: number): void {
    const pool = this.multiPool ? this.pools[this.requests.pool[slot]!]! : this.pool0;
    this.requests.queuedMs[slot] = now;
    if (pool.scaler !== null) pool.scaler.arrivals++;
    if (pool.single) {
      this.dispatch.enqueue(now, pool, pool.slots[0]!, slot);
      return;
    }
    const index = pool.router.pick(now, pool, pool.uRoute);
    if (index >= 0) this.dispatch.enqueue(now, pool, pool.slots[index]!, slot);
    else this.hold(now, pool, slot);
  }

  /** No replica can take the request: it waits for one (Knative's activator, Ray's handle queue). */
  private hold(now: number, pool: Pool, slot: number): void {
    if (this.requests.items[slot]! > pool.batching.max_batch_size) {
      this.dispatch.settleDrop(now, slot, 'too_large');
      return;
    }
    pool.pending.push(slot);
    if (this.requests.sendMs[slot]! >= this.warmupMs) this.metrics.held++;
    this.metrics.series.queue(1, now);
    this.metrics.series.pending.change(1, now);
    pool.scaler?.pending.change(1, now);
  }

  /** A replica of `pool` became ready (or an outage ended): route what waited for one, oldest first. */
  private flushPending(now: number, pool: Pool): void {
    const series = this.metrics.series;
    while (pool.pendingHead < pool.pending.length) {
      const index = pool.router.pick(now, pool, pool.uRoute);
      if (index < 0) break;
      const slot = pool.pending[pool.pendingHead++]!;
      series.queue(-1, now);
      series.pending.change(-1, now);
      pool.scaler?.pending.change(-1, now);
      this.dispatch.enqueue(now, pool, pool.slots[index]!, slot);
    }
    if (pool.pendingHead === pool.pending.length) {
      pool.pending.length = 0;
      pool.pendingHead = 0;
    }
  }

  /** Measured requests still held, queued or on their way in when the run ends. */
  private finish(): void {
    const r = this.requests;
    for (let slot = 0; slot < r.highWater; slot++) {
      if (r.live[slot] !== 1) continue;
      if (r.sendMs[slot]! >= this.warmupMs) {
        this.metrics.unfinished(r.sendMs[slot]!);
        if (this.placement !== null) this.pools[r.pool[slot]!]!.tierMetrics!.unfinished(r.sendMs[slot]!);
      }
      if (this.trace) this.dispatch.traceInFlight(slot);
    }
    this.fleet.finish();
  }
}
