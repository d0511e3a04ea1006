// The levers of link format v2, both ways (scenario-of-settings.ts calls these): the autoscaler and
// its knobs, provisioning, placement with its client site and edge devices, the network, and
// prices. A knob left at its upstream default (null) is left out of the scenario, so the schema
// fills it in; reading a scenario back, a value equal to the default becomes null again. What a
// lever cannot hold is named in `notes`.
import { scheduleEntrySeconds, type AutoscalerConfig, type Provisioning } from '../config/autoscaler.js';
import { delayMeanMs } from '../config/delay.js';
import { withQueueBound } from '../config/batching.js';
import type { Candidate, Link, Scenario } from '../config/scenario.js';
import type { Settings } from './settings.js';
import { upstreamDefaults } from './upstream-defaults.js';

type Obj = Record<string, unknown>;

/** Puts `value` under `key` unless it is null (a default left to the schema). */
function put(o: Obj, key: string, value: unknown): void {
  if (value !== null && value !== undefined) o[key] = value;
}

// ---- settings → scenario -----------------------------------------------------------------------

/** "0=1, 600=2": entries at times of day in seconds; a token that is not `time=replicas` becomes NaNs, which the schema names. */
export function scheduleEntries(text: string): Obj[] {
  return text
    .split(/[,;\s]+/)
    .filter((t) => t !== '')
    .map((t) => {
      const m = /^([^=]+)=([^=]+)$/.exec(t);
      return m ? { at_s: Number(m[1]), replicas: Number(m[2]) } : { at_s: Number.NaN, replicas: Number.NaN };
    });
}

export function autoscalerOf(s: Settings): Obj | undefined {
  switch (s.autoscaler) {
    case 'none':
      return undefined;
    case 'schedule':
      return { kind: 'schedule', entries: scheduleEntries(s.schedule) };
    case 'hpa': {
      const a: Obj = { kind: 'hpa' };
      put(a, 'min_replicas', s.min_replicas);
      put(a, 'max_replicas', s.max_replicas);
      const metric: Obj = { type: s.hpa_metric };
      put(metric, s.hpa_metric === 'utilization' ? 'target_percent' : 'target_requests', s.hpa_target);
      a.metric = metric;
      put(a, 'tolerance', s.hpa_tolerance);
      put(a, 'sync_period_s', s.hpa_sync_period_s);
      put(a, 'downscale_stabilization_s', s.hpa_downscale_stabilization_s);
      put(a, 'metric_window_s', s.hpa_metric_window_s);
      return a;
    }
    case 'kpa': {
      const a: Obj = { kind: 'kpa', metric: s.kpa_metric };
      put(a, 'target', s.kpa_target);
      put(a, 'container_concurrency', s.kpa_container_concurrency);
      put(a, 'target_utilization', s.kpa_target_utilization);
      put(a, 'stable_window_s', s.kpa_stable_window_s);
      put(a, 'panic_window_percentage', s.kpa_panic_window_percentage);
      put(a, 'panic_threshold_percentage', s.kpa_panic_threshold_percentage);
      put(a, 'scale_to_zero_grace_period_s', s.kpa_scale_to_zero_grace_period_s);
      put(a, 'scale_down_delay_s', s.kpa_scale_down_delay_s);
      put(a, 'min_scale', s.min_replicas);
      put(a, 'max_scale', s.max_replicas);
      return a;
    }
    case 'ray_serve': {
      const a: Obj = { kind: 'ray_serve' };
      put(a, 'min_replicas', s.min_replicas);
      put(a, 'max_replicas', s.max_replicas);
      put(a, 'target_ongoing_requests', s.ray_target_ongoing_requests);
      put(a, 'upscale_delay_s', s.ray_upscale_delay_s);
      put(a, 'downscale_delay_s', s.ray_downscale_delay_s);
      put(a, 'look_back_period_s', s.ray_look_back_period_s);
      put(a, 'metrics_interval_s', s.ray_metrics_interval_s);
      return a;
    }
  }
}

export function provisioningOf(s: Settings): Obj | undefined {
  switch (s.provisioning) {
    case 'none':
      return undefined;
    case 'deterministic':
      return { kind: 'deterministic', delay_s: s.provisioning_s };
    case 'exponential':
      return { kind: 'exponential', mean_s: s.provisioning_s };
    case 'lognormal':
      return { kind: 'lognormal', mean_s: s.provisioning_s, cv: s.provisioning_cv };
  }
}

function linkOf(rttMs: number, bandwidth: number | null): Obj {
  const link: Obj = {};
  if (rttMs !== 0) Object.assign(link, { delay: { kind: 'constant', ms: rttMs }, delay_is: 'rtt' });
  put(link, 'bandwidth_mbps', bandwidth);
  return link;
}

