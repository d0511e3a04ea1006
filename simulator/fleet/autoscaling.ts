// Drives a pool's autoscaling policy (engine/policies/autoscaler/, pure objects) by its protocol in
// virtual time: every SAMPLE_INTERVAL_MS observe() a ScalingSample measured over the second that
// just ended (time-averaged requests in flight, queued and held, utilisation of the ready
// instances, arrival rate), decide() whenever nextDecisionAt() has come (observe first at equal
// times), and make the fleet (replica-lifecycle.ts) ask for `desired` replicas. A new replica is
// ready after a provisioning draw (stream `provisioning`) plus the profile's cold start.
import { createAutoscaler, drawProvisioningMs, SAMPLE_INTERVAL_MS, type Autoscaler, type ScalingSample } from '../../policies/autoscaler/index.js';
import type { AutoscalerConfig, Provisioning } from '../../config/autoscaler.js';
import { stream, type Uniform } from '../../common/rng.js';
import type { EventQueue } from '../core/event-queue.js';
import { SCALING_DECIDE, SCALING_SAMPLE } from '../core/events.js';
import type { Fleet } from './fleet.js';
import type { Pool } from './pool.js';
import type { Replica } from './replica.js';
import { Level, type TimeSeriesRecorder } from './metrics/timeseries.js';
import { WindowStat } from './metrics/window-stat.js';
import type { RunTrace } from '../core/run-trace.js';

/** The measurements and counters of one autoscaled pool (run.ts updates the levels as requests move). */
export class PoolScaler {
  readonly policy: Autoscaler;
  /** Requests queued or executing on ready replicas, or in ingress on their HTTP thread (draining ones no longer report). */
  readonly inFlight = new Level();
  /** The part of inFlight still waiting in a queue. */
  readonly queued = new Level();
  /** Requests held with no ready replica to go to. */
  readonly pending = new Level();
  /** Instances of ready replicas, and how many of them are executing a batch. */
  readonly readyInstances = new Level();
  readonly busy = new Level();
  /** Requests that reached the pool since the last sample. */
  arrivals = 0;
  /** Time of the SCALING_DECIDE event in the heap (Infinity: none). */
  decideAt = Number.POSITIVE_INFINITY;
  /** Decisions that changed the count asked for (in the measured window), up and down. */
  scaleUps = 0;
  scaleDowns = 0;
  /** Knative: time in panic, and with the activator in the request path, over the window. */
  readonly panic: WindowStat;
  readonly activator: WindowStat;
  /** Whether the policy reports panic / activator at all (Knative). */
  reportsPanic = false;
  maxDesired = 0;
  private lastSampleMs = 0;
  private readonly uProvision: Uniform;

  constructor(
    config: AutoscalerConfig,
    private readonly provisioning: Provisioning | undefined,
    private readonly coldStartMs: number,
    seed: number,
    warmupMs: number,
    endMs: number,
  ) {
    this.policy = createAutoscaler(config);
    this.uProvision = stream(seed, 'provisioning');
    this.panic = new WindowStat(warmupMs, endMs);
    this.activator = new WindowStat(warmupMs, endMs);
  }

  /** Time from asking for a replica until it serves: a provisioning draw plus the model's cold start. */
  startDelayMs(): number {
    return (this.provisioning ? drawProvisioningMs(this.provisioning, this.uProvision) : 0) + this.coldStartMs;
  }

  readyChanged(instances: number, now: number): void {
    this.readyInstances.change(instances, now);
  }

  /** A ready replica started draining: its work no longer counts as the pool's. */
  drained(pool: Pool, replica: Replica, now: number): void {
    this.inFlight.change(-pool.outstanding[replica.slot]!, now);
    this.queued.change(-replica.batcher.length, now);
    this.busy.change(-(replica.instances - replica.freeCount), now);
    this.readyInstances.change(-replica.instances, now);
  }

