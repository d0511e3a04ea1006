// The event loop for one candidate, in the order a request lives it: arrival (traffic) → network →
// router → replica queue and dynamic batcher → an instance executes the batch (service time from
// the profile) → network back → metrics. Plain code over typed arrays: events are small integers
// with one integer payload on the EventQueue heap, handlers are methods, nothing is allocated or
// awaited per request. A request's outcome is known when its batch starts (its end time is then
// fixed), so latencies are recorded at dispatch; only the instance's release is a future event.
import type { Candidate } from '../config/scenario.js';
import type { ServiceTime } from '../calibration/service-time.js';
import { createRouter, type Router, type RouterState } from '../engine/policies/router.js';
import { stream, type Uniform } from '../common/rng.js';
import { EventQueue } from './event-queue.js';
import type { ArrivalProcess } from './traffic/arrival-process.js';
import type { NetworkPath } from './network.js';
import { RequestTable } from './requests.js';
import { Replica } from './replica.js';
import { MetricsRecorder, type DropReason } from './metrics/recorder.js';
import type { RequestRecord, RunTrace } from './run-trace.js';

export type { BatchRecord, RequestRecord, RunTrace } from './run-trace.js';

// Event kinds. Arrivals are not among them: the traffic source is merged with the heap in run().
const AT_ROUTER = 1; // payload: request slot, after its network leg
const BATCH_DONE = 2; // payload: global instance index
const WAKE = 3; // payload: replica index (batcher delay or queue timeout due)
const SAMPLE = 4; // payload: time-series interval that ends now

export interface CandidateModel {
  candidate: Candidate;
  serviceTime: ServiceTime;
  arrivals: ArrivalProcess;
  network: NetworkPath;
  seed: number;
  durationMs: number;
  warmupMs: number;
  sloMs: number;
  itemsPerRequest: number;
  sampleIntervalMs: number;
  /** Optional observer of every request and batch (tests and debugging; slows the run). */
  trace?: RunTrace;
}

export class CandidateRun {
  readonly metrics: MetricsRecorder;
  private readonly queue = new EventQueue();
  private readonly requests = new RequestTable();
  private readonly replicas: Replica[];
  private readonly instancesPerReplica: number;
  /** Requests in each batch being executed, by global instance index. */
  private readonly batchRequests: Int32Array;
  /** Replica of each global instance index. */
  private readonly replicaOfInstance: Int32Array;
  private readonly router: Router;
  private readonly routerState: RouterState & { outstanding: Int32Array; ready: Uint8Array };
  private readonly uRoute: Uniform;
  private readonly endMs: number;
  private readonly warmupMs: number;
  private readonly withNetwork: boolean;
  private readonly trace: RunTrace | undefined;
  private readonly serviceTime: ServiceTime;
  private readonly arrivals: ArrivalProcess;
  private readonly itemsPerRequest: number;
  private arrivalCount = 0;
  /** Time of the traffic source's next arrival (Infinity when it has no more). */
  private nextArrival = Number.POSITIVE_INFINITY;
  private readonly onExpired = (slot: number): void => this.dropQueued(slot, 'timeout');
  private expiringAt = 0;

  constructor(private readonly m: CandidateModel) {
    const c = m.candidate;
    this.endMs = m.durationMs;
    this.withNetwork = m.network.active;
    this.trace = m.trace;
    this.serviceTime = m.serviceTime;
    this.arrivals = m.arrivals;
    this.itemsPerRequest = m.itemsPerRequest;
    this.warmupMs = m.warmupMs;
    this.instancesPerReplica = c.instances;
    this.replicas = Array.from({ length: c.replicas }, (_, r) => new Replica(r, c.instances, c.batching, m.seed));
    this.batchRequests = new Int32Array(c.replicas * c.instances);
    this.replicaOfInstance = Int32Array.from({ length: c.replicas * c.instances }, (_, i) => Math.floor(i / c.instances));
    this.router = createRouter(c.router);
    this.routerState = { outstanding: new Int32Array(c.replicas), ready: new Uint8Array(c.replicas).fill(1), count: c.replicas };
    this.uRoute = stream(m.seed, 'router');
    this.metrics = new MetricsRecorder(m.warmupMs, m.durationMs, m.sloMs, c.batching.max_batch_size, c.replicas * c.instances, m.sampleIntervalMs);
    this.metrics.series.replicas.change(c.replicas, 0);
  }

