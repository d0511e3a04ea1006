// The playground's numeric controls as data: for each lever, its label and unit, the slider's range
// and scale, a sentence for a reader learning system design, when it shows (an HPA knob only with
// the HPA), the default it keeps while empty, and the scenario fields it writes, which is how a
// message of the scenario schema finds its way back to the control that caused it
// (check-settings.ts). The choices (pattern, autoscaler, placement, …) are choices.ts. The page
// builds its controls from both lists (page/controls.ts).
import { defaultMaxQueueSize } from '../config/batching.js';
import { CHOICES, TEXTS } from './choices.js';
import type { Group, Settings } from './settings.js';
import { kpaDefaultTarget, upstreamDefaults } from './upstream-defaults.js';

type NumericField = { [K in keyof Settings]: Settings[K] extends number | null ? K : never }[keyof Settings];

export type { Group } from './settings.js';

export interface Lever {
  field: NumericField;
  label: string;
  unit: string;
  group: Group;
  /** The slider's range; the number box beside it takes any value (the schema judges it). */
  min: number;
  max: number;
  /** Slider steps of this size (linear), or evenly in log space (log). */
  scale: 'linear' | 'log';
  step: number;
  /** Integers only on the slider. */
  integer?: boolean;
  /** Shown only when this holds (a Knative knob with the KPA). */
  when?: (s: Settings) => boolean;
  /**
   * A nullable lever: what an empty box means, in words, and its value then (null: the schema
   * requires one), shown in the box's placeholder.
   */
  auto?: { says: string; value: (s: Settings) => number | null; /** The box's placeholder when value is null (default: "required"). */ none?: string };
  help: string;
  /** Scenario paths (as config/validate.ts formats them) whose issues belong here; a prefix matches deeper paths. */
  paths: readonly string[];
}

const AS = 'candidates[0].autoscaler';
const scaled = (s: Settings) => s.autoscaler === 'hpa' || s.autoscaler === 'kpa' || s.autoscaler === 'ray_serve';
const is = (kind: Settings['autoscaler']) => (s: Settings) => s.autoscaler === kind;
const edge = (s: Settings) => s.placement !== 'cloud_only';
const oneSite = (s: Settings) => edge(s) && s.sites === null;
const d = () => upstreamDefaults();
/** An upstream default, in words and as the value the schema fills in. */
const upstream = (source: string, value: (s: Settings) => number | null) => ({ says: `the ${source} default`, value });

