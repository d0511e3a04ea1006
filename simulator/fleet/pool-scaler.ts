// What one autoscaled pool measures for its autoscaler (policies/autoscaler/, pure objects): time
// averages of requests in flight, queued and held, of ready and busy instances, and the arrivals,
// each sampled once per SAMPLE_INTERVAL_MS into a ScalingSample; the provisioning stream that
// draws how long a new replica takes; and the tallies of the autoscaler's decisions for the
// result. The ledger (ledger.ts) moves its levels; the driver (autoscaling.ts) samples and decides.
import { createAutoscaler, drawProvisioningMs, type Autoscaler, type ScalingSample } from '../../policies/autoscaler/index.js';
import type { AutoscalerConfig, Provisioning } from '../../config/autoscaler.js';
import { stream, type Uniform } from '../../common/rng.js';
import { Level } from './metrics/timeseries.js';
import { WindowStat } from './metrics/window-stat.js';

/** The measurements and counters of one autoscaled pool (the ledger updates its levels as requests move). */
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

  /** A ready replica started draining with this much work: it no longer counts as the pool's. */
  drained(outstanding: number, queued: number, busy: number, instances: number, now: number): void {
    this.inFlight.change(-outstanding, now);
    this.queued.change(-queued, now);
    this.busy.change(-busy, now);
    this.readyInstances.change(-instances, now);
  }

  /** What was measured since the previous sample (every SAMPLE_INTERVAL_MS), with `readyReplicas` ready now. */
  sample(now: number, readyReplicas: number): ScalingSample {
    const span = now - this.lastSampleMs;
    this.lastSampleMs = now;
    const available = this.readyInstances.close(now);
    const busy = this.busy.close(now);
    const arrivals = this.arrivals;
    this.arrivals = 0;
    return {
      readyReplicas,
      inFlight: this.inFlight.close(now) / span,
      queued: this.queued.close(now) / span,
      pendingUnrouted: this.pending.close(now) / span,
      utilization: available > 0 ? Math.min(1, busy / available) : 0,
      arrivalRps: (arrivals * 1000) / span,
    };
  }
}