  /** What was measured since the previous sample (every SAMPLE_INTERVAL_MS). */
  sample(now: number, pool: Pool): ScalingSample {
    const span = now - this.lastSampleMs;
    this.lastSampleMs = now;
    const available = this.readyInstances.close(now);
    const busy = this.busy.close(now);
    const arrivals = this.arrivals;
    this.arrivals = 0;
    return {
      readyReplicas: pool.readyCount,
      inFlight: this.inFlight.close(now) / span,
      queued: this.queued.close(now) / span,
      pendingUnrouted: this.pending.close(now) / span,
      utilization: available > 0 ? Math.min(1, busy / available) : 0,
      arrivalRps: (arrivals * 1000) / span,
    };
  }
}

/** The run's side of the protocol for every autoscaled pool: sample ticks and decisions. */
export class ScalingDriver {
  private nextSampleAt = SAMPLE_INTERVAL_MS;

  constructor(
    private readonly queue: EventQueue,
    private readonly fleet: Fleet,
    private readonly pools: readonly Pool[],
    private readonly series: TimeSeriesRecorder,
    private readonly warmupMs: number,
    private readonly endMs: number,
    private readonly trace: RunTrace | undefined,
  ) {}

  /** At t = 0: the initial replicas are in place; schedule the first sample and decisions. */
  start(): void {
    if (this.nextSampleAt <= this.endMs) this.queue.push(this.nextSampleAt, SCALING_SAMPLE, 0);
    for (const pool of this.pools) this.decideIfDue(0, pool);
  }

  onSample(now: number): void {
    for (const pool of this.pools) {
      const s = pool.scaler!;
      s.policy.observe(now, s.sample(now, pool));
      this.decideIfDue(now, pool);
    }
    this.nextSampleAt = now + SAMPLE_INTERVAL_MS;
    if (this.nextSampleAt <= this.endMs) this.queue.push(this.nextSampleAt, SCALING_SAMPLE, 0);
  }

  onDecide(now: number, index: number): void {
    const pool = this.fleet.pools[index]!;
    const s = pool.scaler!;
    if (now !== s.decideAt) return; // superseded by an earlier decision
    if (now === this.nextSampleAt) {
      // A sample is due at this very time and must be observed first: come back after it.
      this.queue.push(now, SCALING_DECIDE, index);
      return;
    }
    s.decideAt = Number.POSITIVE_INFINITY;
    this.decideIfDue(now, pool);
  }

  private decideIfDue(now: number, pool: Pool): void {
    const s = pool.scaler!;
    if (s.policy.nextDecisionAt(now) <= now) this.decide(now, pool);
    const at = s.policy.nextDecisionAt(now);
    // A policy asks for each time once; anything not later than now would spin.
    if (at > now && at < s.decideAt && at <= this.endMs) {
      s.decideAt = at;
      this.queue.push(at, SCALING_DECIDE, pool.index);
    }
  }

  private decide(now: number, pool: Pool): void {
    const s = pool.scaler!;
    const current = pool.current;
    const ready = pool.readyCount;
    const d = s.policy.decide(now, { current, ready });
    if (d.desired !== current && now >= this.warmupMs) {
      if (d.desired > current) s.scaleUps++;
      else s.scaleDowns++;
    }
    if (d.desired > s.maxDesired) s.maxDesired = d.desired;
    this.fleet.scaleTo(pool, d.desired, now, () => s.startDelayMs());
    if (d.panic !== undefined) {
      s.reportsPanic = true;
      const panic = d.panic ? 1 : 0;
      s.panic.change(panic - s.panic.value, now);
      this.series.panic.change(panic - this.series.panic.value, now);
    }
    if (d.activatorInPath !== undefined) {
      const inPath = d.activatorInPath ? 1 : 0;
      s.activator.change(inPath - s.activator.value, now);
      this.series.activator.change(inPath - this.series.activator.value, now);
    }
    this.trace?.onScale?.({ pool: pool.index, atMs: now, current, ready, desired: d.desired, reason: d.reason, panic: d.panic ?? false });
  }
}
