// The Kubernetes HPA's normalisation of a metric recommendation, as horizontal.go does it:
// without `behavior`, the highest recommendation of the stabilisation window then
// convertDesiredReplicasWithRules (min/max, scale-up capped at max(2 × current, 4)); with
// `behavior`, stabilizeRecommendationWithBehaviors (upRec = min over the up window, downRec = max
// over the down window) then convertDesiredReplicasWithBehaviorRate (Pods / Percent per period
// from the replicas at the period's start, selectPolicy). Used by hpa.ts; times are ms.
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

  /** recordInitialRecommendation: the replicas at the first sync count as a recommendation. */
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
      if (events[i]!.t < nowMs - longestS * 1000) events[i]!.outdated = true;
      if (events[i]!.outdated) reuse = i;
    }
    const event = { change: Math.abs(next - previous), t: nowMs, outdated: false };
    if (reuse >= 0) events[reuse] = event;
    else events.push(event);
  }

  // ---- without behavior -------------------------------------------------------------------------

  private withRules(nowMs: number, current: number, desired: number): Normalized {
    const cutoff = nowMs - this.config.downscale_stabilization_s * 1000;
    const recs = (this.recommendations ??= []);
    let stabilized = desired;
    let old = -1;
    for (let i = 0; i < recs.length; i++) {
      const rec = recs[i]!;
      if (rec.t < cutoff) old = i;
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

  private withBehaviors(nowMs: number, current: number, desired: number, behavior: Behavior): Normalized {
    const upWindowS = behavior.scale_up.stabilization_window_s;
    const downWindowS = behavior.scale_down.stabilization_window_s ?? this.config.downscale_stabilization_s;
    const upCutoff = nowMs - upWindowS * 1000;
    const downCutoff = nowMs - downWindowS * 1000;
    const recs = (this.recommendations ??= []);
    let upRec = desired;
    let downRec = desired;
    let old = -1;
    for (let i = 0; i < recs.length; i++) {
      const rec = recs[i]!;
      if (rec.t > upCutoff) upRec = Math.min(rec.replicas, upRec);
      if (rec.t > downCutoff) downRec = Math.max(rec.replicas, downRec);
      if (rec.t < upCutoff && rec.t < downCutoff) old = i;
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
  for (const e of events) if (e.t > nowMs - periodS * 1000) sum += e.change;
  return sum;
}

function join(a: string, b: string): string {
  return a === '' ? b : `${a}; ${b}`;
}
