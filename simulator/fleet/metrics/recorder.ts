// Everything one candidate's run measures, as plain counters, histograms and typed arrays the hot
// loop updates in place. Only requests that arrive after the warm-up count (their whole life is
// measured, even if it started before the window); batches and busy time count from the warm-up on.
// A candidate with tiers has one more recorder per tier (edge, cloud) beside its overall one.
// simulator/summary.ts turns this into the candidate's part of servetwin.result/v1.
import { LatencyHistogram } from './histogram.js';
import { TimeSeriesRecorder } from './timeseries.js';
import type { DropReason } from '../../core/run-trace.js';


export class MetricsRecorder {
  readonly latency = new LatencyHistogram();
  readonly queue = new LatencyHistogram();
  readonly compute = new LatencyHistogram();
  readonly network = new LatencyHistogram();
  /**
   * Sums over completions of the wait in the batcher, split: with an instance of the replica free
   * (the batch filling, its delay), and with all busy (waiting for an instance). Means only: two
   * more histograms per request cost the hot loop a tenth of its speed.
   */
  batchWaitSumMs = 0;
  instanceWaitSumMs = 0;
  /** Time on the replica's HTTP thread, ingress and egress with their waits (kept with a frontend). */
  readonly frontend = new LatencyHistogram();
  /** Some pool this recorder covers has a frontend: every completion records its frontend time. */
  withFrontend = false;
  readonly series: TimeSeriesRecorder;

  /** Measured arrivals (sent at or after the warm-up). */
  arrived = 0;
  completed = 0;
  /** Items (batch rows) of the measured completed requests: their responses are the egress. */
  completedItems = 0;
  /** Completed within slo.latency_ms. */
  withinSlo = 0;
  droppedQueueFull = 0;
  droppedTimeout = 0;
  droppedTooLarge = 0;
  /** Measured requests that waited with no ready replica to go to (activator / handle queue). */
  held = 0;
  /** Measured requests not finished when the run ended. */
  inFlight = 0;
  /** …of which had already been in the system longer than the SLO (certain misses). */
  inFlightLate = 0;

  /** Batches started after the warm-up, and the items they carried. */
  batches = 0;
  batchItems = 0;
  /** Batches by size in items (index = size). */
  readonly batchSizes: Float64Array;
  /** Busy time of each instance within [warm-up, end], by run-wide instance index (replica-major). */
  busyMs: Float64Array;
  /** Instances that existed at some point (busyMs may be longer). */
  instanceCount: number;

  constructor(
    readonly warmupMs: number,
    readonly endMs: number,
    readonly sloMs: number,
    maxBatchSize: number,
    instancesTotal: number,
    sampleIntervalMs: number,
  ) {
    this.batchSizes = new Float64Array(maxBatchSize + 1);
    this.busyMs = new Float64Array(instancesTotal);
    this.instanceCount = instancesTotal;
    this.series = new TimeSeriesRecorder(sampleIntervalMs, endMs);
  }

  /** Run-wide instance indices now go up to `total`. */
  ensureInstances(total: number): void {
    if (total > this.instanceCount) this.instanceCount = total;
    if (total <= this.busyMs.length) return;
    const busy = new Float64Array(Math.max(total, this.busyMs.length * 2));
    busy.set(this.busyMs);
    this.busyMs = busy;
  }

  /** A measured request finished: every latency in ms (its items go to completedItems by the caller, once per batch). */
  completion(e2eMs: number, queueMs: number, batchWaitMs: number, instanceWaitMs: number, networkMs: number, withNetwork: boolean, frontendMs = 0): void {
    this.completed++;
    if (e2eMs <= this.sloMs) this.withinSlo++;
    this.latency.record(e2eMs);
    this.queue.record(queueMs);
    this.batchWaitSumMs += batchWaitMs;
    this.instanceWaitSumMs += instanceWaitMs;
    if (withNetwork) this.network.record(networkMs);
    if (this.withFrontend) this.frontend.record(frontendMs);
  }

  drop(reason: DropReason): void {
    if (reason === 'queue_full') this.droppedQueueFull++;
    else if (reason === 'timeout') this.droppedTimeout++;
    else this.droppedTooLarge++;
  }

  /** A measured request still in the system at the end, sent at `sendMs`. */
  unfinished(sendMs: number): void {
    this.inFlight++;
    if (this.endMs - sendMs > this.sloMs) this.inFlightLate++;
  }

  /** A batch of `items` on instance `instance` (global index) busy over [start, end]. */
  batch(start: number, end: number, items: number, instance: number): void {
    if (start >= this.warmupMs) {
      this.batches++;
      this.batchItems += items;
      this.batchSizes[items]!++;
    }
    const from = start > this.warmupMs ? start : this.warmupMs;
    const to = end < this.endMs ? end : this.endMs;
    if (to > from) this.busyMs[instance]! += to - from;
  }

  /** Busy instance time of all instances within the window, ms. */
  get busyTotalMs(): number {
    let total = 0;
    for (const b of this.busyMs) total += b;
    return total;
  }

  get dropped(): number {
    return this.droppedQueueFull + this.droppedTimeout + this.droppedTooLarge;
  }
}
