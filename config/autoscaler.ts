// The autoscaler a candidate runs, declared once: fixed, schedule, Kubernetes HPA, Knative KPA and
// Ray Serve, with their defaults as the projects' sources set them (docs/autoscaling.md names each
// source). policies/autoscaler/ turns a parsed value into a policy object; the scenario, the
// serving config and the sweep's grid all embed this schema. Also the provisioning-delay
// distribution a new replica waits before its model starts loading.
import * as z from 'zod';

const NonNegative = z.number().min(0);
const Positive = z.number().positive();
const Replicas = z.int().min(0);

// ---- fixed and schedule ------------------------------------------------------------------------

const FixedSchema = z.strictObject({
  kind: z.literal('fixed').describe('A constant replica count: no autoscaling.'),
  replicas: Replicas.describe('Replicas, from the start to the end of the run.'),
});

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const TimeOfDay = z.string().regex(TIME_OF_DAY, 'expected a time of day "HH:MM" or "HH:MM:SS"');

const ScheduleEntrySchema = z
  .strictObject({
    at: TimeOfDay.optional().describe('Time of day this count starts, "HH:MM" or "HH:MM:SS" (give this or at_s).'),
    at_s: z.number().min(0).lt(86_400).optional().describe('Time of day this count starts, in seconds after midnight (give this or at).'),
    replicas: Replicas.describe('Replicas from this time of day until the next entry (0 allowed, e.g. at night).'),
  })
  .refine((e) => (e.at === undefined) !== (e.at_s === undefined), { message: 'give exactly one of at or at_s', path: ['at'] });

const ScheduleSchema = z
  .strictObject({
    kind: z.literal('schedule').describe('Replicas by time of day, for predictable (diurnal) traffic; repeats every 24 h.'),
    start_at: TimeOfDay.default('00:00').describe('Time of day at the start of the run (t = 0). 00:00 matches the diurnal traffic whose peak_at_s counts from the start.'),
    entries: z.array(ScheduleEntrySchema).min(1).describe('Replica counts and the times of day they start; before the first entry of a day the last one of the previous day holds.'),
  })
  .refine((s) => new Set(s.entries.map(scheduleEntrySeconds)).size === s.entries.length, {
    message: 'two entries start at the same time of day',
    path: ['entries'],
  });

/** An entry's time of day in seconds after midnight (from `at` or `at_s`). */
export function scheduleEntrySeconds(entry: { at?: string | undefined; at_s?: number | undefined }): number {
  return entry.at_s ?? timeOfDaySeconds(entry.at ?? '00:00');
}

/** "HH:MM" or "HH:MM:SS" → seconds after midnight. */
export function timeOfDaySeconds(text: string): number {
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

// ---- Kubernetes HPA ----------------------------------------------------------------------------

const HpaMetricSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('utilization').describe('Busy share of the instances of each ready replica (the analogue of CPU utilisation of the request).'),
      target_percent: z.int().min(1).max(100).default(80).describe('Target average utilisation in percent (averageUtilization; 80 is the CPU default).'),
    }),
    z.strictObject({
      type: z.literal('in_flight_per_replica').describe('Requests queued or executing per ready replica (a Pods metric with an averageValue target).'),
      target_requests: Positive.describe('Target average requests per replica.'),
    }),
    z.strictObject({
      type: z.literal('queue_per_replica').describe('Requests waiting (not yet executing) per ready replica (a Pods metric with an averageValue target).'),
      target_requests: Positive.describe('Target average waiting requests per replica.'),
    }),
  ])
  .describe('The one metric the HPA scales on.');

const HpaPolicySchema = z.strictObject({
  type: z.enum(['Pods', 'Percent']).describe('Pods: change by at most `value` replicas per period; Percent: by at most `value` % of the replicas at the start of the period.'),
  value: z.int().min(1).describe('Replicas (Pods) or percent (Percent).'),
  period_s: z.int().min(1).max(1800).describe('Length of the period the limit applies to, in seconds (periodSeconds).'),
});

const SelectPolicy = z
  .enum(['Max', 'Min', 'Disabled'])
  .default('Max')
  .describe('Which policy wins: Max allows the largest change, Min the smallest, Disabled forbids scaling in this direction.');

const ScaleUpRulesSchema = z.strictObject({
  stabilization_window_s: z.int().min(0).max(3600).default(0).describe('Scale up only to the lowest recommendation of this many past seconds (0: none).'),
  select_policy: SelectPolicy,
  policies: z
    .array(HpaPolicySchema)
    .min(1)
    .default([
      { type: 'Pods', value: 4, period_s: 15 },
      { type: 'Percent', value: 100, period_s: 15 },
    ])
    .describe('Rate limits; default: 4 replicas or 100 % per 15 s, whichever is more.'),
  tolerance: z.number().min(0).optional().describe('Scale-up tolerance for this direction (Kubernetes 1.33+); the global tolerance when absent.'),
});

