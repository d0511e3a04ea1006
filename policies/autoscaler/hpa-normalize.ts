// The Kubernetes HPA's normalisation of a metric recommendation, as horizontal.go does it:
// without `behavior`, the highest recommendation of the stabilisation window then
// convertDesiredReplicasWithRules (min/max, scale-up capped at max(2 × current, 4)); with
// `behavior`, stabilizeRecommendationWithBehaviors (upRec = min over the up window, downRec = max
// over the down window) then convertDesiredReplicasWithBehaviorRate (Pods / Percent per period
// from the replicas at the period's start, selectPolicy). Used by hpa.ts; times are ms.
//
// The window's edge. Upstream compares wall-clock times: stabilizeRecommendationWithBehaviors and
// getReplicasChangePerPeriod count what is After(cutoff), stabilizeRecommendation counts what is
// not Before(cutoff); they differ only on an exact tie, which real clocks leave to timing (the key
// is re-queued one period after a sync ends or after an informer resync, so gaps are the period
// plus jitter). In virtual time syncs fall on a grid and ties are the rule (300 s = 20 × 15 s), so
// servetwin fixes one rule for every window of the HPA, with and without `behavior`: a
// recommendation (or scale event) recorded at t is inside the window of w seconds at `now` iff
// t > now − w. Exactly w old is out.
// Why this side: it is the rule of the behavior path and of the scale-event periods, and it gives
// upstream's first sync (below) without an ε. So a 300 s window at 15 s syncs holds this sync's
// recommendation and the 19 before it, and a scale-down comes 300 s after the last higher one.
//
// The order within a sync (reconcileAutoscaler): recordInitialRecommendation stamps the replicas
// found at the first sync with time.Now() before the metrics are read; the normalisation that
// follows takes its cutoff from a later time.Now(). So the initial recommendation is already
// outside a 0 s window, and the HPA can scale down at its first sync. Here both happen at the same
// virtual instant. Under the rule above that decides every window as the earlier stamp would: a
// tie, the only case where the two could differ, is out either way. So no ε is needed.
import type { HpaConfig, HpaScalingRules } from '../../config/autoscaler.js';

interface Recommendation {
  replicas: number;
  t: number;
}

interface ScaleEvent {
  change: number;
  t: number;
  outdated: boolean;
}

export interface Normalized {
  desired: number;
  /** What limited the recommendation, empty when nothing did. */
  note: string;
}

type Behavior = NonNullable<HpaConfig['behavior']>;

export class HpaNormalizer {
  private readonly config: HpaConfig;
  private recommendations: Recommendation[] | undefined;
  private readonly upEvents: ScaleEvent[] = [];
  private readonly downEvents: ScaleEvent[] = [];

  constructor(config: HpaConfig) {
    this.config = config;
  }

  /**
   * recordInitialRecommendation: the replicas at the first sync count as a recommendation. Called
   * first in a sync, before normalize(); stamped with the sync's instant (see the header: it is
   * outside a 0 s window at once, as upstream's, stamped a moment earlier, is).
   */
  recordInitial(nowMs: number, current: number): void {
    this.recommendations ??= [{ replicas: current, t: nowMs }];
  }

  normalize(nowMs: number, current: number, desired: number): Normalized {
    const behavior = this.config.behavior;
    return behavior === undefined ? this.withRules(nowMs, current, desired) : this.withBehaviors(nowMs, current, desired, behavior);
  }

  /** storeScaleEvent: only kept with `behavior`, the only place the events are read. */
  recordScale(nowMs: number, previous: number, next: number): void {
    const behavior = this.config.behavior;
    if (behavior === undefined || next === previous) return;
    const up = next > previous;
    const events = up ? this.upEvents : this.downEvents;
    const longestS = Math.max(...(up ? behavior.scale_up : behavior.scale_down).policies.map((p) => p.period_s));
    let reuse = -1;
    for (let i = 0; i < events.length; i++) {
      if (!inWindow(events[i]!.t, nowMs, longestS)) events[i]!.outdated = true;
      if (events[i]!.outdated) reuse = i;
    }
    const event = { change: Math.abs(next - previous), t: nowMs, outdated: false };
    if (reuse >= 0) events[reuse] = event;
    else events.push(event);
  }

  // ---- without behavior -------------------------------------------------------------------------

