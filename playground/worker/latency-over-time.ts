// Latency over time, for the page's timeline: the simulator's result has a time series of rates
// and queue lengths but one latency distribution for the whole run, so this observer (the
// simulator's RunTrace, told of every request as its fate is known) files each completed request's
// end-to-end latency under the bucket it was sent in, in log-spaced bins 1 % wide: bounded memory
// whatever the run's length, percentiles within ±0.5 %. It also tells how far a long run has got
// and what its figures are so far, so the page can show them before it ends.
import type { BatchRecord, ReplicaRecord, RequestRecord, RunTrace, ScaleRecord } from '../../simulator/core/run-trace.js';
import type { ScalingWatch } from './scaling-over-time.js';
import type { OverTime } from './messages.js';

const SMALLEST_MS = 0.001;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Bins up to ~10⁷ ms (almost 3 hours): longer latencies land in the last one. */
const BINS = Math.ceil(Math.log(1e7 / SMALLEST_MS) / LOG_GROWTH);
/** Bucket lengths a timeline reads well in, in seconds. */
const NICE_BUCKETS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
/** About this many buckets over a run. */
const TARGET_BUCKETS = 120;

export function bucketSeconds(durationS: number): number {
  return NICE_BUCKETS_S.find((b) => b >= durationS / TARGET_BUCKETS) ?? NICE_BUCKETS_S[NICE_BUCKETS_S.length - 1]!;
}

function binOf(ms: number): number {
  if (!(ms > SMALLEST_MS)) return 0;
  return Math.min(BINS - 1, Math.floor(Math.log(ms / SMALLEST_MS) / LOG_GROWTH));
}

/** The middle of a bin (geometric), in ms. */
function binValue(bin: number): number {
  return SMALLEST_MS * GROWTH ** (bin + 0.5);
}

/** The value at quantile q (0..1) of bins[offset, offset + BINS) holding `total` counts. */
function quantile(bins: Uint32Array, offset: number, total: number, q: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let b = 0; b < BINS; b++) {
    seen += bins[offset + b]!;
    if (seen >= rank) return binValue(b);
  }
  return binValue(BINS - 1);
}

export class LatencyOverTime implements RunTrace {
  readonly bucketMs: number;
  private readonly buckets: number;
  private readonly counts: Uint32Array;
  private readonly completedIn: Uint32Array;
  /** All measured (sent after the warm-up) completed requests, for the figures so far. */
  private readonly measured = new Uint32Array(BINS);
  private measuredCompleted = 0;
  private measuredDropped = 0;
  /** The latest send time of a request whose fate is known: how far the run has got. */
  latestMs = 0;
  private seen = 0;

  constructor(
    private readonly durationMs: number,
    private readonly warmupMs: number,
    /** Called every 4096 requests (the worker decides from the wall clock whether to report). */
    private readonly onTick: (() => void) | null = null,
    /** Told of scaling decisions and replica lives, when the candidate has an autoscaler. */
    readonly scaling: ScalingWatch | null = null,
  ) {
    this.bucketMs = bucketSeconds(durationMs / 1000) * 1000;
    this.buckets = Math.max(1, Math.ceil(durationMs / this.bucketMs));
    this.counts = new Uint32Array(this.buckets * BINS);
    this.completedIn = new Uint32Array(this.buckets);
  }

  onRequest(r: RequestRecord): void {
    if (r.sendMs > this.latestMs) this.latestMs = r.sendMs;
    const measured = r.sendMs >= this.warmupMs;
    if (r.outcome === 'completed') {
      const bin = binOf(r.doneMs - r.sendMs);
      const bucket = Math.min(this.buckets - 1, Math.floor(r.sendMs / this.bucketMs));
      this.counts[bucket * BINS + bin]!++;
      this.completedIn[bucket]!++;
      if (measured) {
        this.measured[bin]!++;
        this.measuredCompleted++;
      }
    } else if (measured && r.outcome !== 'in_flight') {
      this.measuredDropped++;
    }
    if (this.onTick !== null && (++this.seen & 4095) === 0) this.onTick();
  }

  onBatch(_b: BatchRecord): void {}

  onScale(s: ScaleRecord): void {
    this.scaling?.onScale(s);
  }

  onReplica(r: ReplicaRecord): void {
    this.scaling?.onReplica(r);
  }

  /** Per bucket p50 and p99, up to `untilMs` (all of the run by default). */
  overTime(untilMs = this.durationMs): OverTime {
    const n = Math.min(this.buckets, Math.ceil(untilMs / this.bucketMs));
    const out: OverTime = { bucket_s: this.bucketMs / 1000, t_s: [], p50_ms: [], p99_ms: [] };
    for (let i = 0; i < n; i++) {
      const total = this.completedIn[i]!;
      out.t_s.push((i * this.bucketMs) / 1000);
      out.p50_ms.push(quantile(this.counts, i * BINS, total, 0.5));
      out.p99_ms.push(quantile(this.counts, i * BINS, total, 0.99));
    }
    return out;
  }

  /** The measured requests' figures so far. */
  soFar(): { completed: number; dropped: number; p50_ms: number | null; p90_ms: number | null; p99_ms: number | null } {
    const n = this.measuredCompleted;
    return {
      completed: n,
      dropped: this.measuredDropped,
      p50_ms: quantile(this.measured, 0, n, 0.5),
      p90_ms: quantile(this.measured, 0, n, 0.9),
      p99_ms: quantile(this.measured, 0, n, 0.99),
    };
  }
}