export const LEVERS: readonly Lever[] = [
  { field: 'rate_rps', label: 'Arrival rate', unit: 'req/s', group: 'traffic', min: 1, max: 5000, scale: 'log', step: 1, help: 'Requests sent per second, on average over the run.', paths: ['traffic.arrivals.rate_rps', 'traffic.arrivals.mean_rate_rps', 'traffic.arrivals.states[0]', 'traffic.arrivals.states'] },
  { field: 'burst_ratio', label: 'Burst ratio', unit: '×', group: 'traffic', min: 1, max: 20, scale: 'linear', step: 0.5, when: (s) => s.arrivals === 'mmpp', help: 'How much faster requests come during a burst than in the calm between bursts (same average). Infinity: silence between bursts.', paths: ['traffic.arrivals.states[1]'] },
  { field: 'amplitude', label: 'Daily swing', unit: '±', group: 'traffic', min: 0, max: 1, scale: 'linear', step: 0.05, when: (s) => s.arrivals === 'diurnal', help: 'The rate swings by this fraction around its mean: 0.6 peaks at 1.6× and falls to 0.4×.', paths: ['traffic.arrivals.amplitude'] },
  { field: 'request_bytes_per_item', label: 'Request payload', unit: 'bytes', group: 'network', min: 0, max: 1_048_576, scale: 'linear', step: 1024, integer: true, help: 'Bytes each request carries to the server (110 592: one 3×48×192 float32 image). Costs time on a link of limited bandwidth.', paths: ['network.request_bytes_per_item'] },
  { field: 'response_bytes_per_item', label: 'Response payload', unit: 'bytes', group: 'network', min: 0, max: 1_048_576, scale: 'linear', step: 1024, integer: true, help: 'Bytes each answer carries back (billed as egress where egress has a price).', paths: ['network.response_bytes_per_item'] },
  { field: 'cloud_rtt_ms', label: 'Round trip to the cloud', unit: 'ms', group: 'network', min: 0, max: 300, scale: 'linear', step: 1, help: 'Network time there and back between the clients and the cloud servers, on every request.', paths: ['network.delay', 'network.delay_is', 'network'] },
  { field: 'cloud_bandwidth_mbps', label: 'Bandwidth to the cloud', unit: 'Mbit/s', group: 'network', min: 1, max: 10_000, scale: 'log', step: 1, auto: { says: 'unlimited', value: () => null, none: 'unlimited' }, help: 'The link’s speed: a payload takes bytes × 8 / bandwidth to cross it. Empty: unlimited.', paths: ['network.bandwidth_mbps'] },
  { field: 'max_batch_size', label: 'Max batch size', unit: 'items', group: 'batching', min: 1, max: 64, scale: 'log', step: 1, integer: true, help: 'An instance runs up to this many requests in one forward pass: cheaper per item, slower per batch.', paths: ['candidates[0].batching.max_batch_size', 'candidates[0].batching.preferred_batch_sizes'] },
  { field: 'max_queue_delay_ms', label: 'Batch window', unit: 'ms', group: 'batching', min: 0, max: 50, scale: 'linear', step: 0.5, help: 'How long the oldest request may wait for a batch to fill before it goes anyway.', paths: ['candidates[0].batching.max_queue_delay_ms'] },
  { field: 'max_queue_size', label: 'Queue cap', unit: 'requests', group: 'batching', min: 1, max: 4096, scale: 'log', step: 1, integer: true, auto: { says: '4 × batch × instances', value: (s) => defaultMaxQueueSize(s.max_batch_size, s.instances) }, help: 'Requests a replica lets wait; one more is turned away at once (a drop) rather than waiting forever. Empty: 4 × batch × instances.', paths: ['candidates[0].batching.max_queue_size', 'candidates[0].batching.queue_timeout_ms'] },
  { field: 'instances', label: 'Instances per replica', unit: '', group: 'fleet', min: 1, max: 16, scale: 'linear', step: 1, integer: true, help: 'Model copies in one replica, sharing its queue and its CPU cores.', paths: ['candidates[0].instances'] },
  { field: 'replicas', label: 'Replicas', unit: '', group: 'fleet', min: 1, max: 32, scale: 'linear', step: 1, integer: true, when: is('none'), help: 'Identical servers behind a load balancer, each with its own queue; each one is paid for.', paths: ['candidates[0].replicas'] },
  { field: 'min_replicas', label: 'Fewest replicas', unit: '', group: 'autoscaler', min: 0, max: 32, scale: 'linear', step: 1, integer: true, when: scaled, auto: upstream('autoscaler’s', (s) => (s.autoscaler === 'hpa' ? d().hpa.min_replicas : s.autoscaler === 'kpa' ? d().kpa.min_scale : d().ray_serve.min_replicas)), help: 'The autoscaler never goes below this (HPA minReplicas, Knative min-scale, Ray min_replicas; 0 lets Knative and Ray scale to zero).', paths: [`${AS}.min_replicas`, `${AS}.min_scale`] },
  { field: 'max_replicas', label: 'Most replicas', unit: '', group: 'autoscaler', min: 0, max: 64, scale: 'linear', step: 1, integer: true, when: scaled, auto: upstream('autoscaler’s', (s) => (s.autoscaler === 'hpa' ? null : s.autoscaler === 'kpa' ? d().kpa.max_scale : d().ray_serve.max_replicas)), help: 'Nor above this (HPA maxReplicas, required; Knative max-scale, 0: no limit; Ray max_replicas, 1 by default).', paths: [`${AS}.max_replicas`, `${AS}.max_scale`, `${AS}.initial_scale`, `${AS}.initial_replicas`] },
  { field: 'hpa_target', label: 'Target', unit: '% or req', group: 'autoscaler', min: 1, max: 100, scale: 'linear', step: 1, when: is('hpa'), auto: upstream('Kubernetes', (s) => (s.hpa_metric === 'utilization' ? 80 : null)), help: 'The metric’s target per replica: utilisation in percent (80 by default), or requests (required).', paths: [`${AS}.metric`] },
  { field: 'hpa_tolerance', label: 'Tolerance', unit: '±', group: 'autoscaler', min: 0, max: 1, scale: 'linear', step: 0.01, when: is('hpa'), auto: upstream('Kubernetes', () => d().hpa.tolerance), help: 'No change while the metric is within this fraction of its target.', paths: [`${AS}.tolerance`] },
  { field: 'hpa_sync_period_s', label: 'Sync period', unit: 's', group: 'autoscaler', min: 1, max: 120, scale: 'linear', step: 1, when: is('hpa'), auto: upstream('Kubernetes', () => d().hpa.sync_period_s), help: 'How often the HPA controller decides.', paths: [`${AS}.sync_period_s`] },
  { field: 'hpa_downscale_stabilization_s', label: 'Scale-down stabilisation', unit: 's', group: 'autoscaler', min: 0, max: 1200, scale: 'linear', step: 15, when: is('hpa'), auto: upstream('Kubernetes', () => d().hpa.downscale_stabilization_s), help: 'A scale-down takes the highest recommendation of this many past seconds: it holds replicas after a peak.', paths: [`${AS}.downscale_stabilization_s`] },
  { field: 'hpa_metric_window_s', label: 'Metric window', unit: 's', group: 'autoscaler', min: 1, max: 120, scale: 'linear', step: 1, when: is('hpa'), auto: upstream('metrics-server', () => d().hpa.metric_window_s), help: 'The span the metrics pipeline averages over before the HPA reads it.', paths: [`${AS}.metric_window_s`] },
  { field: 'kpa_target', label: 'Target per replica', unit: 'req', group: 'autoscaler', min: 1, max: 500, scale: 'log', step: 1, when: is('kpa'), auto: upstream('Knative', (s) => kpaDefaultTarget(s.kpa_metric, s.kpa_container_concurrency ?? 0)), help: 'Requests in flight (or per second) each replica should carry, before the target utilisation.', paths: [`${AS}.target`] },
  { field: 'kpa_target_utilization', label: 'Target utilisation', unit: '', group: 'autoscaler', min: 0.05, max: 1, scale: 'linear', step: 0.05, when: is('kpa'), auto: upstream('Knative', () => d().kpa.target_utilization), help: 'The share of the target actually aimed at: headroom for bursts.', paths: [`${AS}.target_utilization`] },
  { field: 'kpa_container_concurrency', label: 'Container concurrency', unit: 'req', group: 'autoscaler', min: 0, max: 100, scale: 'linear', step: 1, integer: true, when: is('kpa'), auto: upstream('Knative', () => d().kpa.container_concurrency), help: 'A hard limit of requests in flight per replica (0: none); also caps the target.', paths: [`${AS}.container_concurrency`] },
  { field: 'kpa_stable_window_s', label: 'Stable window', unit: 's', group: 'autoscaler', min: 6, max: 600, scale: 'log', step: 1, when: is('kpa'), auto: upstream('Knative', () => d().kpa.stable_window_s), help: 'The demand is averaged over this window in stable mode.', paths: [`${AS}.stable_window_s`] },
  { field: 'kpa_panic_window_percentage', label: 'Panic window', unit: '% of stable', group: 'autoscaler', min: 1, max: 100, scale: 'linear', step: 1, when: is('kpa'), auto: upstream('Knative', () => d().kpa.panic_window_percentage), help: 'The short window that notices a burst, as a share of the stable window.', paths: [`${AS}.panic_window_percentage`] },
  { field: 'kpa_panic_threshold_percentage', label: 'Panic threshold', unit: '%', group: 'autoscaler', min: 110, max: 1000, scale: 'linear', step: 10, when: is('kpa'), auto: upstream('Knative', () => d().kpa.panic_threshold_percentage), help: 'Panic (scale on the short window, never down) when its demand reaches this share of the ready capacity.', paths: [`${AS}.panic_threshold_percentage`] },
  { field: 'kpa_scale_down_delay_s', label: 'Scale-down delay', unit: 's', group: 'autoscaler', min: 0, max: 600, scale: 'linear', step: 5, when: is('kpa'), auto: upstream('Knative', () => d().kpa.scale_down_delay_s), help: 'Scale down only to the highest decision of this many past seconds.', paths: [`${AS}.scale_down_delay_s`] },
  { field: 'kpa_scale_to_zero_grace_period_s', label: 'Scale-to-zero grace', unit: 's', group: 'autoscaler', min: 1, max: 600, scale: 'linear', step: 1, when: is('kpa'), auto: upstream('Knative', () => d().kpa.scale_to_zero_grace_period_s), help: 'How long the activator stays in the path before the last replica goes.', paths: [`${AS}.scale_to_zero_grace_period_s`, `${AS}.scale_to_zero_pod_retention_s`] },
  { field: 'ray_target_ongoing_requests', label: 'Target ongoing requests', unit: 'req', group: 'autoscaler', min: 0.5, max: 64, scale: 'log', step: 0.5, when: is('ray_serve'), auto: upstream('Ray Serve', () => d().ray_serve.target_ongoing_requests), help: 'Requests queued or running each replica should carry.', paths: [`${AS}.target_ongoing_requests`] },
  { field: 'ray_upscale_delay_s', label: 'Upscale delay', unit: 's', group: 'autoscaler', min: 0, max: 300, scale: 'linear', step: 1, when: is('ray_serve'), auto: upstream('Ray Serve', () => d().ray_serve.upscale_delay_s), help: 'A scale-up decision must hold this long before it applies.', paths: [`${AS}.upscale_delay_s`] },
  { field: 'ray_downscale_delay_s', label: 'Downscale delay', unit: 's', group: 'autoscaler', min: 0, max: 1200, scale: 'linear', step: 10, when: is('ray_serve'), auto: upstream('Ray Serve', () => d().ray_serve.downscale_delay_s), help: 'A scale-down decision must hold this long before it applies.', paths: [`${AS}.downscale_delay_s`, `${AS}.downscale_to_zero_delay_s`] },
  { field: 'ray_look_back_period_s', label: 'Look-back period', unit: 's', group: 'autoscaler', min: 1, max: 120, scale: 'linear', step: 1, when: is('ray_serve'), auto: upstream('Ray Serve', () => d().ray_serve.look_back_period_s), help: 'The window the ongoing-request metric is averaged over.', paths: [`${AS}.look_back_period_s`] },
  { field: 'ray_metrics_interval_s', label: 'Metrics interval', unit: 's', group: 'autoscaler', min: 0.5, max: 60, scale: 'linear', step: 0.5, when: is('ray_serve'), auto: upstream('Ray Serve', () => d().ray_serve.metrics_interval_s), help: 'How often replicas push that average to the controller.', paths: [`${AS}.metrics_interval_s`] },
  { field: 'provisioning_s', label: 'Provisioning time', unit: 's', group: 'autoscaler', min: 0, max: 300, scale: 'linear', step: 1, when: (s) => s.provisioning !== 'none', help: 'From a scale-up decision until the new replica starts loading the model (node, container, image pull); the mean of its distribution.', paths: ['candidates[0].provisioning.delay_s', 'candidates[0].provisioning.mean_s'] },
  { field: 'provisioning_cv', label: 'Provisioning spread', unit: 'cv', group: 'autoscaler', min: 0.05, max: 2, scale: 'linear', step: 0.05, when: (s) => s.provisioning === 'lognormal', help: 'Its standard deviation over its mean.', paths: ['candidates[0].provisioning.cv'] },
  { field: 'edge_replicas', label: 'Edge devices per site', unit: '', group: 'placement', min: 0, max: 16, scale: 'linear', step: 1, integer: true, when: edge, help: 'Devices serving each site’s clients near them. 0: no edge tier at all.', paths: ['candidates[0].edge.replicas'] },
  { field: 'edge_speed_factor', label: 'Edge device speed', unit: '× cloud', group: 'placement', min: 0.05, max: 2, scale: 'linear', step: 0.05, when: edge, help: 'The device’s speed against the cloud profile (0.25: a forward pass takes four times as long; so does its cold start).', paths: ['candidates[0].edge.speed_factor', 'candidates[0].edge.profile'] },
  { field: 'edge_overflow_queue_threshold', label: 'Overflow to the cloud above', unit: 'waiting', group: 'placement', min: 0, max: 64, scale: 'linear', step: 1, integer: true, when: (s) => s.placement === 'hybrid', auto: { says: 'the edge max batch size', value: (s) => s.max_batch_size }, help: 'Hybrid: a request goes to the cloud when every edge device of its site has more than this many waiting.', paths: ['candidates[0].edge.overflow_queue_threshold'] },
  { field: 'edge_sites', label: 'Sites', unit: '', group: 'placement', min: 1, max: 100, scale: 'log', step: 1, integer: true, when: oneSite, help: 'Identical client sites (stores, cities), each with its own edge devices; the traffic is split evenly between them.', paths: ['sites[0].count', 'sites'] },
  { field: 'edge_rtt_ms', label: 'Round trip to the edge', unit: 'ms', group: 'placement', min: 0, max: 100, scale: 'linear', step: 0.5, when: oneSite, help: 'Network time there and back between a site’s clients and its edge devices.', paths: ['sites[0].edge.delay', 'sites[0].edge'] },
  { field: 'edge_bandwidth_mbps', label: 'Bandwidth to the edge', unit: 'Mbit/s', group: 'placement', min: 1, max: 10_000, scale: 'log', step: 1, when: oneSite, auto: { says: 'unlimited', value: () => null, none: 'unlimited' }, help: 'The local link’s speed. Empty: unlimited.', paths: ['sites[0].edge.bandwidth_mbps'] },
  { field: 'edge_per_hour_usd', label: 'Price per edge device', unit: '$/h', group: 'placement', min: 0, max: 1, scale: 'linear', step: 0.001, when: edge, help: 'What one device costs an hour (its purchase spread over its life, power, upkeep).', paths: ['candidates[0].edge.cost'] },
  { field: 'replica_per_hour_usd', label: 'Price per replica', unit: '$/h', group: 'prices', min: 0, max: 5, scale: 'linear', step: 0.005, when: (s) => s.pricing === 'provisioned', help: 'What one replica costs an hour on demand (0.085: a 2-vCPU cloud VM), paid while it exists: starting, ready or draining.', paths: ['cost.replica_per_hour_usd', 'cost'] },
  { field: 'spot_discount', label: 'Spot discount', unit: '', group: 'prices', min: 0, max: 1, scale: 'linear', step: 0.05, when: (s) => s.pricing === 'provisioned' && s.capacity === 'spot', auto: upstream('servetwin', () => d().cost.spot_discount), help: 'The share taken off the on-demand price for spot capacity (0.7: pay 30 %).', paths: ['cost.spot_discount', 'cost.capacity'] },
  { field: 'per_million_requests_usd', label: 'Per million requests', unit: '$', group: 'prices', min: 0, max: 5, scale: 'linear', step: 0.05, when: (s) => s.pricing === 'serverless', help: 'Serverless: the price of a million requests.', paths: ['cost.per_million_requests_usd'] },
  { field: 'per_gb_second_usd', label: 'Per GB-second', unit: '$', group: 'prices', min: 0, max: 0.0001, scale: 'linear', step: 0.0000001, when: (s) => s.pricing === 'serverless', help: 'Serverless: the price of a gigabyte of memory busy for a second (0.0000166667 on AWS Lambda).', paths: ['cost.per_gb_second_usd'] },
  { field: 'memory_gb', label: 'Memory per instance', unit: 'GB', group: 'prices', min: 0.125, max: 16, scale: 'log', step: 0.125, when: (s) => s.pricing === 'serverless', auto: upstream('servetwin', () => d().cost.memory_gb), help: 'Serverless: the memory configured per instance, billed while it runs a batch.', paths: ['cost.memory_gb'] },
  { field: 'egress_per_gb_usd', label: 'Egress per GB', unit: '$', group: 'prices', min: 0, max: 0.2, scale: 'linear', step: 0.01, help: 'The price of a gigabyte of responses sent to the clients.', paths: ['cost.egress_per_gb_usd'] },
  { field: 'slo_latency_ms', label: 'SLO latency', unit: 'ms', group: 'run', min: 1, max: 10_000, scale: 'log', step: 1, help: 'The latency target: the SLO is met when this share of requests finish within it.', paths: ['slo.latency_ms', 'slo'] },
  { field: 'slo_percentile', label: 'SLO share', unit: '%', group: 'run', min: 50, max: 99.99, scale: 'linear', step: 0.01, help: 'The share of requests that must finish within the latency (99: the p99 is judged); drops count as misses.', paths: ['slo.percentile'] },
  { field: 'max_drop_rate', label: 'Drops allowed', unit: 'share', group: 'run', min: 0, max: 0.1, scale: 'linear', step: 0.0005, help: 'The largest share of requests that may be turned away for the SLO to count as met (0.001: one in a thousand).', paths: ['slo.max_drop_rate'] },
  { field: 'duration_s', label: 'Simulated time', unit: 's', group: 'run', min: 10, max: 86_400, scale: 'log', step: 1, help: 'How long the simulated traffic runs. Longer runs take longer to simulate.', paths: ['duration_s'] },
  { field: 'warmup_s', label: 'Warm-up', unit: 's', group: 'run', min: 0, max: 3600, scale: 'linear', step: 1, help: 'Requests sent before this are simulated but left out of the numbers (the queues start empty).', paths: ['warmup_s'] },
  { field: 'sample_interval_s', label: 'Time-series interval', unit: 's', group: 'run', min: 0.1, max: 600, scale: 'log', step: 0.1, auto: { says: 'about 500 points over the run', value: (s) => Number((s.duration_s / 500).toPrecision(3)) }, help: 'How finely the result’s time series (replicas, queue, traffic) is sampled. Empty: about 500 points over the run.', paths: ['metrics'] },
  { field: 'seed', label: 'Seed', unit: '', group: 'run', min: 0, max: 100, scale: 'linear', step: 1, integer: true, help: 'The dice: the same seed gives the same run, to the last digit.', paths: ['seed'] },
];