const ScaleDownRulesSchema = z.strictObject({
  stabilization_window_s: z
    .int()
    .min(0)
    .max(3600)
    .optional()
    .describe('Scale down only to the highest recommendation of this many past seconds; downscale_stabilization_s (300) when absent.'),
  select_policy: SelectPolicy,
  policies: z
    .array(HpaPolicySchema)
    .min(1)
    .default([{ type: 'Percent', value: 100, period_s: 15 }])
    .describe('Rate limits; default: 100 % per 15 s.'),
  tolerance: z.number().min(0).optional().describe('Scale-down tolerance for this direction (Kubernetes 1.33+); the global tolerance when absent.'),
});

const HpaSchema = z
  .strictObject({
    kind: z.literal('hpa').describe('Kubernetes HorizontalPodAutoscaler (autoscaling/v2).'),
    min_replicas: z.int().min(1).default(1).describe('Fewest replicas (minReplicas; scale to zero needs KEDA or the alpha HPAScaleToZero gate).'),
    max_replicas: z.int().min(1).describe('Most replicas (maxReplicas).'),
    initial_replicas: z.int().min(1).optional().describe('Replicas of the Deployment at the start of the run; min_replicas when absent.'),
    metric: HpaMetricSchema.default({ type: 'utilization', target_percent: 80 }),
    tolerance: z.number().min(0).default(0.1).describe('No change while |metric / target − 1| ≤ tolerance (--horizontal-pod-autoscaler-tolerance).'),
    sync_period_s: Positive.default(15).describe('How often the controller decides (--horizontal-pod-autoscaler-sync-period).'),
    downscale_stabilization_s: NonNegative.default(300).describe(
      'Without behavior: recommendations of this many past seconds are kept and the highest wins (--horizontal-pod-autoscaler-downscale-stabilization).',
    ),
    metric_window_s: Positive.default(15).describe('Span the metrics pipeline averages over before the HPA reads a value (metrics-server resolution 15 s).'),
    behavior: z
      .strictObject({
        scale_up: ScaleUpRulesSchema.prefault({}),
        scale_down: ScaleDownRulesSchema.prefault({}),
      })
      .optional()
      .describe('spec.behavior; when present, unset fields take the API defaults. When absent the legacy rules apply: highest recommendation of the last 300 s, scale-up capped at max(2 × current, 4).'),
  })
  .refine((h) => h.min_replicas <= h.max_replicas, { message: 'min_replicas must be <= max_replicas', path: ['min_replicas'] })
  .refine((h) => h.initial_replicas === undefined || (h.initial_replicas >= h.min_replicas && h.initial_replicas <= h.max_replicas), {
    message: 'initial_replicas must lie within [min_replicas, max_replicas]',
    path: ['initial_replicas'],
  });

// ---- Knative KPA -------------------------------------------------------------------------------

const KpaSchema = z
  .strictObject({
    kind: z.literal('kpa').describe('Knative Pod Autoscaler (config-autoscaler and the autoscaling.knative.dev annotations).'),
    metric: z.enum(['concurrency', 'rps']).default('concurrency').describe('Requests in flight per replica, or requests per second per replica.'),
    target: Positive.optional().describe('Per-replica target before target_utilization (annotation autoscaling.knative.dev/target); default container_concurrency or 100 (concurrency), 200 (rps).'),
    container_concurrency: z.int().min(0).default(0).describe('Hard limit of requests in flight per replica (0: unlimited); also caps the concurrency target.'),
    target_utilization: z.number().gt(0).max(1).default(0.7).describe('Fraction of the target actually aimed at (container-concurrency-target-percentage 70).'),
    stable_window_s: z.number().min(6).max(3600).default(60).describe('Averaging window of stable mode, in seconds (stable-window).'),
    panic_window_percentage: z.number().min(1).max(100).default(10).describe('Panic window as a percentage of the stable window (at least 1 s).'),
    panic_threshold_percentage: z.number().min(110).max(1000).default(200).describe('Panic when the panic-window demand reaches this percentage of the ready capacity.'),
    max_scale_up_rate: z.number().gt(1).default(1000).describe('At most this many times the ready replicas per decision.'),
    max_scale_down_rate: z.number().gt(1).default(2).describe('At least ready / this many replicas per decision.'),
    scale_to_zero_grace_period_s: Positive.default(30).describe('How long the activator must be in the path before the last replica goes.'),
    scale_to_zero_pod_retention_s: NonNegative.default(0).describe('How long the last replica is kept after the revision went inactive.'),
    scale_down_delay_s: NonNegative.default(0).describe('Scale down only to the highest decision of this many past seconds (scale-down-delay).'),
    min_scale: z.int().min(0).default(0).describe('Fewest replicas (0 allows scale to zero).'),
    max_scale: z.int().min(0).default(0).describe('Most replicas (0: no limit).'),
    initial_scale: z.int().min(0).default(1).describe('Replicas at the start (0 needs allow-zero-initial-scale in Knative).'),
    target_burst_capacity: z
      .number()
      .min(-1)
      .default(211)
      .refine((v) => v >= 0 || v === -1, { message: 'expected -1 (activator always in path) or a number >= 0' })
      .describe('Spare capacity to keep before the activator leaves the request path (-1: always in path, 0: only at zero).'),
    tick_s: Positive.default(2).describe('How often the autoscaler decides (fixed at 2 s in Knative).'),
  })
  .refine((k) => k.max_scale === 0 || k.min_scale <= k.max_scale, { message: 'min_scale must be <= max_scale', path: ['min_scale'] })
  .refine((k) => k.max_scale === 0 || k.initial_scale <= k.max_scale, { message: 'initial_scale must be <= max_scale', path: ['initial_scale'] });

