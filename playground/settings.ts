// The playground's levers, declared once: what the controls edit, what a shared link carries
// (url-format.ts) and what becomes a scenario (scenario-of-settings.ts). Only kinds and shapes are
// checked here; every bound (a positive rate, an integer batch size, a warm-up shorter than the
// run, min_replicas ≤ max_replicas) belongs to the scenario schema and is checked on the scenario
// the settings make, so the page shows the CLI's own path-qualified messages. A nullable knob is
// null while it keeps the upstream default (config/autoscaler.ts, config/cost.ts): the scenario
// then leaves the field out and the schema fills it in.
import * as z from 'zod';
import { PlacementSchema, RouterKindSchema } from '../config/scenario.js';

/** The traffic patterns of part 1: steady, a daily curve squeezed into the run, and bursts. */
export const PATTERNS = ['poisson', 'diurnal', 'mmpp'] as const;
export type Pattern = (typeof PATTERNS)[number];

/** The control panel's groups, in the order they show. */
export const GROUPS = ['model', 'traffic', 'network', 'batching', 'fleet', 'autoscaler', 'placement', 'prices', 'run'] as const;
export type Group = (typeof GROUPS)[number];

/** The autoscalers: none (a fixed count, `replicas`), or config/autoscaler.ts's kinds. */
export const AUTOSCALERS = ['none', 'schedule', 'hpa', 'kpa', 'ray_serve'] as const;
export type AutoscalerChoice = (typeof AUTOSCALERS)[number];
export const HPA_METRICS = ['utilization', 'in_flight_per_replica', 'queue_per_replica'] as const;
export const KPA_METRICS = ['concurrency', 'rps'] as const;
/** How long a new replica waits before its model starts loading: nothing, or one of config/autoscaler.ts's distributions. */
export const PROVISIONING = ['none', 'deterministic', 'exponential', 'lognormal'] as const;
export const PRICING = ['provisioned', 'serverless'] as const;
export const CAPACITY = ['on_demand', 'spot'] as const;

/**
 * Where the service times come from: a calibrated profile bundled with the page, a profile file
 * the reader loaded (never in a link: only its name travels), or a closed form written inline.
 */
export const ProfileChoiceSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('bundled'), id: z.string() }),
  z.strictObject({ source: z.literal('file'), name: z.string() }),
  z.strictObject({ source: z.literal('inline'), profile: z.record(z.string(), z.unknown()) }),
]);
export type ProfileChoice = z.output<typeof ProfileChoiceSchema>;

const Num = z.number();

export const SettingsSchema = z.strictObject({
  /** The scenario's and the candidate's names (kept from a loaded file; they name the result). */
  name: z.string(),
  candidate: z.string(),
  profile: ProfileChoiceSchema,
  arrivals: z.enum(PATTERNS),
  /** Mean arrivals per second over the run, whatever the pattern. */
  rate_rps: Num,
  /** Bursty: the burst state's rate over the calm state's. */
  burst_ratio: Num,
  calm_dwell_s: Num,
  burst_dwell_s: Num,
  /** Diurnal: the swing around the mean (0.5: from 0.5× to 1.5×). */
  amplitude: Num,
  /** Diurnal: one cycle's length and its peak; null follows the run (one cycle, peak in the middle). */
  period_s: Num.nullable(),
  peak_at_s: Num.nullable(),
  max_batch_size: Num,
  max_queue_delay_ms: Num,
  /** null: the scenario's default bound (4 × max_batch_size × instances). */
  max_queue_size: Num.nullable(),
  queue_timeout_ms: Num.nullable(),
  instances: Num,
  replicas: Num,
  router: RouterKindSchema,
  duration_s: Num,
  warmup_s: Num,
  seed: Num,
  slo_latency_ms: Num,
  slo_percentile: Num,
  max_drop_rate: Num,
  replica_per_hour_usd: Num,
  // ---- from link format v2 on ----
  /** Payload per item on the wire (the scenario's network), bytes. */
  request_bytes_per_item: Num,
  response_bytes_per_item: Num,
  /** The clients' round trip to the cloud (a constant delay), ms; 0: none. */
  cloud_rtt_ms: Num,
  /** null: unlimited. */
  cloud_bandwidth_mbps: Num.nullable(),
  autoscaler: z.enum(AUTOSCALERS),
  /** The autoscaler's fewest and most replicas (HPA min/max_replicas, KPA min/max_scale, Ray Serve min/max_replicas); null: its default. */
  min_replicas: Num.nullable(),
  max_replicas: Num.nullable(),
  /** Schedule: "at_s=replicas" pairs, times of day in seconds (the run starts at 00:00), e.g. "0=1, 600=2". */
  schedule: z.string(),
  hpa_metric: z.enum(HPA_METRICS),
  /** Utilisation in percent, or requests per replica. */
  hpa_target: Num.nullable(),
  hpa_tolerance: Num.nullable(),
  hpa_sync_period_s: Num.nullable(),
  hpa_downscale_stabilization_s: Num.nullable(),
  hpa_metric_window_s: Num.nullable(),
  kpa_metric: z.enum(KPA_METRICS),
  kpa_target: Num.nullable(),
  kpa_target_utilization: Num.nullable(),
  kpa_stable_window_s: Num.nullable(),
  kpa_panic_window_percentage: Num.nullable(),
  kpa_panic_threshold_percentage: Num.nullable(),
  kpa_scale_down_delay_s: Num.nullable(),
  kpa_scale_to_zero_grace_period_s: Num.nullable(),
  kpa_container_concurrency: Num.nullable(),
  ray_target_ongoing_requests: Num.nullable(),
  ray_upscale_delay_s: Num.nullable(),
  ray_downscale_delay_s: Num.nullable(),
  ray_look_back_period_s: Num.nullable(),
  ray_metrics_interval_s: Num.nullable(),
  provisioning: z.enum(PROVISIONING),
  /** The delay, or its mean, s. */
  provisioning_s: Num,
  /** Lognormal: stddev / mean. */
  provisioning_cv: Num,
  placement: PlacementSchema,
  /** Identical client sites, each with its own edge pool (the scenario's one site entry, `count`). */
  edge_sites: Num,
  /** Edge devices per site; 0: no edge section (which edge_only and hybrid need: the schema says so). */
  edge_replicas: Num,
  /** The edge device's speed relative to the cloud profile (0.25: four times slower). */
  edge_speed_factor: Num,
  edge_rtt_ms: Num,
  edge_bandwidth_mbps: Num.nullable(),
  /** Hybrid: overflow to the cloud above this many waiting per edge replica; null: the edge's max_batch_size. */
  edge_overflow_queue_threshold: Num.nullable(),
  edge_per_hour_usd: Num,
  /** Client sites as a loaded scenario wrote them, when one site entry from the levers cannot hold them (null: the levers'). */
  sites: z.array(z.record(z.string(), z.unknown())).nullable(),
  pricing: z.enum(PRICING),
  capacity: z.enum(CAPACITY),
  spot_discount: Num.nullable(),
  per_million_requests_usd: Num,
  per_gb_second_usd: Num,
  memory_gb: Num.nullable(),
  egress_per_gb_usd: Num,
  /** The time series' interval (the scenario's metrics.sample_interval_s); null: about 500 points over the run. */
  sample_interval_s: Num.nullable(),
});
export type Settings = z.output<typeof SettingsSchema>;