/** The value a lever shows: its own, or its default while it keeps one. */
export function leverValue(lever: Lever, s: Settings): number | null {
  const v = s[lever.field];
  return v !== null ? v : (lever.auto?.value(s) ?? null);
}

/** True when `path` is `owner` or lies inside it. */
export function pathWithin(path: string, owner: string): boolean {
  return path === owner || path.startsWith(`${owner}.`) || path.startsWith(`${owner}[`);
}

/** The control that owns a scenario path: the one with the longest path containing it (the most specific), else null. */
export function controlFor(path: string): string | null {
  const owners: [string, readonly string[]][] = [...LEVERS, ...CHOICES, ...TEXTS].map((l): [string, readonly string[]] => [l.field, l.paths]);
  let best: { id: string; length: number } | null = null;
  for (const [id, paths] of owners) {
    for (const p of paths) if (pathWithin(path, p) && (best === null || p.length > best.length)) best = { id, length: p.length };
  }
  return best?.id ?? null;
}

/** A log lever's slider positions run 0..LOG_SLIDER_STEPS, spread evenly over the ratio max/min. */
export const LOG_SLIDER_STEPS = 1000;

/**
 * The range input's own min, max and step. A linear lever's slider holds its value itself, so an
 * arrow key moves it by one step (one replica, half a millisecond); a log lever's holds a position.
 */
