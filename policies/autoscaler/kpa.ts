// Knative Pod Autoscaler as a pure policy. The decider (pkg/autoscaler/scaling/autoscaler.go)
// every tick: stable and panic window averages of the revision's concurrency (or rps), dspc / dppc
// = ceil(average / target) clamped to [ready / max_scale_down_rate, ready × max_scale_up_rate],
// panic when dppc / ready ≥ threshold, only ratcheting up while panicking, the scale-down delay and
// the excess burst capacity; then kpa-reconciler.ts applies bounds and scale-to-zero. Requests the
// activator holds count as concurrency, and at scale 0 a sample with requests pokes an immediate
// decision (MultiScaler.Poke). Built by index.ts.
import type { KpaConfig } from '../../config/autoscaler.js';
import { Cadence } from './cadence.js';
import { BucketWindow } from './kpa-window.js';
import { KpaReconciler } from './kpa-reconciler.js';
import type { Autoscaler, ScalingDecision, ScalingSample, ScalingState } from './types.js';

/** autoscaling.TargetMin: the smallest per-replica target Knative accepts. */
const TARGET_MIN = 0.01;

export class KpaAutoscaler implements Autoscaler {
  readonly kind = 'kpa';
  readonly initialReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Per-replica value aimed at: total × target_utilization. */
  readonly targetValue: number;
  /** Per-replica capacity the burst capacity is measured against. */
  readonly totalValue: number;
  private readonly config: KpaConfig;
  private readonly cadence: Cadence;
  private readonly stable: BucketWindow;
  private readonly panic: BucketWindow;
  private readonly reconciler: KpaReconciler;
  private readonly stableWindowMs: number;
  private panicSince = Number.NaN;
  private maxPanicPods = 0;
  private readonly delayed: { t: number; scale: number }[] = [];
  /** The decider's latest scale (-1 before its first valid decision). */
  private latestScale = -1;
  private excessBurstCapacity: number;
  private poked = false;

  constructor(config: KpaConfig) {
    this.config = config;
    this.totalValue = resolveTotal(config);
    this.targetValue = Math.max(TARGET_MIN, this.totalValue * config.target_utilization);
    this.minReplicas = config.min_scale;
    this.maxReplicas = config.max_scale === 0 ? Number.POSITIVE_INFINITY : config.max_scale;
    this.initialReplicas = Math.min(Math.max(config.initial_scale, config.min_scale), this.maxReplicas);
    this.cadence = new Cadence(config.tick_s);
    this.stableWindowMs = config.stable_window_s * 1000;
    this.stable = new BucketWindow(config.stable_window_s);
    // MakeMetric: the panic window is a percentage of the stable one, rounded to a second, >= 1 s.
    this.panic = new BucketWindow(Math.max(1, Math.round((config.stable_window_s * config.panic_window_percentage) / 100)));
    this.reconciler = new KpaReconciler(config, this.initialReplicas);
    const tbc = config.target_burst_capacity;
    this.excessBurstCapacity = tbc <= 0 ? tbc : config.initial_scale * this.totalValue - tbc;
  }

  observe(nowMs: number, sample: ScalingSample): void {
    // With no ready pod there is nothing to scrape; the activator reports only the requests it holds.
    if (sample.readyReplicas <= 0 && sample.pendingUnrouted <= 0) return;
    const concurrency = sample.inFlight + sample.pendingUnrouted;
    const value = this.config.metric === 'rps' ? sample.arrivalRps : concurrency;
    const sec = Math.floor(nowMs / 1000);
    this.stable.record(sec, value);
    this.panic.record(sec, value);
    if (this.latestScale === 0 && concurrency > 0) this.poked = true;
  }

  nextDecisionAt(nowMs: number): number {
    return this.poked ? nowMs : this.cadence.next();
  }

  decide(nowMs: number, state: ScalingState): ScalingDecision {
    this.cadence.decided(nowMs);
    this.poked = false;
    const decided = this.scale(nowMs, state.ready);
    const r = this.reconciler.reconcile(nowMs, decided.scale, this.excessBurstCapacity, state.current, state.ready);
    const reason = r.note === '' ? decided.why : `${decided.why}; ${r.note}`;
    return { desired: r.desired, reason, panic: !Number.isNaN(this.panicSince), activatorInPath: r.activatorInPath };
  }

  /** autoscaler.Scale: the decider's wanted scale, -1 when there is no data to decide on. */
  private scale(nowMs: number, readyCount: number): { scale: number; why: string } {
    const sec = Math.floor(nowMs / 1000);
    if (this.stable.isEmpty(sec)) return { scale: -1, why: 'no data in the stable window: keep the current count' };
    const stableAvg = this.stable.average(sec);
    const panicAvg = this.panic.average(sec);
    const ready = Math.max(1, readyCount);
    const maxUp = Math.ceil(this.config.max_scale_up_rate * ready);
    const maxDown = Math.floor(ready / this.config.max_scale_down_rate);
    const dspc = Math.ceil(stableAvg / this.targetValue);
    const dppc = Math.ceil(panicAvg / this.targetValue);
    const stablePods = Math.min(Math.max(dspc, maxDown), maxUp);
    const panicPods = Math.min(Math.max(dppc, maxDown), maxUp);

    const over = dppc / ready >= this.config.panic_threshold_percentage / 100;
    if (over) this.panicSince = nowMs; // start, or extend, the panic
    else if (!Number.isNaN(this.panicSince) && this.panicSince + this.stableWindowMs < nowMs) {
      this.panicSince = Number.NaN;
      this.maxPanicPods = 0;
    }

    let scale = stablePods;
    const metric = this.config.metric;
    let why = `${metric} stable ${fmt(stableAvg)} / panic ${fmt(panicAvg)}, target ${fmt(this.targetValue)}: stable ${stablePods}`;
    if (!Number.isNaN(this.panicSince)) {
      scale = Math.max(scale, panicPods);
      // No scale-down while panicking: the count only ratchets up.
      if (scale > this.maxPanicPods) this.maxPanicPods = scale;
      scale = this.maxPanicPods;
      why += `, panic ${panicPods}: panicking, hold ${scale}`;
    }
    if (this.config.scale_down_delay_s > 0) {
      const delayed = this.delayedScale(nowMs, scale);
      if (delayed !== scale) why += `; scale-down delayed, keep ${delayed}`;
      scale = delayed;
    }

    const tbc = this.config.target_burst_capacity;
    this.excessBurstCapacity = tbc <= 0 ? tbc : Math.floor(readyCount * this.totalValue - tbc - panicAvg);
    this.latestScale = scale;
    return { scale, why };
  }

  /** The delay window: the highest scale decided in the last scale_down_delay_s. */
  private delayedScale(nowMs: number, scale: number): number {
    const windowMs = this.config.scale_down_delay_s * 1000;
    while (this.delayed.length > 0 && this.delayed[0]!.t <= nowMs - windowMs) this.delayed.shift();
    this.delayed.push({ t: nowMs, scale });
    let max = scale;
    for (const d of this.delayed) max = Math.max(max, d.scale);
    return max;
  }
}

/** ResolveMetricTarget's `total`: the annotation target, else container concurrency or the default. */
function resolveTotal(config: KpaConfig): number {
  if (config.metric === 'rps') return config.target ?? 200;
  const cc = config.container_concurrency;
  if (config.target !== undefined) return cc !== 0 ? Math.min(config.target, cc) : config.target;
  return cc !== 0 ? cc : 100;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
