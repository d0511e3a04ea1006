// The fleet: every replica of a run through its life — asked for (billed from now on), provisioning
// and loading the model (not routable), ready (the router sees it), draining (no new requests; it
// finishes its queue and executing batches), gone (billing stops, its slot is reused). Scale-down
// cancels replicas still starting first, then drains ready ones newest first. Keeps the replica
// counts over the measured window (ready, billed) per tier and in total, and the time series' levels.
// A replica with a frontend (frontend.ts) gets its HTTP thread here, and drains until that is idle.
// Driven by run.ts (start, batches) and autoscaling.ts (scaleTo).
import type { EventQueue } from '../core/event-queue.js';
import { REPLICA_READY, WAKE } from '../core/events.js';
import { Frontend } from './frontend.js';
import { DRAINING, GONE, PROVISIONING, READY, Replica } from './replica.js';
import type { Pool, Tier } from './pool.js';
import type { MetricsRecorder } from './metrics/recorder.js';
import { WindowStat } from './metrics/window-stat.js';
import type { RunTrace } from '../core/run-trace.js';

/** Replica counts over the measured window, for a tier or the whole candidate. */
export class FleetStats {
  /** Replicas ready (serving). */
  readonly ready: WindowStat;
  /** Replicas billed: every one that exists, starting, ready or draining. */
  readonly billed: WindowStat;
  /** Instances of ready replicas (what utilisation is measured against). */
  readonly readyInstances: WindowStat;

  constructor(fromMs: number, toMs: number) {
    this.ready = new WindowStat(fromMs, toMs);
    this.billed = new WindowStat(fromMs, toMs);
    this.readyInstances = new WindowStat(fromMs, toMs);
  }
}

export interface FleetHost {
  /** A replica of `pool` became ready at `now` (route the requests waiting for one). */
  replicaReady(now: number, pool: Pool): void;
}

export class Fleet {
  /** The replica now holding each run-wide instance index. */
  readonly instanceOwner: Replica[] = [];
  /** Replicas by run-wide key; null once gone (stale events for them are ignored). */
  private readonly byKey: (Replica | null)[] = [];
  readonly total: FleetStats;
  readonly tiers: Record<Tier, FleetStats>;
  /** Replicas started after t = 0, and those that went (cancelled or drained). */
  started = 0;
  stopped = 0;

  constructor(
    private readonly queue: EventQueue,
    /** The candidate's recorder (first) and its tiers' (per-instance busy time grows with the fleet). */
    private readonly recorders: readonly MetricsRecorder[],
    private readonly host: FleetHost,
    private readonly seed: number,
    private readonly warmupMs: number,
    private readonly endMs: number,
    private readonly trace: RunTrace | undefined,
  ) {
    this.total = new FleetStats(warmupMs, endMs);
    this.tiers = { cloud: new FleetStats(warmupMs, endMs), edge: new FleetStats(warmupMs, endMs) };
  }

  replica(key: number): Replica | null {
    return this.byKey[key] ?? null;
  }

  /**
   * A new replica of `pool` asked for at `now`. `delayMs` null: warm, ready at once (the
   * deployment as it stands at the start of the run); else ready after delayMs (an event).
   */
  add(pool: Pool, now: number, delayMs: number | null): Replica {
    const slot = pool.freeSlot();
    let base = pool.slotInstanceBase[slot];
    const fresh = base === undefined;
    if (base === undefined) {
      base = this.instanceOwner.length;
      pool.slotInstanceBase[slot] = base;
    }
    const id = pool.created++;
    const frontend = pool.frontend === null ? null : new Frontend(pool.frontend, this.seed, id, this.warmupMs, this.endMs);
    const replica = new Replica(pool.index, slot, id, this.byKey.length, base, pool.instances, pool.batching, this.seed, pool.serviceStreamPrefix, frontend);
    this.byKey.push(replica);
    for (let i = 0; i < pool.instances; i++) this.instanceOwner[base + i] = replica;
    if (fresh) this.instancesAllocated(this.instanceOwner.length);
    pool.slots[slot] = replica;
    pool.outstanding[slot] = 0;
    pool.ready[slot] = 0;
    pool.live.push(replica);
    replica.createdMs = now;
    this.count(pool, 'billed', 1, now);
    this.metrics.series.provisioned.change(1, now);
    if (delayMs === null) this.makeReady(pool, replica, now);
    else {
      this.started++;
      replica.state = PROVISIONING;
      pool.starting++;
      this.queue.push(now + delayMs, REPLICA_READY, replica.key);
    }
    return replica;
  }

  /** A REPLICA_READY event (ignored when the replica was cancelled meanwhile). */
  onReady(now: number, key: number): void {
    const replica = this.byKey[key];
    if (!replica || replica.state !== PROVISIONING) return;
    const pool = this.poolOf(replica);
    pool.starting--;
    this.makeReady(pool, replica, now);
    this.host.replicaReady(now, pool);
  }