/** The scenario's network: payload sizes, and the cloud link (absent when all are zero or unlimited). */
export function networkOf(s: Settings): Obj | undefined {
  const n = linkOf(s.cloud_rtt_ms, s.cloud_bandwidth_mbps);
  if (s.request_bytes_per_item !== 0) n.request_bytes_per_item = s.request_bytes_per_item;
  if (s.response_bytes_per_item !== 0) n.response_bytes_per_item = s.response_bytes_per_item;
  return Object.keys(n).length > 0 ? n : undefined;
}

/** The client sites: as a loaded scenario wrote them, else one entry from the levers when the candidate uses the edge. */
export function sitesOf(s: Settings): Obj[] | undefined {
  if (s.sites !== null) return s.sites;
  if (s.placement === 'cloud_only') return undefined;
  const edge = linkOf(s.edge_rtt_ms, s.edge_bandwidth_mbps);
  return [{ name: 'clients', count: s.edge_sites, ...(Object.keys(edge).length > 0 ? { edge } : {}) }];
}

/** The candidate's placement fields: none for cloud only; an edge section unless there are no edge devices (0). */
export function placementOf(s: Settings): Obj {
  if (s.placement === 'cloud_only') return {};
  if (s.edge_replicas === 0) return { placement: s.placement };
  const edge: Obj = { replicas: s.edge_replicas, speed_factor: s.edge_speed_factor };
  if (s.placement === 'hybrid') put(edge, 'overflow_queue_threshold', s.edge_overflow_queue_threshold);
  if (s.edge_per_hour_usd !== 0) edge.cost = { replica_per_hour_usd: s.edge_per_hour_usd };
  return { placement: s.placement, edge };
}

export function costOf(s: Settings): Obj {
  const c: Obj = {};
  if (s.pricing !== 'provisioned') c.pricing = s.pricing;
  c.replica_per_hour_usd = s.replica_per_hour_usd;
  if (s.capacity !== 'on_demand') c.capacity = s.capacity;
  put(c, 'spot_discount', s.spot_discount);
  if (s.per_million_requests_usd !== 0) c.per_million_requests_usd = s.per_million_requests_usd;
  if (s.per_gb_second_usd !== 0) c.per_gb_second_usd = s.per_gb_second_usd;
  put(c, 'memory_gb', s.memory_gb);
  if (s.egress_per_gb_usd !== 0) c.egress_per_gb_usd = s.egress_per_gb_usd;
  return c;
}

// ---- scenario → settings -----------------------------------------------------------------------

/** null where the value is the default (the knob shows it as such). */
function unlessDefault<T>(value: T, fallback: T): T | null {
  return value === fallback ? null : value;
}

type AutoscalerSettings = Pick<
  Settings,
  | 'autoscaler' | 'min_replicas' | 'max_replicas' | 'schedule' | 'hpa_metric' | 'hpa_target' | 'hpa_tolerance' | 'hpa_sync_period_s' | 'hpa_downscale_stabilization_s' | 'hpa_metric_window_s'
  | 'kpa_metric' | 'kpa_target' | 'kpa_target_utilization' | 'kpa_stable_window_s' | 'kpa_panic_window_percentage' | 'kpa_panic_threshold_percentage' | 'kpa_scale_down_delay_s' | 'kpa_scale_to_zero_grace_period_s' | 'kpa_container_concurrency'
  | 'ray_target_ongoing_requests' | 'ray_upscale_delay_s' | 'ray_downscale_delay_s' | 'ray_look_back_period_s' | 'ray_metrics_interval_s'
>;

/** Fields of an autoscaler no knob holds, when they differ from their defaults. */
function unheld(a: Obj, defaults: Obj, held: readonly string[]): string[] {
  return Object.keys(a).filter((k) => !held.includes(k) && JSON.stringify(a[k]) !== JSON.stringify(defaults[k]));
}