  /** stabilizeRecommendation then convertDesiredReplicasWithRules. */
  private withRules(nowMs: number, current: number, desired: number): Normalized {
    const windowS = this.config.downscale_stabilization_s;
    const recs = (this.recommendations ??= []);
    let stabilized = desired;
    let old = -1;
    for (let i = 0; i < recs.length; i++) {
      const rec = recs[i]!;
      if (!inWindow(rec.t, nowMs, windowS)) old = i;
      else if (rec.replicas > stabilized) stabilized = rec.replicas;
    }
    if (old >= 0) recs[old] = { replicas: desired, t: nowMs };
    else recs.push({ replicas: desired, t: nowMs });

    let note = stabilized !== desired ? `stabilised to ${stabilized} (highest of the last ${this.config.downscale_stabilization_s} s)` : '';
    const scaleUpLimit = Math.trunc(Math.max(2 * current, 4));
    const maxAllowed = Math.min(this.config.max_replicas, scaleUpLimit);
    if (stabilized < this.config.min_replicas) return { desired: this.config.min_replicas, note: join(note, `raised to min_replicas ${this.config.min_replicas}`) };
    if (stabilized > maxAllowed) {
      note = join(note, maxAllowed === scaleUpLimit && scaleUpLimit < this.config.max_replicas ? `scale-up limit max(2×${current}, 4) = ${scaleUpLimit}` : `max_replicas ${maxAllowed}`);
      return { desired: maxAllowed, note };
    }
    return { desired: stabilized, note };
  }

  // ---- with behavior ----------------------------------------------------------------------------

  /** stabilizeRecommendationWithBehaviors then convertDesiredReplicasWithBehaviorRate. */
  private withBehaviors(nowMs: number, current: number, desired: number, behavior: Behavior): Normalized {
    const upWindowS = behavior.scale_up.stabilization_window_s;
    const downWindowS = behavior.scale_down.stabilization_window_s ?? this.config.downscale_stabilization_s;
    const recs = (this.recommendations ??= []);
    let upRec = desired;
    let downRec = desired;
    let old = -1;
    for (let i = 0; i < recs.length; i++) {
      const rec = recs[i]!;
      const inUp = inWindow(rec.t, nowMs, upWindowS);
      const inDown = inWindow(rec.t, nowMs, downWindowS);
      if (inUp) upRec = Math.min(rec.replicas, upRec);
      if (inDown) downRec = Math.max(rec.replicas, downRec);
      if (!inUp && !inDown) old = i;
    }
    let stabilized = current;
    if (stabilized < upRec) stabilized = upRec;
    if (stabilized > downRec) stabilized = downRec;
    if (old >= 0) recs[old] = { replicas: desired, t: nowMs };
    else recs.push({ replicas: desired, t: nowMs });

    let note = stabilized !== desired ? `stabilised to ${stabilized} (window [${upRec}, ${downRec}])` : '';
    if (stabilized > current) {
      const limit = Math.max(this.scaleUpLimit(nowMs, current, behavior.scale_up), current);
      const maxAllowed = Math.min(this.config.max_replicas, limit);
      if (stabilized > maxAllowed) {
        note = join(note, limit < this.config.max_replicas ? `scale-up policies allow ${limit}` : `max_replicas ${maxAllowed}`);
        return { desired: maxAllowed, note };
      }
    } else if (stabilized < current) {
      const limit = Math.min(this.scaleDownLimit(nowMs, current, behavior.scale_down), current);
      const minAllowed = Math.max(this.config.min_replicas, limit);
      if (stabilized < minAllowed) {
        note = join(note, limit > this.config.min_replicas ? `scale-down policies allow ${limit}` : `min_replicas ${minAllowed}`);
        return { desired: minAllowed, note };
      }
    }
    return { desired: stabilized, note };
  }

  /** calculateScaleUpLimitWithScalingRules. */
  private scaleUpLimit(nowMs: number, current: number, rules: HpaScalingRules): number {
    if (rules.select_policy === 'Disabled') return current;
    const pickMin = rules.select_policy === 'Min';
    let result = pickMin ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    for (const policy of rules.policies) {
      const periodStart = current - changeWithin(this.upEvents, nowMs, policy.period_s) + changeWithin(this.downEvents, nowMs, policy.period_s);
      const proposed = policy.type === 'Pods' ? periodStart + policy.value : Math.ceil(periodStart * (1 + policy.value / 100));
      result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return result;
  }

  /** calculateScaleDownLimitWithBehaviors: Min picks the smallest change, i.e. the highest count. */
  private scaleDownLimit(nowMs: number, current: number, rules: HpaScalingRules): number {
    if (rules.select_policy === 'Disabled') return current;
    const pickMinChange = rules.select_policy === 'Min';
    let result = pickMinChange ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (const policy of rules.policies) {
      const periodStart = current - changeWithin(this.upEvents, nowMs, policy.period_s) + changeWithin(this.downEvents, nowMs, policy.period_s);
      const proposed = policy.type === 'Pods' ? periodStart - policy.value : Math.trunc(periodStart * (1 - policy.value / 100));
      result = pickMinChange ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }
}

/** getReplicasChangePerPeriod: replicas added (or removed) by events in the last period. */
function changeWithin(events: readonly ScaleEvent[], nowMs: number, periodS: number): number {
  let sum = 0;
  for (const e of events) if (inWindow(e.t, nowMs, periodS)) sum += e.change;
  return sum;
}

/** The one edge rule of every HPA window (see the header): recorded at tMs, still inside iff tMs > now − window. */
function inWindow(tMs: number, nowMs: number, windowS: number): boolean {
  return tMs > nowMs - windowS * 1000;
}

function join(a: string, b: string): string {
  return a === '' ? b : `${a}; ${b}`;
}
