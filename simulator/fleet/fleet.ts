// The fleet: every replica of a run through its life — asked for (billed from now on), provisioning
// and loading the model (not routable), ready (the router sees it), draining (no new requests; it
// finishes its queue and executing batches), gone (billing stops, its slot is reused). Scale-down
// cancels replicas still starting first, then drains ready ones newest first. Each step is reported
// to the ledger (ledger.ts), which keeps the counts. A replica whose pool has a serving overhead
// gets its HTTP thread (frontend.ts) here, and drains until that is idle. Driven by simulator/run.ts
// (start, outages), the dispatcher (instances freed) and autoscaling.ts (scaleTo).
import type { EventQueue } from '../core/event-queue.js';
import { REPLICA_READY, WAKE } from '../core/events.js';
import { Frontend } from './frontend.js';
import { DRAINING, GONE, PROVISIONING, READY, Replica } from './replica.js';
import type { Pool } from './pool.js';
import type { Ledger } from './ledger.js';
import { HostCpu, type JobOwner } from './host-cpu.js';
import { CpuThread, type ThreadOwner } from './cpu-thread.js';
import type { RunTrace } from '../core/run-trace.js';

export interface FleetHost {
  /** A replica of `pool` became ready at `now` (route the requests waiting for one). */
  replicaReady(now: number, pool: Pool): void;
}

export class Fleet {
  /** The replica now holding each run-wide instance index. */
  readonly instanceOwner: Replica[] = [];
  /** Replicas by run-wide key; null once gone (stale events for them are ignored). */
  private readonly byKey: (Replica | null)[] = [];
  /** Replicas started after t = 0, and those that went (cancelled or drained). */
  started = 0;
  stopped = 0;

  /** Pools by index (the ledger's list: the run registers them once). */
  readonly pools: Pool[];
  /** Told when a batch on a replica's shared CPUs ends (the dispatcher), and when a thread's job does (its thread jobs); set before the first replica. */
  jobOwner: JobOwner | null = null;
  threadOwner: ThreadOwner | null = null;

  constructor(
    private readonly queue: EventQueue,
    private readonly ledger: Ledger,
    private readonly host: FleetHost,
    private readonly seed: number,
    private readonly warmupMs: number,
    private readonly endMs: number,
    private readonly trace: RunTrace | undefined,
  ) {
    this.pools = ledger.pools;
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
    if (pool.cpu !== null) {
      // The host's number is the replica's run-wide key: HOST_DONE events find the replica by it.
      const host = new HostCpu(pool.cpu, this.queue, replica.key, this.warmupMs, this.endMs);
      replica.host = host;
      if (frontend !== null) replica.http = new CpuThread(host, this.threadOwner!, this.warmupMs, this.endMs);
      if (pool.clientCpuMs > 0) replica.client = new CpuThread(host, this.threadOwner!, this.warmupMs, this.endMs);
    }
    this.byKey.push(replica);
    for (let i = 0; i < pool.instances; i++) this.instanceOwner[base + i] = replica;
    if (fresh) this.ledger.instancesAllocated(this.instanceOwner.length);
    pool.slots[slot] = replica;
    pool.outstanding[slot] = 0;
    pool.ready[slot] = 0;
    pool.live.push(replica);
    replica.createdMs = now;
    this.ledger.replicaAsked(pool, now);
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
    this.ledger.desiredChanged(pool, desired, now);
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
    if (f !== null && replica.http === null && f.ingressing === 0 && replica.freeCount === replica.instances && replica.batcher.length === 0) this.queue.push(f.freeAt, WAKE, replica.key);
  }

  /** Starts or ends an outage of `pool`: its replicas take no new requests while it lasts. */
  setDown(pool: Pool, down: boolean, now: number): void {
    pool.down = down;
    for (let s = 0; s < pool.count; s++) pool.ready[s] = !down && pool.slots[s]?.state === READY ? 1 : 0;
    if (!down) this.host.replicaReady(now, pool);
  }

  /** Reports the replicas still alive at the end to the trace. */
  finish(): void {
    if (!this.trace?.onReplica) return;
    for (const r of this.byKey) if (r) this.traceReplica(r, -1);
  }

  poolOf(replica: Replica): Pool {
    return this.pools[replica.pool]!;
  }

  private makeReady(pool: Pool, replica: Replica, now: number): void {
    replica.state = READY;
    replica.readyMs = now;
    pool.readyCount++;
    if (!pool.down) pool.ready[replica.slot] = 1;
    this.ledger.replicaReady(pool, now);
  }

  private drain(pool: Pool, replica: Replica, now: number): void {
    replica.state = DRAINING;
    replica.drainMs = now;
    pool.ready[replica.slot] = 0;
    pool.readyCount--;
    this.ledger.replicaDraining(pool, replica, now);
    this.retireIfIdle(pool, replica, now);
  }

  private retire(pool: Pool, replica: Replica, now: number): void {
    replica.state = GONE;
    this.stopped++;
    pool.slots[replica.slot] = null;
    pool.ready[replica.slot] = 0;
    pool.live.splice(pool.live.indexOf(replica), 1);
    this.byKey[replica.key] = null;
    this.ledger.replicaGone(pool, replica, now);
    this.traceReplica(replica, now);
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
