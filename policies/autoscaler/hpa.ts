// Kubernetes HorizontalPodAutoscaler (autoscaling/v2) as a pure policy: every sync_period_s it
// reads its metric (averaged over metric_window_s, as the metrics pipeline delivers it), computes
// the replica count the way replica_calculator.go does (ratio to target, tolerance, ceil(ratio ×
// ready), replicas still starting counted as 0 % on a scale-up) and normalises it with
// hpa-normalize.ts (horizontal.go). Built by index.ts; docs/autoscaling.md lists what is simplified.
import type { HpaConfig } from '../../config/autoscaler.js';
import { Cadence } from './cadence.js';
import { HpaNormalizer } from './hpa-normalize.js';
import { SampleWindow } from './sample-window.js';
import type { Autoscaler, ScalingDecision, ScalingSample, ScalingState } from './types.js';

/** The metric's value as the HPA compares it with its target (both in the units of the API). */
interface Reading {
  ratio: number;
  /** Human form of the current value, e.g. "utilisation 93 %". */
  shown: string;
}

export class HpaAutoscaler implements Autoscaler {
  readonly kind = 'hpa';
  readonly initialReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  private readonly config: HpaConfig;
  private readonly cadence: Cadence;
  private readonly window: SampleWindow;
  private readonly normalizer: HpaNormalizer;
  private readonly tolUp: number;
  private readonly tolDown: number;

  constructor(config: HpaConfig) {
    this.config = config;
    this.minReplicas = config.min_replicas;
    this.maxReplicas = config.max_replicas;
    this.initialReplicas = config.initial_replicas ?? config.min_replicas;
    this.cadence = new Cadence(config.sync_period_s);
    this.window = new SampleWindow(config.metric_window_s * 1000);
    this.normalizer = new HpaNormalizer(config);
    this.tolUp = config.behavior?.scale_up.tolerance ?? config.tolerance;
    this.tolDown = config.behavior?.scale_down.tolerance ?? config.tolerance;
  }

  observe(nowMs: number, sample: ScalingSample): void {
    // A replica that is not ready exports no metrics; with none ready there is nothing to average.
    if (sample.readyReplicas <= 0) return;
    const metric = this.config.metric;
    const value =
      metric.type === 'utilization'
        ? sample.utilization
        : (metric.type === 'in_flight_per_replica' ? sample.inFlight : sample.queued) / sample.readyReplicas;
    this.window.add(nowMs, value);
  }

  nextDecisionAt(): number {
    return this.cadence.next();
  }

  decide(nowMs: number, state: ScalingState): ScalingDecision {
    this.cadence.decided(nowMs);
    const { current, ready } = state;
    // reconcileAutoscaler's order within a sync: the initial recommendation, then the metric, then
    // the normalisation; one virtual instant serves all three (hpa-normalize.ts says why).
    this.normalizer.recordInitial(nowMs, current);
    const { min_replicas: min, max_replicas: max } = this.config;

    let desired: number;
    let reason: string;
    if (current === 0 && min !== 0) {
      return { desired: current, reason: 'scaling disabled: the target has 0 replicas' };
    } else if (current > max) {
      desired = max;
      reason = `current ${current} above max_replicas`;
    } else if (current < min) {
      desired = min;
      reason = `current ${current} below min_replicas`;
    } else {
      const proposal = this.replicasForMetric(nowMs, current, ready);
      if (proposal === undefined) return { desired: current, reason: 'no metrics: no ready replica reported in the metric window' };
      const normalized = this.normalizer.normalize(nowMs, current, proposal.replicas);
      desired = normalized.desired;
      reason = normalized.note === '' ? proposal.why : `${proposal.why}; ${normalized.note}`;
    }
    this.normalizer.recordScale(nowMs, current, desired);
    return { desired, reason };
  }

  /** calcPlainMetricReplicas / calcResourceReplicas, with pods still starting as "unready". */
  private replicasForMetric(nowMs: number, current: number, ready: number): { replicas: number; why: string } | undefined {
    const mean = this.window.mean(nowMs);
    if (mean === undefined || ready <= 0) return undefined;
    // Per-pod values in milli-units as the metrics API carries them; the average over pods is an
    // integer division, as in GetMetricUsageRatio / GetResourceUtilizationRatio.
    const totalMilli = Math.round(mean * 1000 * ready);
    const reading = this.read(totalMilli, ready);
    const unready = Math.max(0, current - ready);
    const scaleUpWithUnready = unready > 0 && reading.ratio > 1;
    if (!scaleUpWithUnready) {
      if (this.withinTolerance(reading.ratio)) return { replicas: current, why: `${reading.shown}: within tolerance` };
      const replicas = Math.ceil(reading.ratio * ready);
      return { replicas, why: `${reading.shown}: ceil(${fmt(reading.ratio)} × ${ready} ready) = ${replicas}` };
    }
    // On a scale-up, replicas still starting count as 0 %; recompute and keep the direction.
    const pods = ready + unready;
    const again = this.read(totalMilli, pods);
    if (this.withinTolerance(again.ratio) || again.ratio < 1) {
      return { replicas: current, why: `${reading.shown}, ${unready} starting counted as 0: ratio ${fmt(again.ratio)}, no change` };
    }
    const replicas = Math.ceil(again.ratio * pods);
    if (replicas < current) return { replicas: current, why: `${reading.shown}, ${unready} starting counted as 0: no change` };
    return { replicas, why: `${reading.shown}, ${unready} starting counted as 0: ceil(${fmt(again.ratio)} × ${pods}) = ${replicas}` };
  }

  private read(totalMilli: number, pods: number): Reading {
    const metric = this.config.metric;
    if (metric.type === 'utilization') {
      // Every replica "requests" one whole instance pool: 1000 milli-units each.
      const percent = Math.trunc((totalMilli * 100) / (1000 * pods));
      return { ratio: percent / metric.target_percent, shown: `utilisation ${percent} % vs target ${metric.target_percent} %` };
    }
    const usageMilli = Math.trunc(totalMilli / pods);
    const targetMilli = Math.round(metric.target_requests * 1000);
    const name = metric.type === 'in_flight_per_replica' ? 'in flight' : 'queued';
    return { ratio: usageMilli / targetMilli, shown: `${name} ${fmt(usageMilli / 1000)}/replica vs target ${metric.target_requests}` };
  }

  private withinTolerance(ratio: number): boolean {
    return 1 - this.tolDown <= ratio && ratio <= 1 + this.tolUp;
  }
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