/** The calibrated profile the page opens with (calibration/profiles/<id>.json). */
export const DEFAULT_PROFILE_ID = 'ppocr-cls.cpu-2core';

/**
 * The default view: the bundled classifier on its 2-core reference profile, a 10-minute run at
 * 200 requests/s, one replica of two instances batching up to 4 within 2 ms, priced as a 2-vCPU VM.
 */
export const DEFAULT_SETTINGS: Settings = {
  name: 'playground',
  candidate: 'playground',
  profile: { source: 'bundled', id: DEFAULT_PROFILE_ID },
  arrivals: 'poisson',
  rate_rps: 200,
  burst_ratio: 4,
  calm_dwell_s: 20,
  burst_dwell_s: 3,
  amplitude: 0.6,
  period_s: null,
  peak_at_s: null,
  max_batch_size: 4,
  max_queue_delay_ms: 2,
  max_queue_size: null,
  queue_timeout_ms: null,
  instances: 2,
  replicas: 1,
  router: 'least_outstanding',
  duration_s: 600,
  warmup_s: 10,
  seed: 1,
  slo_latency_ms: 25,
  slo_percentile: 99,
  max_drop_rate: 0.001,
  replica_per_hour_usd: 0.085,
  request_bytes_per_item: 0,
  response_bytes_per_item: 0,
  cloud_rtt_ms: 0,
  cloud_bandwidth_mbps: null,
  autoscaler: 'none',
  min_replicas: null,
  max_replicas: 8,
  schedule: '0=1, 120=2, 360=1',
  hpa_metric: 'utilization',
  hpa_target: null,
  hpa_tolerance: null,
  hpa_sync_period_s: null,
  hpa_downscale_stabilization_s: null,
  hpa_metric_window_s: null,
  kpa_metric: 'concurrency',
  kpa_target: null,
  kpa_target_utilization: null,
  kpa_stable_window_s: null,
  kpa_panic_window_percentage: null,
  kpa_panic_threshold_percentage: null,
  kpa_scale_down_delay_s: null,
  kpa_scale_to_zero_grace_period_s: null,
  kpa_container_concurrency: null,
  ray_target_ongoing_requests: null,
  ray_upscale_delay_s: null,
  ray_downscale_delay_s: null,
  ray_look_back_period_s: null,
  ray_metrics_interval_s: null,
  provisioning: 'none',
  provisioning_s: 30,
  provisioning_cv: 0.3,
  placement: 'cloud_only',
  edge_sites: 1,
  edge_replicas: 1,
  edge_speed_factor: 0.25,
  edge_rtt_ms: 5,
  edge_bandwidth_mbps: null,
  edge_overflow_queue_threshold: null,
  edge_per_hour_usd: 0.03,
  sites: null,
  pricing: 'provisioned',
  capacity: 'on_demand',
  spot_discount: null,
  per_million_requests_usd: 0,
  per_gb_second_usd: 0,
  memory_gb: null,
  egress_per_gb_usd: 0,
  sample_interval_s: null,
};

/** Requests a run of these settings sends (its mean rate × its length): what a run will cost. */
export function expectedRequests(s: Settings): number {
  return Math.max(0, s.rate_rps) * Math.max(0, s.duration_s);
}

/** Above this many requests the page asks before running (a minute or more in a browser). */
export const ASK_ABOVE_REQUESTS = 20_000_000;
