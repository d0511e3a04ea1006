// Drives each autoscaled pool's policy (policies/autoscaler/, pure objects) by its protocol in
// virtual time: every SAMPLE_INTERVAL_MS observe() a ScalingSample its PoolScaler measured over the
// second that just ended (time-averaged requests in flight, queued and held, utilisation of the
// ready instances, arrival rate), decide() whenever nextDecisionAt() has come (observe first at
// equal times), and make the fleet (fleet.ts) ask for `desired` replicas. A new replica is ready
// after a provisioning draw (stream `provisioning`) plus the profile's cold start.
import { SAMPLE_INTERVAL_MS } from '../../policies/autoscaler/index.js';
import type { EventQueue } from '../core/event-queue.js';
import { SCALING_DECIDE, SCALING_SAMPLE } from '../core/events.js';
import type { Fleet } from './fleet.js';
import type { Pool } from './pool.js';
import type { Ledger } from './ledger.js';
import type { RunTrace } from '../core/run-trace.js';

/** The run's side of the protocol for every autoscaled pool: sample ticks and decisions. */
export class ScalingDriver {
  private nextSampleAt = SAMPLE_INTERVAL_MS;

  constructor(
    private readonly queue: EventQueue,
    private readonly fleet: Fleet,
    private readonly pools: readonly Pool[],
    private readonly ledger: Ledger,
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
      s.policy.observe(now, s.sample(now, pool.readyCount));
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
    if (d.panic !== undefined) s.reportsPanic = true;
    this.ledger.autoscalerModes(pool, d.panic, d.activatorInPath, now);
    this.trace?.onScale?.({ pool: pool.index, atMs: now, current, ready, desired: d.desired, reason: d.reason, panic: d.panic ?? false });
  }
}