export function sliderRange(lever: Lever): { min: number; max: number; step: number } {
  return lever.scale === 'log' ? { min: 0, max: LOG_SLIDER_STEPS, step: 1 } : { min: lever.min, max: lever.max, step: lever.step };
}

/** The value at a slider position, rounded to the lever's step (an integer lever to whole numbers). */
export function leverValueAt(lever: Lever, position: number): number {
  const raw = lever.scale === 'log' ? lever.min * (lever.max / lever.min) ** Math.min(1, Math.max(0, position / LOG_SLIDER_STEPS)) : position;
  const stepped = Math.round(raw / lever.step) * lever.step;
  const rounded = lever.integer ? Math.round(stepped) : Number(stepped.toPrecision(12));
  return Math.min(lever.max, Math.max(lever.min, rounded));
}

/** The slider position that shows a value (clamped to the slider's range). */
export function leverPosition(lever: Lever, value: number): number {
  if (!Number.isFinite(value)) return value === Number.POSITIVE_INFINITY ? sliderRange(lever).max : sliderRange(lever).min;
  const v = Math.min(lever.max, Math.max(lever.min, value));
  if (lever.scale === 'linear') return v;
  return Math.round((Math.log(v / lever.min) / Math.log(lever.max / lever.min)) * LOG_SLIDER_STEPS);
}

/**
 * An arrow key on a log lever: one step of the value (batch size 4 → 5, 200 → 201 req/s), not one
 * position, which near the bottom of the range rounds back to the same value. Null for a linear
 * lever, whose slider steps by itself.
 */
export function leverNudge(lever: Lever, value: number, direction: 1 | -1): number | null {
  if (lever.scale !== 'log') return null;
  const next = Math.round(value / lever.step + direction) * lever.step;
  return Math.min(lever.max, Math.max(lever.min, lever.integer ? Math.round(next) : Number(next.toPrecision(12))));
}
