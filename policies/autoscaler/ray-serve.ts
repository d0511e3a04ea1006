// Ray Serve's default autoscaling policy (serve/_private/autoscaling_policy.py) as a pure policy.
// Every control loop: desired = total ongoing requests / target_ongoing_requests, moved from the
// running count by the up/down scaling factor, applied only once the same direction has been wanted
// continuously for upscale_delay_s / downscale_delay_s, clamped to [min, max]; from zero running
// replicas with requests waiting it scales up at once. The controller sees the look-back average of
// ongoing requests as replicas push it every metrics_interval_s; at zero replicas the handle pushes
// its queue immediately. Built by index.ts.
import type { RayServeConfig } from '../../config/autoscaler.js';
import { Cadence } from './cadence.js';
import { SampleWindow } from './sample-window.js';
import type { Autoscaler, ScalingDecision, ScalingSample, ScalingState } from './types.js';

/** _DELAY_ELAPSED_EPS_S: slack in the delay comparison, so 400 s of waiting counts as 400 s. */
const DELAY_EPS_MS = 1e-3;

export class RayServeAutoscaler implements Autoscaler {
  readonly kind = 'ray_serve';
  readonly initialReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  private readonly config: RayServeConfig;
  private readonly cadence: Cadence;
  private readonly lookBack: SampleWindow;
  private readonly pushMs: number;
  /** The controller's view of total ongoing requests (last push), and when it was pushed. */
  private pushedTotal = 0;
  private lastPushMs = Number.NEGATIVE_INFINITY;
  private lastSample: ScalingSample | undefined;
  /** Direction of the decision being held (+1 up, -1 down, 0 none) and since when. */
  private direction = 0;
  private directionSince = 0;

  constructor(config: RayServeConfig) {
    this.config = config;
    this.minReplicas = config.min_replicas;
    this.maxReplicas = config.max_replicas;
    this.initialReplicas = config.initial_replicas ?? config.min_replicas;
    this.cadence = new Cadence(config.control_loop_s);
    this.lookBack = new SampleWindow(config.look_back_period_s * 1000);
    this.pushMs = config.metrics_interval_s * 1000;
  }

  observe(nowMs: number, sample: ScalingSample): void {
    const total = sample.inFlight + sample.pendingUnrouted;
    this.lookBack.add(nowMs, total);
    this.lastSample = sample;
    if (nowMs - this.lastPushMs >= this.pushMs) {
      this.pushedTotal = this.lookBack.mean(nowMs) ?? 0;
      this.lastPushMs = nowMs;
    }
  }

  nextDecisionAt(): number {
    return this.cadence.next();
  }

  decide(nowMs: number, state: ScalingState): ScalingDecision {
    this.cadence.decided(nowMs);
    const target = state.current; // the replicas the controller is currently scaling to
    const running = state.ready;
    if (this.lastSample === undefined) return { desired: this.bound(target), reason: 'no metrics yet' };
    // With no running replica only the handles' queues count, and they push them at once.
    const total = running === 0 ? (this.lastSample?.pendingUnrouted ?? 0) + (this.lastSample?.inFlight ?? 0) : this.pushedTotal;

    if (running === 0 && total > 0) {
      const desired = this.bound(Math.max(Math.ceil(this.config.upscaling_factor), target));
      return { desired, reason: `cold start: ${fmt(total)} requests waiting, no running replica: scale to ${desired} at once` };
    }
    const raw = running === 0 ? target : total / this.config.target_ongoing_requests;
    const scaled = this.applyFactors(raw, running);
    const why = `ongoing ${fmt(total)} / target ${this.config.target_ongoing_requests} = ${fmt(raw)}, scaled ${scaled}`;
    if (running === 0 && scaled > 0) return { desired: this.bound(scaled), reason: why };
    const delayed = this.applyDelay(Math.max(0, scaled), target, nowMs);
    const desired = this.bound(delayed.replicas);
    return { desired, reason: `${why}; ${delayed.note}` };
  }

  /** _apply_scaling_factors: move from the running count by a fraction of the gap. */
  private applyFactors(desired: number, running: number): number {
    if (running === 0) return Math.ceil(desired);
    const delta = desired - running;
    const factor = delta > 0 ? this.config.upscaling_factor : this.config.downscaling_factor;
    let scaled = Math.ceil(running + factor * delta);
    // A small downscaling factor could otherwise never take the last step down.
    if (Math.ceil(desired) < running && scaled === running) scaled -= 1;
    return scaled;
  }

  /** _apply_delay_logic: a change applies once its direction has held for the delay. */
  private applyDelay(desired: number, target: number, nowMs: number): { replicas: number; note: string } {
    if (desired === target) {
      this.hold(0, nowMs);
      return { replicas: target, note: 'no change' };
    }
    const up = desired > target;
    this.hold(up ? 1 : -1, nowMs);
    let delayS = this.config.upscale_delay_s;
    if (!up) {
      if (target === 1) delayS = this.config.downscale_to_zero_delay_s ?? this.config.downscale_delay_s;
      else {
        delayS = this.config.downscale_delay_s;
        desired = Math.max(1, desired); // only the step 1 → 0 reaches zero
      }
    }
    const heldMs = nowMs - this.directionSince;
    if (heldMs + DELAY_EPS_MS >= delayS * 1000) {
      this.hold(0, nowMs);
      return { replicas: desired, note: `${up ? 'up' : 'down'} decision held ${fmt(heldMs / 1000)} s: apply` };
    }
    return { replicas: target, note: `${up ? 'up' : 'down'} to ${desired} wanted for ${fmt(heldMs / 1000)} of ${delayS} s` };
  }

  /** Starts holding a direction (keeps the start time while it continues); 0 resets. */
  private hold(direction: number, nowMs: number): void {
    if (direction !== this.direction) this.directionSince = nowMs;
    this.direction = direction;
  }

  private bound(replicas: number): number {
    return Math.min(this.maxReplicas, Math.max(this.minReplicas, replicas));
  }
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
