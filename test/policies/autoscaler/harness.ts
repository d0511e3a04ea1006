// A minimal driver for the autoscaling policies in tests: follows the protocol in
// policies/autoscaler/types.ts (observe every second, decide whenever the policy asks,
// observe before decide at equal times), starts replicas that become ready after a fixed delay and
// drains the newest first. Not a simulator: the load is whatever the test's sample function says.
import { AutoscalerSchema, type AutoscalerInput } from '../../../config/autoscaler.js';
import { createAutoscaler, SAMPLE_INTERVAL_MS, type Autoscaler, type ScalingDecision, type ScalingSample } from '../../../policies/autoscaler/index.js';

export interface Logged extends ScalingDecision {
  atMs: number;
  current: number;
  ready: number;
}

export interface DriveOptions {
  untilMs: number;
  /** The load at time t given the replica counts (readyReplicas is filled in). */
  load: (tMs: number, state: { current: number; ready: number }) => Partial<ScalingSample>;
  /** How long a new replica takes to become ready (0: at once). */
  readyDelayMs?: number;
}

export function make(config: AutoscalerInput): Autoscaler {
  return createAutoscaler(AutoscalerSchema.parse(config));
}

export function sample(s: Partial<ScalingSample>): ScalingSample {
  return { readyReplicas: 0, inFlight: 0, queued: 0, pendingUnrouted: 0, utilization: 0, arrivalRps: 0, ...s };
}

/** Runs the policy over [0, untilMs] and returns every decision with the counts it started from. */
export function drive(policy: Autoscaler, opts: DriveOptions): Logged[] {
  const delay = opts.readyDelayMs ?? 0;
  const readyAt: number[] = Array.from({ length: policy.initialReplicas }, () => 0);
  const counts = (t: number) => ({ current: readyAt.length, ready: readyAt.filter((r) => r <= t).length });
  const log: Logged[] = [];
  let t = 0;
  let nextSample = SAMPLE_INTERVAL_MS;
  for (let guard = 0; guard < 10_000_000; guard++) {
    const asked = policy.nextDecisionAt(t);
    const next = Math.min(nextSample, asked <= t ? t : asked);
    if (next > opts.untilMs) return log;
    t = next;
    if (t === nextSample) {
      const state = counts(t);
      policy.observe(t, sample({ ...opts.load(t, state), readyReplicas: state.ready }));
      nextSample += SAMPLE_INTERVAL_MS;
    }
    if (policy.nextDecisionAt(t) <= t) {
      const state = counts(t);
      const decision = policy.decide(t, state);
      log.push({ ...decision, atMs: t, ...state });
      if (!(policy.nextDecisionAt(t) > t)) throw new Error(`drive: after deciding at ${t} ms the policy asks again at ${policy.nextDecisionAt(t)} ms`);
      while (readyAt.length < decision.desired) readyAt.push(t + delay);
      // Drain the replicas that would be ready last (those still starting) first.
      readyAt.sort((a, b) => a - b);
      readyAt.length = Math.min(readyAt.length, decision.desired);
    }
  }
  throw new Error('drive: the policy never let time advance');
}

/** The decision taken at exactly `atMs` (throws when there was none, so a test cannot pass by accident). */
export function at(log: readonly Logged[], atMs: number): Logged {
  const found = log.find((d) => d.atMs === atMs);
  if (!found) throw new Error(`no decision at ${atMs} ms (decisions at ${log.slice(0, 8).map((d) => d.atMs).join(', ')}…)`);
  return found;
}

/** Observes the same sample every second from fromS to toS inclusive (times in seconds). */
export function feed(policy: Autoscaler, fromS: number, toS: number, s: Partial<ScalingSample>): void {
  for (let sec = fromS; sec <= toS; sec++) policy.observe(sec * 1000, sample(s));
}
