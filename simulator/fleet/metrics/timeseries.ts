// Time series of one candidate's run at a fixed interval: arrivals, completions and drops per
// second, and the exact time-average over each interval of queue depth, requests in service, busy
// instances and replicas (areas under the step functions, so Little's law can be checked on them);
// with an autoscaler also the replicas asked for and billed, requests held with no ready replica,
// and Knative's panic mode and activator.
// A level L changed by Δᵢ at times tᵢ has area ∫₀ᵗ L = L(t)·t − Σ Δᵢ·tᵢ, so a change costs one
// multiply-add and the run only calls close() at each interval boundary (a heap event). The shape
// written is the result's (config/result.ts).
import type { TimeSeries } from '../../../config/result.js';

export type { TimeSeries };

/** Which optional series a run reports. */
export interface SeriesOptions {
  scaling: boolean;
  panic: boolean;
  tiers: boolean;
}

/** One step function: its level and Σ Δᵢ·tᵢ. */
export class Level {
  value = 0;
  private weighted = 0;
  private closedArea = 0;

  change(delta: number, now: number): void {
    this.value += delta;
    this.weighted += delta * now;
  }

  /** Area since the previous close, up to `now`. */
  close(now: number): number {
    const area = this.value * now - this.weighted;
    const since = area - this.closedArea;
    this.closedArea = area;
    return since;
  }
}

export class TimeSeriesRecorder {
  readonly queued = new Level();
  readonly inService = new Level();
  readonly busy = new Level();
  readonly replicas = new Level();
  readonly desired = new Level();
  readonly provisioned = new Level();
  readonly pending = new Level();
  readonly panic = new Level();
  readonly activator = new Level();
  readonly intervalMs: number;
  /** Optional series to report (set before the run by its builder). */
  options: SeriesOptions = { scaling: false, panic: false, tiers: false };
  /** Intervals in the run (the last may be shorter). */
  readonly n: number;

  private readonly perMs: number;
  private readonly endMs: number;
  private arrivalsTotal = 0;
  private arrivalsClosed = 0;
  private peak = 0;
  private current = 0;
  private readonly arrivals: Float64Array;
  private readonly completions: Float64Array;
  private readonly drops: Float64Array;
  private readonly queueArea: Float64Array;
  private readonly queueMax: Float64Array;
  private readonly serviceArea: Float64Array;
  private readonly busyArea: Float64Array;
  private readonly replicaArea: Float64Array;
  private readonly desiredArea: Float64Array;
  private readonly provisionedArea: Float64Array;
  private readonly pendingArea: Float64Array;
  private readonly panicArea: Float64Array;
  private readonly activatorArea: Float64Array;
  private readonly edgeArrivals: Float64Array;
  private readonly cloudArrivals: Float64Array;

  constructor(intervalMs: number, endMs: number) {
    this.intervalMs = intervalMs;
    this.perMs = 1 / intervalMs;
    this.endMs = endMs;
    this.n = Math.max(1, Math.ceil(endMs / intervalMs - 1e-9));
    const make = (): Float64Array => new Float64Array(this.n);
    this.arrivals = make();
    this.completions = make();
    this.drops = make();
    this.queueArea = make();
    this.queueMax = make();
    this.serviceArea = make();
    this.busyArea = make();
    this.replicaArea = make();
    this.desiredArea = make();
    this.provisionedArea = make();
    this.pendingArea = make();
    this.panicArea = make();
    this.activatorArea = make();
    this.edgeArrivals = make();
    this.cloudArrivals = make();
  }

  /** End of interval `i` (ms): where the run schedules its close. */
  boundary(i: number): number {
    return Math.min((i + 1) * this.intervalMs, this.endMs);
  }

  /** Requests waiting went up or down by `delta` at `now`. */
  queue(delta: number, now: number): void {
    this.queued.change(delta, now);
    if (this.queued.value > this.peak) this.peak = this.queued.value;
  }

  countArrival(): void {
    this.arrivalsTotal++;
  }

  /** `n` requests completed at `t`. */
  countCompletion(t: number, n: number): void {
    this.completions[this.indexOf(t)]! += n;
  }

  countDrop(t: number): void {
    this.drops[this.indexOf(t)]!++;
  }

  /** A request placed on the edge (or else the cloud) tier at `t`. */
  countPlacement(t: number, edge: boolean): void {
    (edge ? this.edgeArrivals : this.cloudArrivals)[this.indexOf(t)]!++;
  }

  /** Closes the current interval at `now` (its boundary, or the end of the run). */
  close(now: number): void {
    const i = this.current;
    if (i >= this.n) return;
    this.queueArea[i] = this.queued.close(now);
    this.serviceArea[i] = this.inService.close(now);
    this.busyArea[i] = this.busy.close(now);
    this.replicaArea[i] = this.replicas.close(now);
    this.desiredArea[i] = this.desired.close(now);
    this.provisionedArea[i] = this.provisioned.close(now);
    this.pendingArea[i] = this.pending.close(now);
    this.panicArea[i] = this.panic.close(now);
    this.activatorArea[i] = this.activator.close(now);
    this.arrivals[i] = this.arrivalsTotal - this.arrivalsClosed;
    this.arrivalsClosed = this.arrivalsTotal;
    this.queueMax[i] = this.peak;
    this.peak = this.queued.value;
    this.current++;
  }

  /** The series, with levels averaged over each interval and counts turned into rates. */
  toJson(round: (x: number) => number): TimeSeries {
    const t: number[] = [];
    const seconds: number[] = [];
    for (let i = 0; i < this.n; i++) {
      const start = i * this.intervalMs;
      t.push(start / 1000);
      seconds.push((this.boundary(i) - start) / 1000);
    }
    const perSecond = (a: Float64Array): number[] => Array.from(a, (v, i) => round(v / seconds[i]!));
    const average = (a: Float64Array): number[] => Array.from(a, (v, i) => round(v / (seconds[i]! * 1000)));
    const series: TimeSeries = {
      interval_s: this.intervalMs / 1000,
      t_s: t.map(round),
      arrival_rps: perSecond(this.arrivals),
      throughput_rps: perSecond(this.completions),
      dropped_rps: perSecond(this.drops),
      queue_depth: average(this.queueArea),
      queue_depth_max: Array.from(this.queueMax),
      in_service: average(this.serviceArea),
      busy_instances: average(this.busyArea),
      replicas: average(this.replicaArea),
    };
    if (this.options.scaling) {
      series.desired_replicas = average(this.desiredArea);
      series.provisioned_replicas = average(this.provisionedArea);
      series.pending_unrouted = average(this.pendingArea);
    }
    if (this.options.panic) {
      series.panic = average(this.panicArea);
      series.activator_in_path = average(this.activatorArea);
    }
    if (this.options.tiers) {
      series.edge_rps = perSecond(this.edgeArrivals);
      series.cloud_rps = perSecond(this.cloudArrivals);
    }
    return series;
  }

  private indexOf(t: number): number {
    const i = Math.floor(t * this.perMs);
    return i < this.n ? i : this.n - 1;
  }
}

/** The default interval: the smallest round value giving at most about 500 points. */
export function defaultSampleIntervalS(durationS: number): number {
  const steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  for (const s of steps) if (durationS / s <= 500) return s;
  return Math.ceil(durationS / 500 / 3600) * 3600;
}
