// The KPA reconciler's side of a decision (pkg/reconciler/autoscaling/kpa scaler.go and kpa.go):
// min/max/initial scale bounds, the scale-to-zero rules (keep one replica until the revision has
// been active for a stable window, then mark it inactive; drop the last replica once inactive for
// the retention period and with the activator in the path for the grace period), the Active /
// Activating / Inactive condition, and whether the activator is in the request path. kpa.ts feeds
// it the decider's wanted scale each tick. Times are ms.
import type { KpaConfig } from '../../config/autoscaler.js';

type Activity = 'active' | 'activating' | 'inactive';

export interface Reconciled {
  /** Replicas to request (the current count when nothing is applied). */
  desired: number;
  /** The scale the reconciler settled on: -1 unknown, 0 inactive, else the applied count. */
  want: number;
  activatorInPath: boolean;
  note: string;
}

export class KpaReconciler {
  private readonly config: KpaConfig;
  private readonly stableWindowMs: number;
  private activity: Activity;
  private activitySince = 0;
  private initialized = false;
  /** When the serverless service last switched to proxy mode (NaN while serving directly). */
  private proxySince = 0;

  constructor(config: KpaConfig, initialReplicas: number) {
    this.config = config;
    this.stableWindowMs = config.stable_window_s * 1000;
    this.activity = initialReplicas > 0 ? 'active' : 'inactive';
  }

  /** One reconcile: `decided` is the decider's scale (-1: no data), `ebc` its excess burst capacity. */
  reconcile(nowMs: number, decided: number, ebc: number, current: number, ready: number): Reconciled {
    const { min_scale, max_scale, initial_scale } = this.config;
    let desired = current;
    let want: number;
    let note = '';
    // Knative marks the scale target initialized on the reconcile that first sees enough ready pods;
    // reconciles run more often than ticks, so count it as seen before this decision.
    if (!this.initialized && ready >= Math.max(min_scale, initial_scale)) this.initialized = true;

    if (decided < 0 && this.activity !== 'activating') {
      want = -1; // metrics not collected yet: leave the scale alone
    } else {
      const min = initial_scale > 1 && !this.initialized ? Math.max(initial_scale, min_scale) : min_scale;
      let scale = Math.max(decided, min);
      if (max_scale !== 0) scale = Math.min(scale, max_scale);
      if (scale !== decided) note = `bounded to ${scale}`;
      if (scale !== 0) {
        want = scale;
        desired = scale;
      } else {
        const toZero = this.scaleToZero(nowMs);
        want = toZero.want;
        if (toZero.apply !== undefined) desired = toZero.apply;
        note = toZero.note;
      }
    }

    this.updateActivity(nowMs, want, ready);
    // The activator leaves the path only for a positive scale with spare burst capacity.
    const proxy = !(want > 0 && ebc >= 0);
    if (proxy && Number.isNaN(this.proxySince)) this.proxySince = nowMs;
    if (!proxy) this.proxySince = Number.NaN;
    return { desired, want, activatorInPath: proxy, note };
  }

  /**
   * handleScaleToZero for a wanted scale of 0: `apply` is the count to request now (absent: leave
   * the current count), `want` what the reconciler reports (0: inactive, -1: unknown).
   */
  private scaleToZero(nowMs: number): { apply?: number; want: number; note: string } {
    const { scale_to_zero_grace_period_s: graceS, scale_to_zero_pod_retention_s: retentionS } = this.config;
    const since = nowMs - this.activitySince;
    switch (this.activity) {
      case 'activating':
        return { want: -1, note: 'activating: scale to zero deferred' };
      case 'active':
        if (since >= this.stableWindowMs) return { want: 0, note: 'idle for a stable window: revision goes inactive' };
        return { apply: 1, want: 1, note: `idle, but active for only ${Math.round(since / 1000)} s: keep 1` };
      case 'inactive':
        if (since >= Math.max(graceS, retentionS) * 1000) return { apply: 0, want: 0, note: 'inactive past the grace period: scale to zero' };
        if (retentionS > 0 && since < retentionS * 1000) return { want: 0, note: 'inactive: last replica retained' };
        if (!Number.isNaN(this.proxySince) && nowMs - this.proxySince >= graceS * 1000) {
          return { apply: 0, want: 0, note: 'inactive, activator in path for the grace period: scale to zero' };
        }
        return { want: 0, note: 'inactive: waiting for the grace period' };
    }
  }

  /** computeActiveCondition. */
  private updateActivity(nowMs: number, want: number, ready: number): void {
    const { min_scale, initial_scale } = this.config;
    const minReady = this.initialized ? Math.max(min_scale, 1) : Math.max(min_scale, initial_scale);
    if (ready >= minReady) this.initialized = true;
    let next = this.activity;
    if (want === 0 || minReady === 0) next = 'inactive';
    else if (ready < minReady) {
      if (want > 0 || this.activity !== 'inactive') next = 'activating';
    } else if (want > 0 || this.activity !== 'inactive') next = 'active';
    if (next !== this.activity) {
      this.activity = next;
      this.activitySince = nowMs;
    }
  }
}
