// What every autoscaling policy offers its driver (the simulator with virtual time, the engine with
// the real clock), and the protocol a driver follows. Policies are pure objects: they never read a
// clock, set a timer or do I/O; createAutoscaler (index.ts) builds one from config/autoscaler.ts.
//
// Driver protocol (times in ms since the start of the run):
//   1. Start the deployment with `initialReplicas` replicas.
//   2. Every SAMPLE_INTERVAL_MS call observe(now, sample) with what was measured over the interval
//      that just ended.
//   3. Whenever now >= nextDecisionAt(now) — check after every observe() and at that time itself —
//      call decide(now, { current, ready }) and make `current` equal to `decision.desired`:
//      start the missing replicas (each ready after a provisioning delay plus the model's cold
//      start), or drain the surplus (those still provisioning first). At equal times, observe()
//      runs before decide().
// A policy asks for each time at most once: after decide(t), nextDecisionAt(t) is later than t.

/** How often a driver calls observe(). Knative's statistics come in 1 s buckets. */
export const SAMPLE_INTERVAL_MS = 1000;

/** What the driver measured over the last sample interval. */
export interface ScalingSample {
  /** Replicas ready and serving at the end of the interval. */
  readyReplicas: number;
  /** Requests queued or executing, summed over ready replicas, time-averaged over the interval (Knative concurrency, Ray ongoing requests). */
  inFlight: number;
  /** The part of inFlight still waiting in replica queues (not executing), time-averaged (HPA queue_per_replica). */
  queued: number;
  /** Requests held with no replica to go to (Knative activator buffer, Ray handle queue), time-averaged. */
  pendingUnrouted: number;
  /** Busy instance-time / available instance-time over ready replicas in the interval, 0..1 (HPA utilisation). */
  utilization: number;
  /** Arrivals per second over the interval (Knative rps metric). */
  arrivalRps: number;
}

/** The replica counts a decision starts from. */
export interface ScalingState {
  /** Replicas requested: ready plus still provisioning or loading (not those draining). */
  current: number;
  /** Replicas ready and serving. */
  ready: number;
}

export interface ScalingDecision {
  /** Replicas wanted from now on (an integer within the policy's bounds). */
  desired: number;
  /** Why, in a few words, for the time series and the explain view. */
  reason: string;
  /** Knative: the autoscaler is in panic mode. */
  panic?: boolean;
  /** Knative: the activator is in the request path (buffers requests, adds a hop). */
  activatorInPath?: boolean;
}

export interface Autoscaler {
  readonly kind: string;
  /** Replicas to start the run with. */
  readonly initialReplicas: number;
  /** Fewest replicas a decision may ask for. */
  readonly minReplicas: number;
  /** Most replicas a decision may ask for (Infinity: no limit). */
  readonly maxReplicas: number;
  /** Records one sample interval's measurements; called every SAMPLE_INTERVAL_MS. */
  observe(nowMs: number, sample: ScalingSample): void;
  /** When decide() should next run (may be <= nowMs: run it now). Infinity: never again. */
  nextDecisionAt(nowMs: number): number;
  /** The policy's decision at nowMs. */
  decide(nowMs: number, state: ScalingState): ScalingDecision;
}
