// One candidate's run, in the order a request lives it: arrival (traffic) → site and placement →
// network → router → replica (dispatch.ts: its HTTP thread, batcher and instances) → network back →
// recorded by the ledger. This file holds the front half — a request until a replica takes it,
// waiting for a ready one if there is none — and the handlers of the other events (wake-ups, time
// series samples, replicas becoming ready, autoscaling, outages); core/event-loop.ts runs them.
// Plain code over typed arrays: events are small integers with one integer payload, nothing is
// allocated or awaited per request. Replicas come and go through the fleet (fleet/fleet.ts),
// driven by the autoscaling driver; construction lives in run-setup.ts.
import { EventQueue } from './core/event-queue.js';
import { runEventLoop, type EventHandlers } from './core/event-loop.js';
import { AT_BATCHER, AT_ROUTER, HOST_DONE, INSTANCE_FREE, OUTAGE_END, OUTAGE_START, REPLICA_READY, SAMPLE, SCALING_DECIDE, SCALING_SAMPLE, WAKE } from './core/events.js';
import { RequestTable } from './core/requests.js';
import type { ArrivalProcess } from './scenario/traffic/arrival-process.js';
import type { NetworkPath } from './scenario/network.js';
import type { Sites } from './scenario/sites.js';
import type { Dispatcher } from './fleet/dispatch.js';
import { DRAINING } from './fleet/replica.js';
import type { Ledger } from './fleet/ledger.js';
import type { MetricsRecorder } from './fleet/metrics/recorder.js';
import type { Fleet } from './fleet/fleet.js';
import type { ScalingDriver } from './fleet/autoscaling.js';
import type { Pool } from './fleet/pool.js';
import type { Placement } from './fleet/placement.js';
import type { RunSpec } from './run-spec.js';
import { setUpRun } from './run-setup.js';

export class CandidateRun implements EventHandlers {
  readonly ledger: Ledger;
  readonly metrics: MetricsRecorder;
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
  private readonly dispatch: Dispatcher;
  private readonly arrivals: ArrivalProcess;
  private readonly itemsPerRequest: number;
  private readonly outages: number[];
  private arrivalCount = 0;
  /** A load generator sharing the (one) replica's cores spends this much CPU per request sent (0: none). */
  private readonly clientCpuMs: number;

  constructor(m: RunSpec) {
    this.endMs = m.durationMs;
    this.arrivals = m.arrivals;
    this.itemsPerRequest = m.itemsPerRequest;
    this.sites = m.sites;
    this.network = m.network;
    const setup = setUpRun(this.queue, this.requests, m, { replicaReady: (now, pool) => this.flushPending(now, pool) });
    this.ledger = setup.ledger;
    this.metrics = setup.ledger.metrics;
    this.tierMetrics = setup.tierMetrics;
    this.fleet = setup.fleet;
    this.pools = setup.fleet.pools;
    this.driver = setup.driver;
    this.placement = setup.placement;
    this.fixed = setup.fixed;
    this.pool0 = this.pools[0]!;
    this.multiPool = this.pools.length > 1;
    this.outages = this.pools.map(() => 0);
    this.dispatch = setup.dispatch;
    this.clientCpuMs = this.pool0.clientCpuMs;
  }

  /** Per site entry, when the scenario declares sites (null otherwise). */
  get siteMetrics() {
    return this.ledger.siteMetrics;
  }

  run(): MetricsRecorder {
    const series = this.metrics.series;
    if (series.boundary(0) < this.endMs) this.queue.push(series.boundary(0), SAMPLE, 0);
    this.driver?.start();
    runEventLoop(this.queue, this.arrivals, this.endMs, this);
    series.close(this.endMs);
    this.finish();
    return this.metrics;
  }

  onBatchDone(now: number, instance: number): void {
    this.dispatch.onBatchDone(now, instance);
  }

  onEvent(kind: number, now: number, payload: number): void {
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
      case HOST_DONE:
        this.fleet.replica(payload)?.host?.onDone(now);
        return;
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

  onArrival(now: number): void {
    const r = this.requests;
    const slot = r.alloc();
    r.seq[slot] = this.arrivalCount++;
    r.sendMs[slot] = now;
    const items = this.arrivals.items;
    r.items[slot] = items > 0 ? items : this.itemsPerRequest;
    r.replica[slot] = -1;
    r.queuedMs[slot] = -1;
    this.ledger.arrived(now);
    if (this.clientCpuMs > 0) this.dispatch.threadJobs.clientSent(now, this.pool0.slots[0]!, this.clientCpuMs);
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
    this.ledger.placed(now, slot, pool, this.placement !== null);
    return pool.tier === 'edge' ? sites.edgeLinks[site]! : sites.cloudLinks[site]!;
  }

  onAtRouter(now: number, slot: number): void {
    const pool = this.multiPool ? this.pools[this.requests.pool[slot]!]! : this.pool0;
    this.requests.queuedMs[slot] = now;
    this.ledger.atPool(pool);
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
      this.dispatch.drop(now, slot, 'too_large');
      return;
    }
    pool.pending.push(slot);
    this.ledger.held(now, pool, slot);
  }

  /** A replica of `pool` became ready (or an outage ended): route what waited for one, oldest first. */
  private flushPending(now: number, pool: Pool): void {
    while (pool.pendingHead < pool.pending.length) {
      const index = pool.router.pick(now, pool, pool.uRoute);
      if (index < 0) break;
      const slot = pool.pending[pool.pendingHead++]!;
      this.ledger.unheld(now, pool);
      this.dispatch.enqueue(now, pool, pool.slots[index]!, slot);
    }
    if (pool.pendingHead === pool.pending.length) {
      pool.pending.length = 0;
      pool.pendingHead = 0;
    }
  }

  /** Measured requests held, queued, executing or on their way in when the run ends. */
  private finish(): void {
    const r = this.requests;
    for (let slot = 0; slot < r.highWater; slot++) {
      if (r.live[slot] !== 1) continue;
      this.ledger.unfinishedAtEnd(slot);
      if (this.ledger.tracing) this.dispatch.traceInFlight(slot);
    }
    this.dispatch.finish();
    this.fleet.finish();
  }
}