export function autoscalerSettings(a: AutoscalerConfig | undefined, notes: string[]): Partial<AutoscalerSettings> {
  const d = upstreamDefaults();
  if (a === undefined) return { autoscaler: 'none' };
  switch (a.kind) {
    case 'fixed':
      notes.push(`the fixed autoscaler is shown as ${a.replicas} replica(s) without one`);
      return { autoscaler: 'none' };
    case 'schedule':
      if (a.start_at !== '00:00') notes.push(`the schedule's start_at ${a.start_at} is not a lever: its entries are read as seconds from the start of the run`);
      return { autoscaler: 'schedule', schedule: a.entries.map((e) => `${scheduleEntrySeconds(e)}=${e.replicas}`).join(', ') };
    case 'hpa': {
      const left = unheld(a, d.hpa, ['kind', 'min_replicas', 'max_replicas', 'metric', 'tolerance', 'sync_period_s', 'downscale_stabilization_s', 'metric_window_s']);
      if (left.length > 0) notes.push(`the HPA's ${left.join(', ')} (not knobs of the playground; their defaults apply)`);
      const target = a.metric.type === 'utilization' ? unlessDefault(a.metric.target_percent, 80) : a.metric.target_requests;
      return {
        autoscaler: 'hpa',
        min_replicas: unlessDefault(a.min_replicas, d.hpa.min_replicas),
        max_replicas: a.max_replicas,
        hpa_metric: a.metric.type,
        hpa_target: target,
        hpa_tolerance: unlessDefault(a.tolerance, d.hpa.tolerance),
        hpa_sync_period_s: unlessDefault(a.sync_period_s, d.hpa.sync_period_s),
        hpa_downscale_stabilization_s: unlessDefault(a.downscale_stabilization_s, d.hpa.downscale_stabilization_s),
        hpa_metric_window_s: unlessDefault(a.metric_window_s, d.hpa.metric_window_s),
      };
    }
    case 'kpa': {
      const k = d.kpa;
      const held = ['kind', 'metric', 'target', 'container_concurrency', 'target_utilization', 'stable_window_s', 'panic_window_percentage', 'panic_threshold_percentage', 'scale_to_zero_grace_period_s', 'scale_down_delay_s', 'min_scale', 'max_scale'];
      const left = unheld(a, k, held);
      if (left.length > 0) notes.push(`the KPA's ${left.join(', ')} (not knobs of the playground; their defaults apply)`);
      return {
        autoscaler: 'kpa',
        kpa_metric: a.metric,
        kpa_target: a.target ?? null,
        kpa_container_concurrency: unlessDefault(a.container_concurrency, k.container_concurrency),
        kpa_target_utilization: unlessDefault(a.target_utilization, k.target_utilization),
        kpa_stable_window_s: unlessDefault(a.stable_window_s, k.stable_window_s),
        kpa_panic_window_percentage: unlessDefault(a.panic_window_percentage, k.panic_window_percentage),
        kpa_panic_threshold_percentage: unlessDefault(a.panic_threshold_percentage, k.panic_threshold_percentage),
        kpa_scale_to_zero_grace_period_s: unlessDefault(a.scale_to_zero_grace_period_s, k.scale_to_zero_grace_period_s),
        kpa_scale_down_delay_s: unlessDefault(a.scale_down_delay_s, k.scale_down_delay_s),
        min_replicas: unlessDefault(a.min_scale, k.min_scale),
        max_replicas: unlessDefault(a.max_scale, k.max_scale),
      };
    }
    case 'ray_serve': {
      const r = d.ray_serve;
      const left = unheld(a, r, ['kind', 'min_replicas', 'max_replicas', 'target_ongoing_requests', 'upscale_delay_s', 'downscale_delay_s', 'look_back_period_s', 'metrics_interval_s']);
      if (left.length > 0) notes.push(`Ray Serve's ${left.join(', ')} (not knobs of the playground; their defaults apply)`);
      return {
        autoscaler: 'ray_serve',
        min_replicas: unlessDefault(a.min_replicas, r.min_replicas),
        max_replicas: unlessDefault(a.max_replicas, r.max_replicas),
        ray_target_ongoing_requests: unlessDefault(a.target_ongoing_requests, r.target_ongoing_requests),
        ray_upscale_delay_s: unlessDefault(a.upscale_delay_s, r.upscale_delay_s),
        ray_downscale_delay_s: unlessDefault(a.downscale_delay_s, r.downscale_delay_s),
        ray_look_back_period_s: unlessDefault(a.look_back_period_s, r.look_back_period_s),
        ray_metrics_interval_s: unlessDefault(a.metrics_interval_s, r.metrics_interval_s),
      };
    }
  }
}

export function provisioningSettings(p: Provisioning | undefined, notes: string[]): Pick<Settings, 'provisioning'> & Partial<Settings> {
  if (p === undefined) return { provisioning: 'none' };
  switch (p.kind) {
    case 'deterministic':
      return { provisioning: 'deterministic', provisioning_s: p.delay_s };
    case 'exponential':
      return { provisioning: 'exponential', provisioning_s: p.mean_s };
    case 'lognormal':
      return { provisioning: 'lognormal', provisioning_s: p.mean_s, provisioning_cv: p.cv };
    case 'uniform':
      notes.push(`provisioning uniform ${p.min_s}–${p.max_s} s is shown as its mean, ${(p.min_s + p.max_s) / 2} s exactly`);
      return { provisioning: 'deterministic', provisioning_s: (p.min_s + p.max_s) / 2 };
  }
}

