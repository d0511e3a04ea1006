// One conformance suite every autoscaling policy must pass, over random configs and random load
// traces driven through the protocol of policies/autoscaler/types.ts: each decision is an
// integer within the policy's [min, max]; a policy never asks twice for the same time; and it is
// pure: the same inputs give the same decisions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AutoscalerInput } from '../../../config/autoscaler.js';
import { drive, make, type Logged } from './harness.js';

const replicas = fc.integer({ min: 0, max: 12 });

const fixed = replicas.map((r): AutoscalerInput => ({ kind: 'fixed', replicas: r }));

const schedule = fc
  .uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 })
  .chain((hours) => fc.tuple(fc.constant(hours), fc.array(replicas, { minLength: hours.length, maxLength: hours.length })))
  .map(([hours, counts]): AutoscalerInput => ({ kind: 'schedule', entries: hours.map((h, i) => ({ at_s: h * 60, replicas: counts[i]! })) }));

const hpaPolicy = fc.record({ type: fc.constantFrom('Pods' as const, 'Percent' as const), value: fc.integer({ min: 1, max: 200 }), period_s: fc.integer({ min: 5, max: 120 }) });
const hpaRules = fc.record(
  {
    stabilization_window_s: fc.integer({ min: 0, max: 120 }),
    select_policy: fc.constantFrom('Max' as const, 'Min' as const, 'Disabled' as const),
    policies: fc.array(hpaPolicy, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const hpa = fc
  .record({
    min: fc.integer({ min: 1, max: 3 }),
    span: fc.integer({ min: 0, max: 15 }),
    metric: fc.oneof(
      fc.record({ type: fc.constant('utilization' as const), target_percent: fc.integer({ min: 20, max: 100 }) }),
      fc.record({ type: fc.constant('in_flight_per_replica' as const), target_requests: fc.double({ min: 0.5, max: 20, noNaN: true }) }),
      fc.record({ type: fc.constant('queue_per_replica' as const), target_requests: fc.double({ min: 0.5, max: 20, noNaN: true }) }),
    ),
    tolerance: fc.double({ min: 0, max: 0.3, noNaN: true }),
    sync: fc.integer({ min: 5, max: 30 }),
    stab: fc.integer({ min: 0, max: 120 }),
    behavior: fc.option(fc.record({ scale_up: hpaRules, scale_down: hpaRules }, { requiredKeys: [] }), { nil: undefined }),
  })
  .map(
    (h): AutoscalerInput => ({
      kind: 'hpa',
      min_replicas: h.min,
      max_replicas: h.min + h.span,
      metric: h.metric,
      tolerance: h.tolerance,
      sync_period_s: h.sync,
      downscale_stabilization_s: h.stab,
      ...(h.behavior ? { behavior: h.behavior } : {}),
    }),
  );

const kpa = fc
  .record({
    min: fc.integer({ min: 0, max: 2 }),
    span: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
    initial: fc.integer({ min: 0, max: 4 }),
    metric: fc.constantFrom('concurrency' as const, 'rps' as const),
    target: fc.option(fc.double({ min: 1, max: 100, noNaN: true }), { nil: undefined }),
    stable: fc.integer({ min: 6, max: 60 }),
    tbc: fc.constantFrom(-1, 0, 211),
    delay: fc.integer({ min: 0, max: 10 }),
    retention: fc.integer({ min: 0, max: 40 }),
    down: fc.double({ min: 1.1, max: 5, noNaN: true }),
  })
  .map((k): AutoscalerInput => {
    const max = k.span === undefined ? 0 : Math.max(k.min, 1) + k.span;
    return {
      kind: 'kpa',
      min_scale: k.min,
      max_scale: max,
      initial_scale: max === 0 ? k.initial : Math.min(k.initial, max),
      metric: k.metric,
      ...(k.target === undefined ? {} : { target: k.target }),
      stable_window_s: k.stable,
      target_burst_capacity: k.tbc,
      scale_down_delay_s: k.delay,
      scale_to_zero_pod_retention_s: k.retention,
      max_scale_down_rate: k.down,
    };
  });

const ray = fc
  .record({
    min: fc.integer({ min: 0, max: 2 }),
    span: fc.integer({ min: 0, max: 12 }),
    target: fc.double({ min: 0.5, max: 8, noNaN: true }),
    up: fc.integer({ min: 0, max: 30 }),
    down: fc.integer({ min: 0, max: 60 }),
    upf: fc.double({ min: 0.2, max: 2, noNaN: true }),
    downf: fc.double({ min: 0.2, max: 2, noNaN: true }),
    lookBack: fc.integer({ min: 1, max: 30 }),
    push: fc.integer({ min: 1, max: 10 }),
  })
  .map(
    (r): AutoscalerInput => ({
      kind: 'ray_serve',
      min_replicas: r.min,
      max_replicas: Math.max(1, r.min + r.span),
      target_ongoing_requests: r.target,
      upscale_delay_s: r.up,
      downscale_delay_s: r.down,
      upscaling_factor: r.upf,
      downscaling_factor: r.downf,
      look_back_period_s: r.lookBack,
      metrics_interval_s: r.push,
    }),
  );

// Load per second (requests in flight across the deployment), cycled over the run.
const trace = fc.record({
  levels: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 400, noNaN: true })), { minLength: 1, maxLength: 40 }),
  readyDelayMs: fc.integer({ min: 0, max: 20 }).map((s) => s * 1000),
});

function run(config: AutoscalerInput, t: { levels: number[]; readyDelayMs: number }): Logged[] {
  return drive(make(config), {
    untilMs: 300_000,
    readyDelayMs: t.readyDelayMs,
    load: (ms, { ready }) => {
      const level = t.levels[Math.floor(ms / 1000) % t.levels.length]!;
      if (ready === 0) return { pendingUnrouted: level, arrivalRps: level };
      return { inFlight: level, queued: level / 2, utilization: Math.min(1, level / (ready * 4)), arrivalRps: level * 2 };
    },
  });
}

describe.each([
  ['fixed', fixed],
  ['schedule', schedule],
  ['hpa', hpa],
  ['kpa', kpa],
  ['ray_serve', ray],
])('%s conforms to the autoscaler protocol', (_kind, configs) => {
  it('decides integers within [min, max], and the same inputs give the same decisions', () => {
    fc.assert(
      fc.property(configs, trace, (config, t) => {
        const policy = make(config);
        const first = run(config, t);
        // One expect per run (not per decision) keeps 40 runs of 3000 Ray decisions fast.
        const bad = first.find(
          (d) => !Number.isInteger(d.desired) || d.desired < policy.minReplicas || d.desired > policy.maxReplicas || d.reason === '',
        );
        expect(bad, `bounds [${policy.minReplicas}, ${policy.maxReplicas}]`).toBeUndefined();
        expect(policy.initialReplicas).toBeGreaterThanOrEqual(policy.minReplicas);
        expect(policy.initialReplicas).toBeLessThanOrEqual(policy.maxReplicas);
        expect(JSON.stringify(run(config, t))).toBe(JSON.stringify(first));
      }),
      { seed: 20_240_611, numRuns: 40 },
    );
  });
});