  run(): MetricsRecorder {
    const q = this.queue;
    const series = this.metrics.series;
    const end = this.endMs;
    this.nextArrival = this.arrivals.next();
    if (series.boundary(0) < end) q.push(series.boundary(0), SAMPLE, 0);
    for (;;) {
      // The traffic source is merged with the heap rather than kept in it (one heap push and pop
      // fewer per request). At equal times scheduled events go first: a batch that ends at t frees
      // its instance before a request arriving at t is queued.
      const arrival = this.nextArrival;
      const scheduled = q.peekTime();
      if (arrival < scheduled) {
        if (arrival >= end) break;
        this.onArrival(arrival);
        continue;
      }
      if (scheduled > end) break;
      const kind = q.pop();
      const now = q.time;
      switch (kind) {
        case AT_ROUTER:
          this.onAtRouter(now, q.payload);
          break;
        case BATCH_DONE:
          this.onBatchDone(now, q.payload);
          break;
        case WAKE:
          this.onWake(now, q.payload);
          break;
        case SAMPLE:
          this.onSample(now, q.payload);
          break;
      }
    }
    series.close(end);
    this.finish();
    return this.metrics;
  }

  private onArrival(now: number): void {
    const r = this.requests;
    const slot = r.alloc();
    r.seq[slot] = this.arrivalCount++;
    r.sendMs[slot] = now;
    const items = this.arrivals.items;
    r.items[slot] = items > 0 ? items : this.itemsPerRequest;
    r.replica[slot] = -1;
    if (now >= this.warmupMs) this.metrics.arrived++;
    this.metrics.series.countArrival();
    this.nextArrival = this.arrivals.next();
    const network = this.m.network;
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

  private onAtRouter(now: number, slot: number): void {
    const index = this.replicas.length === 1 ? 0 : this.router.pick(now, this.routerState, this.uRoute);
    const replica = this.replicas[index]!;
    const r = this.requests;
    r.queuedMs[slot] = now;
    r.replica[slot] = index;
    const outcome = replica.batcher.offer(now, slot, r.items[slot]!);
    if (outcome !== 'accepted') {
      this.settleDrop(now, slot, outcome);
      return;
    }
    this.routerState.outstanding[index]!++;
    this.metrics.series.queue(1, now);
    this.serve(now, replica);
  }

  private onBatchDone(now: number, instance: number): void {
    const index = this.replicaOfInstance[instance]!;
    const replica = this.replicas[index]!;
    const done = this.batchRequests[instance]!;
    this.routerState.outstanding[index]! -= done;
    const series = this.metrics.series;
    series.inService.change(-done, now);
    series.busy.change(-1, now);
    replica.releaseInstance(instance - index * this.instancesPerReplica);
    this.serve(now, replica);
  }

  private onSample(now: number, interval: number): void {
    const series = this.metrics.series;
    series.close(now);
    const next = series.boundary(interval + 1);
    if (next < this.endMs) this.queue.push(next, SAMPLE, interval + 1);
  }

  private onWake(now: number, index: number): void {
    const replica = this.replicas[index]!;
    if (replica.wakeAt <= now) replica.wakeAt = Number.POSITIVE_INFINITY;
    this.serve(now, replica);
  }

  /**
   * The batcher's driver protocol (engine/policies/batcher.ts): drop what timed out, start batches
   * while an instance is free and the batcher says go, then arrange to be woken when its answer
   * can change with no new event.
   */
  private serve(now: number, replica: Replica): void {
    const batcher = replica.batcher;
    if (batcher.length === 0) return;
    this.expiringAt = now;
    if (batcher.queueTimeoutMs !== Number.POSITIVE_INFINITY) batcher.expire(now, this.onExpired);
    let k: number;
    while (replica.freeCount > 0 && (k = batcher.ready(now)) > 0) this.startBatch(now, replica, k);
    if (batcher.length === 0) return;
    // With a free instance the batch waits for its delay (or timeout); with none, only a timeout
    // can change anything before an instance is released.
    const wake = replica.freeCount > 0 ? batcher.wakeAt() : batcher.oldestArrival() + batcher.queueTimeoutMs;
    if (wake < replica.wakeAt && wake !== Number.POSITIVE_INFINITY) {
      replica.wakeAt = wake;
      this.queue.push(wake, WAKE, replica.index);
    }
  }

  private startBatch(now: number, replica: Replica, k: number): void {
    const batcher = replica.batcher;
    let items = 0;
    for (let j = 0; j < k; j++) items += batcher.itemsAt(j);
    const serviceMs = this.serviceTime.sample(items, replica.u);
    const end = now + serviceMs;
    const local = replica.takeInstance();
    const instance = replica.index * this.instancesPerReplica + local;
    const metrics = this.metrics;
    const r = this.requests;
    const measureFrom = this.warmupMs;
    const endMs = this.endMs;
    const withNetwork = this.withNetwork;
    const ids = this.trace ? ([] as number[]) : null;
    let measured = 0;
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
          metrics.completion(doneMs - send, now - r.queuedMs[slot]!, r.netInMs[slot]! + r.netOutMs[slot]!, withNetwork);
        }
      } else if (isMeasured) metrics.unfinished(send);
      if (ids) {
        ids.push(r.seq[slot]!);
        this.traceRequest(slot, now, doneMs <= endMs ? doneMs : -1, doneMs <= endMs ? 'completed' : 'in_flight');
      }
      r.release(slot);
    }
    if (measured > 0) metrics.compute.recordCount(serviceMs, measured);
    metrics.batch(now, end, items, instance);
    const series = metrics.series;
    if (!withNetwork && completing > 0) series.countCompletion(end, completing); // all complete at `end`
    series.queue(-k, now);
    series.inService.change(k, now);
    series.busy.change(1, now);
    this.batchRequests[instance] = k;
    if (ids) this.trace!.onBatch({ replica: replica.index, instance: local, startMs: now, endMs: end, items, requestIds: ids });
    this.queue.push(end, BATCH_DONE, instance);
  }

  /** A queued request outwaited queue_timeout_ms (called back by batcher.expire during serve). */
  private dropQueued(slot: number, reason: DropReason): void {
    const index = this.requests.replica[slot]!;
    this.metrics.series.queue(-1, this.expiringAt);
    this.routerState.outstanding[index]!--;
    this.settleDrop(this.expiringAt, slot, reason);
  }

  private settleDrop(now: number, slot: number, reason: DropReason): void {
    const r = this.requests;
    if (r.sendMs[slot]! >= this.warmupMs) this.metrics.drop(reason);
    this.metrics.series.countDrop(now);
    if (this.trace) this.traceRequest(slot, -1, -1, reason, now);
    r.release(slot);
  }

  /** Measured requests still queued or on their way in when the run ends. */
  private finish(): void {
    const r = this.requests;
    for (let slot = 0; slot < r.highWater; slot++) {
      if (r.live[slot] !== 1) continue;
      if (r.sendMs[slot]! >= this.warmupMs) this.metrics.unfinished(r.sendMs[slot]!);
      if (this.trace) this.traceRequest(slot, -1, -1, 'in_flight');
    }
  }

  private traceRequest(slot: number, dispatchMs: number, doneMs: number, outcome: RequestRecord['outcome'], droppedMs = -1): void {
    const r = this.requests;
    const replica = r.replica[slot]!;
    this.trace!.onRequest({
      id: r.seq[slot]!,
      sendMs: r.sendMs[slot]!,
      queuedMs: replica >= 0 ? r.queuedMs[slot]! : -1,
      replica,
      dispatchMs,
      doneMs,
      droppedMs,
      outcome,
    });
  }
}