/** A link's constant round trip, or the mean of another delay (named in `notes`), ms. */
function rttOf(link: Pick<Link, 'delay' | 'delay_is'> | undefined, what: string, notes: string[]): number {
  const delay = link?.delay;
  if (delay === undefined) return 0;
  const mean = delayMeanMs(delay) * (link!.delay_is === 'rtt' ? 1 : 2);
  if (delay.kind !== 'constant' || link!.delay_is !== 'rtt') notes.push(`${what}: a constant round trip of ${Number(mean.toPrecision(6))} ms, the mean of the scenario's ${delay.kind} ${link!.delay_is} delay`);
  return Number(mean.toPrecision(12));
}

export function networkSettings(scenario: Scenario, notes: string[]): Partial<Settings> {
  const n = scenario.network;
  return {
    request_bytes_per_item: n?.request_bytes_per_item ?? 0,
    response_bytes_per_item: n?.response_bytes_per_item ?? 0,
    cloud_rtt_ms: rttOf(n, 'network delay', notes),
    cloud_bandwidth_mbps: n?.bandwidth_mbps ?? null,
  };
}

/** Placement, the edge devices, and the sites: one plain site entry becomes levers, anything else is kept as written. */
export function placementSettings(scenario: Scenario, c: Candidate, notes: string[], kept: string[]): Partial<Settings> {
  const out: Partial<Settings> = { placement: c.placement ?? 'cloud_only' };
  const e = c.edge;
  if (e) {
    // The schema writes the candidate's batching into the edge's (its queue bounded by the edge's instances): only another one is left out.
    const inherited = [withQueueBound(c.batching, e.instances), withQueueBound({ ...c.batching, max_queue_size: undefined }, e.instances)].map((b) => JSON.stringify(b));
    const ownBatching = e.batching !== undefined && !inherited.includes(JSON.stringify(e.batching));
    const left = [...(ownBatching ? ['batching'] : []), ...(e.profile ? ['profile'] : []), ...(e.instances !== 1 ? ['instances'] : []), ...(e.router !== 'round_robin' ? ['router'] : []), ...(e.outages ? ['outages'] : [])];
    const costLeft = e.cost && Object.keys(e.cost).some((k) => k !== 'replica_per_hour_usd' && JSON.stringify(e.cost![k as keyof typeof e.cost]) !== JSON.stringify(upstreamDefaults().cost[k as keyof typeof e.cost]));
    if (left.length > 0 || costLeft) notes.push(`the edge's ${[...left, ...(costLeft ? ['cost beyond its hourly price'] : [])].join(', ')} (not levers yet)`);
    Object.assign(out, {
      edge_replicas: e.replicas,
      edge_speed_factor: e.speed_factor ?? 1,
      edge_overflow_queue_threshold: e.overflow_queue_threshold ?? null,
      edge_per_hour_usd: e.cost?.replica_per_hour_usd ?? 0,
    });
  } else if (out.placement !== 'cloud_only') out.edge_replicas = 0;
  const sites = scenario.sites;
  if (sites === undefined) return out;
  const only = sites[0]!;
  const plain = sites.length === 1 && only.cloud === undefined && only.share === 1 && (only.edge?.delay === undefined || (only.edge.delay.kind === 'constant' && only.edge.delay_is === 'rtt'));
  if (plain) {
    return { ...out, edge_sites: only.count, edge_rtt_ms: only.edge?.delay ? rttOf(only.edge, 'edge delay', notes) : 0, edge_bandwidth_mbps: only.edge?.bandwidth_mbps ?? null };
  }
  kept.push(`its ${sites.length} client site entries are kept as written (the site levers hold one plain entry)`);
  return { ...out, sites: sites.map((site) => ({ ...site })) };
}

export function costSettings(cost: Scenario['cost']): Partial<Settings> {
  const d = upstreamDefaults().cost;
  if (cost === undefined) return { replica_per_hour_usd: 0 };
  return {
    pricing: cost.pricing,
    replica_per_hour_usd: cost.replica_per_hour_usd,
    capacity: cost.capacity,
    spot_discount: unlessDefault(cost.spot_discount, d.spot_discount),
    per_million_requests_usd: cost.per_million_requests_usd,
    per_gb_second_usd: cost.per_gb_second_usd,
    memory_gb: unlessDefault(cost.memory_gb, d.memory_gb),
    egress_per_gb_usd: cost.egress_per_gb_usd,
  };
}
