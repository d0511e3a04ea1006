// What the autoscaler did, for the page's timeline: the simulator's RunTrace reports each scaling
// decision (with the policy's reason and Knative's panic flag) and each replica's life (asked for,
// ready, draining, gone); this observer folds them, for the cloud pool the autoscaler drives, into
// the timeline's buckets: the share of each bucket spent in panic, holding a scale-down back
// (HPA stabilisation, Knative's scale-down delay, Ray's downscale delay) or delaying a scale-up
// (Ray's upscale delay, the HPA's scale-up limits); replicas provisioning and loading the model,
// time-averaged; when replicas became ready; and the decisions that changed the count. A few
// hundred events over a run at most: its cost beside the per-request watch is nothing.
import type { ReplicaRecord, ScaleRecord } from '../../simulator/core/run-trace.js';
import type { ScalingOverTime } from './messages.js';

/** Decisions and ready times kept for the page (a day of Ray Serve's 0.1 s control loop would be 864 000). */
const MAX_MARKS = 400;

type Mode = 'stable' | 'panic' | 'holding_down' | 'delaying_up';

/**
 * What a decision says about the policy's state, from its reason (policies/autoscaler/ write them):
 * a scale-down held back, or a scale-up delayed, keeps the count away from what the metric asks.
 */
export function modeOf(s: Pick<ScaleRecord, 'panic' | 'reason' | 'desired' | 'current'>): Mode {
  if (s.panic) return 'panic';
  const r = s.reason;
  if (/scale-down delayed|down to \d+ wanted for/.test(r)) return 'holding_down';
  if (/up to \d+ wanted for|scale-up (limit|policies allow)/.test(r)) return 'delaying_up';
  const stabilised = /stabilised to (\d+)/.exec(r);
  if (stabilised) {
    // "… = R; stabilised to S": held above the recommendation R is a scale-down held back.
    const recommended = /= (\d+)(?:[;:,]|$)/.exec(r);
    const rec = recommended ? Number(recommended[1]) : s.current - 1;
    return Number(stabilised[1]) > rec ? 'holding_down' : 'delaying_up';
  }
  return 'stable';
}

export class ScalingWatch {
  private readonly buckets: number;
  private readonly share: Record<Exclude<Mode, 'stable'>, Float64Array>;
  private readonly provisioning: Float64Array;
  private readonly loading: Float64Array;
  private readonly readyAt: number[] = [];
  private readonly changes: { t_s: number; from: number; to: number; reason: string }[] = [];
  private mode: Mode = 'stable';
  private modeSince = 0;
  private decisions = 0;

  constructor(
    private readonly bucketMs: number,
    private readonly durationMs: number,
    /** The model's cold start in the cloud pool, ms: the end of a replica's start-up spent loading it. */
    private readonly coldStartMs: number,
  ) {
    this.buckets = Math.max(1, Math.ceil(durationMs / bucketMs));
    this.share = { panic: new Float64Array(this.buckets), holding_down: new Float64Array(this.buckets), delaying_up: new Float64Array(this.buckets) };
    this.provisioning = new Float64Array(this.buckets);
    this.loading = new Float64Array(this.buckets);
  }

  /** Adds `weight` × the time [from, to) spends in each bucket, as a share of the bucket. */
  private spread(into: Float64Array, fromMs: number, toMs: number, weight = 1): void {
    const end = Math.min(toMs, this.durationMs);
    for (let t = Math.max(0, fromMs); t < end; ) {
      const b = Math.floor(t / this.bucketMs);
      const next = Math.min(end, (b + 1) * this.bucketMs);
      into[Math.min(b, this.buckets - 1)]! += (weight * (next - t)) / this.bucketMs;
      t = next;
    }
  }

  onScale(s: ScaleRecord): void {
    if (s.pool !== 0) return;
    this.decisions++;
    const mode = modeOf(s);
    if (mode !== this.mode) {
      if (this.mode !== 'stable') this.spread(this.share[this.mode], this.modeSince, s.atMs);
      this.mode = mode;
      this.modeSince = s.atMs;
    }
    if (s.desired !== s.current && this.changes.length < MAX_MARKS) this.changes.push({ t_s: s.atMs / 1000, from: s.current, to: s.desired, reason: s.reason });
  }

  onReplica(r: ReplicaRecord): void {
    if (r.pool !== 0 || r.createdMs <= 0) return; // the initial replicas are there from the start
    const end = r.readyMs >= 0 ? r.readyMs : r.goneMs >= 0 ? r.goneMs : this.durationMs;
    // Ready at createdMs + provisioning + cold start: the last cold-start milliseconds are the model
    // loading. One never ready (cancelled, or still starting at the end) is counted as provisioning.
    const loadingFrom = r.readyMs >= 0 ? Math.max(r.createdMs, r.readyMs - this.coldStartMs) : end;
    this.spread(this.provisioning, r.createdMs, Math.min(end, loadingFrom));
    this.spread(this.loading, Math.min(end, loadingFrom), end);
    if (r.readyMs >= 0 && this.readyAt.length < MAX_MARKS) this.readyAt.push(r.readyMs / 1000);
  }

  result(): ScalingOverTime | null {
    if (this.decisions === 0) return null;
    if (this.mode !== 'stable') this.spread(this.share[this.mode], this.modeSince, this.durationMs);
    this.mode = 'stable';
    const round = (a: Float64Array) => Array.from(a, (v) => Math.round(v * 1000) / 1000);
    return {
      bucket_s: this.bucketMs / 1000,
      panic: round(this.share.panic),
      holding_down: round(this.share.holding_down),
      delaying_up: round(this.share.delaying_up),
      provisioning: round(this.provisioning),
      loading: round(this.loading),
      ready_at_s: this.readyAt.sort((a, b) => a - b),
      changes: this.changes,
      cold_start_s: this.coldStartMs / 1000,
    };
  }
}