  /** Makes `pool` ask for `desired` replicas: starts new ones after `delayMs()`, or cancels / drains the newest. */
  scaleTo(pool: Pool, desired: number, now: number, delayMs: () => number): void {
    let current = pool.current;
    this.setDesired(pool, desired, now);
    while (current < desired) {
      this.add(pool, now, delayMs());
      current++;
    }
    // Replicas still starting go first (newest first), then ready ones, newest first.
    for (let i = pool.live.length - 1; i >= 0 && current > desired; i--) {
      const r = pool.live[i]!;
      if (r.state === PROVISIONING) {
        pool.starting--;
        this.retire(pool, r, now);
        current--;
      }
    }
    for (let i = pool.live.length - 1; i >= 0 && current > desired; i--) {
      const r = pool.live[i]!;
      if (r.state === READY) {
        this.drain(pool, r, now);
        current--;
      }
    }
  }

  setDesired(pool: Pool, desired: number, now: number): void {
    this.metrics.series.desired.change(desired - pool.desired, now);
    pool.desired = desired;
  }

  /** A draining replica with nothing left to do goes. */
  retireIfIdle(pool: Pool, replica: Replica, now: number): void {
    if (replica.state !== DRAINING) return;
    if (replica.idleAt(now)) {
      this.retire(pool, replica, now);
      return;
    }
    // Only responses still being written on its HTTP thread: no event marks their end, so ask for
    // one (a request still in ingress will come back through its batch).
    const f = replica.frontend;
    if (f !== null && f.ingressing === 0 && replica.freeCount === replica.instances && replica.batcher.length === 0) this.queue.push(f.freeAt, WAKE, replica.key);
  }

  /** Starts or ends an outage of `pool`: its replicas take no new requests while it lasts. */
  setDown(pool: Pool, down: boolean, now: number): void {
    pool.down = down;
    for (let s = 0; s < pool.count; s++) pool.ready[s] = !down && pool.slots[s]?.state === READY ? 1 : 0;
    if (!down) this.host.replicaReady(now, pool);
  }

  private get metrics(): MetricsRecorder {
    return this.recorders[0]!;
  }

  private instancesAllocated(total: number): void {
    for (const m of this.recorders) m.ensureInstances(total);
  }

  /** Reports the replicas still alive at the end to the trace. */
  finish(): void {
    if (!this.trace?.onReplica) return;
    for (const r of this.byKey) if (r) this.traceReplica(r, -1);
  }

  poolOf(replica: Replica): Pool {
    return this.pools[replica.pool]!;
  }

  /** Pools by index, registered by the run. */
  readonly pools: Pool[] = [];

  private makeReady(pool: Pool, replica: Replica, now: number): void {
    replica.state = READY;
    replica.readyMs = now;
    pool.readyCount++;
    if (!pool.down) pool.ready[replica.slot] = 1;
    this.count(pool, 'ready', 1, now);
    this.count(pool, 'readyInstances', pool.instances, now);
    this.metrics.series.replicas.change(1, now);
    pool.scaler?.readyChanged(pool.instances, now);
  }

  private drain(pool: Pool, replica: Replica, now: number): void {
    replica.state = DRAINING;
    replica.drainMs = now;
    pool.ready[replica.slot] = 0;
    pool.readyCount--;
    this.count(pool, 'ready', -1, now);
    this.count(pool, 'readyInstances', -pool.instances, now);
    this.metrics.series.replicas.change(-1, now);
    pool.scaler?.drained(pool, replica, now);
    this.retireIfIdle(pool, replica, now);
  }

  private retire(pool: Pool, replica: Replica, now: number): void {
    replica.state = GONE;
    this.stopped++;
    pool.slots[replica.slot] = null;
    pool.ready[replica.slot] = 0;
    pool.live.splice(pool.live.indexOf(replica), 1);
    if (replica.frontend !== null) pool.frontendBusyMs[replica.slot]! += replica.frontend.busyMs;
    this.byKey[replica.key] = null;
    this.count(pool, 'billed', -1, now);
    this.metrics.series.provisioned.change(-1, now);
    this.traceReplica(replica, now);
  }

  private count(pool: Pool, what: 'ready' | 'billed' | 'readyInstances', delta: number, now: number): void {
    this.total[what].change(delta, now);
    this.tiers[pool.tier][what].change(delta, now);
  }

  private traceReplica(r: Replica, goneMs: number): void {
    this.trace?.onReplica?.({
      pool: r.pool,
      replica: r.id,
      createdMs: r.createdMs,
      readyMs: Number.isNaN(r.readyMs) ? -1 : r.readyMs,
      drainMs: Number.isNaN(r.drainMs) ? -1 : r.drainMs,
      goneMs,
    });
  }
}