// ---- Ray Serve ---------------------------------------------------------------------------------

const RayServeSchema = z
  .strictObject({
    kind: z.literal('ray_serve').describe("Ray Serve's default request-based autoscaling policy (AutoscalingConfig)."),
    min_replicas: Replicas.default(1).describe('Fewest replicas (0 allows scale to zero).'),
    max_replicas: z.int().min(1).default(1).describe('Most replicas (Ray’s default is 1: set it to autoscale).'),
    initial_replicas: Replicas.optional().describe('Replicas at the start; min_replicas when absent.'),
    target_ongoing_requests: Positive.default(2).describe('Target requests in flight (queued at the handle or running) per replica.'),
    upscale_delay_s: NonNegative.default(30).describe('A scale-up decision must hold this long before it applies.'),
    downscale_delay_s: NonNegative.default(600).describe('A scale-down decision must hold this long before it applies.'),
    downscale_to_zero_delay_s: NonNegative.optional().describe('Delay for the last step 1 → 0; downscale_delay_s when absent.'),
    upscaling_factor: Positive.default(1).describe('Multiplies the gap between wanted and running replicas when scaling up (1: close it at once).'),
    downscaling_factor: Positive.default(1).describe('Multiplies the gap when scaling down.'),
    look_back_period_s: Positive.default(30).describe('Window the ongoing-request metric is averaged over.'),
    metrics_interval_s: Positive.default(10).describe('How often replicas push that average to the controller (metric push interval).'),
    control_loop_s: Positive.default(0.1).describe('How often the controller decides (CONTROL_LOOP_INTERVAL_S).'),
  })
  .refine((r) => r.min_replicas <= r.max_replicas, { message: 'min_replicas must be <= max_replicas', path: ['min_replicas'] })
  .refine((r) => r.initial_replicas === undefined || (r.initial_replicas >= r.min_replicas && r.initial_replicas <= r.max_replicas), {
    message: 'initial_replicas must lie within [min_replicas, max_replicas]',
    path: ['initial_replicas'],
  });

export const AutoscalerSchema = z
  .discriminatedUnion('kind', [FixedSchema, ScheduleSchema, HpaSchema, KpaSchema, RayServeSchema])
  .describe('How the replica count is decided: fixed, schedule, hpa, kpa or ray_serve.');

export type AutoscalerConfig = z.output<typeof AutoscalerSchema>;
export type AutoscalerInput = z.input<typeof AutoscalerSchema>;
export type FixedConfig = Extract<AutoscalerConfig, { kind: 'fixed' }>;
export type ScheduleConfig = Extract<AutoscalerConfig, { kind: 'schedule' }>;
export type HpaConfig = Extract<AutoscalerConfig, { kind: 'hpa' }>;
export type HpaScalingRules = NonNullable<HpaConfig['behavior']>['scale_up'] | NonNullable<HpaConfig['behavior']>['scale_down'];
export type KpaConfig = Extract<AutoscalerConfig, { kind: 'kpa' }>;
export type RayServeConfig = Extract<AutoscalerConfig, { kind: 'ray_serve' }>;

// ---- provisioning ------------------------------------------------------------------------------

export const ProvisioningSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('deterministic'), delay_s: NonNegative.describe('Every new replica waits exactly this long.') }),
    z.strictObject({ kind: z.literal('exponential'), mean_s: Positive.describe('Mean wait.') }),
    z.strictObject({ kind: z.literal('lognormal'), mean_s: Positive.describe('Mean wait.'), cv: Positive.describe('stddev / mean, e.g. 0.3.') }),
    z
      .strictObject({ kind: z.literal('uniform'), min_s: NonNegative, max_s: NonNegative })
      .refine((p) => p.max_s >= p.min_s, { message: 'max_s must be >= min_s', path: ['max_s'] }),
  ])
  .describe(
    'Time from a scale-up decision until a new replica starts loading the model (node and container start, image pull), in seconds. The model’s cold start from the profile comes on top.',
  );

export type Provisioning = z.output<typeof ProvisioningSchema>;
