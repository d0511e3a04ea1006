// The configuration in the page's address, so a link shares it: `#v=2&rate_rps=200&…`, one
// readable key per lever, named as in settings.ts. `v` is the link format's version. A link of an
// older format is read by that version's reader, migrating (v1, part 1's levers, opens with every
// lever v2 added at what v1 meant: no autoscaler, cloud only, on-demand prices), and a link of a
// newer or unknown format is refused with a sentence saying why, not guessed at. v2 writes the v1
// levers always and a v2 lever only when it differs from V2_ABSENT, what its absence means, frozen
// here: a later change of the page's defaults does not change what an old link says. An A/B pair
// adds `ab=a|b` (the side being edited) and `b.<key>` for each lever where B differs from A. A
// profile loaded from a file travels by name only: the page says which one the link expects.
import { SettingsSchema, DEFAULT_SETTINGS, type ProfileChoice, type Settings } from './settings.js';

export const LINK_FORMAT_VERSION = 2;

type Field = keyof Settings;
/** A nullable lever's null in a link: a default (the queue bound, an upstream knob's) or the run's (diurnal cycle). */
const AUTO = 'auto';

/** The levers of link format v1, written in every link. */
const V1_FIELDS: readonly Field[] = ['name', 'candidate', 'profile', 'arrivals', 'rate_rps', 'burst_ratio', 'calm_dwell_s', 'burst_dwell_s', 'amplitude', 'period_s', 'peak_at_s', 'max_batch_size', 'max_queue_delay_ms', 'max_queue_size', 'queue_timeout_ms', 'instances', 'replicas', 'router', 'duration_s', 'warmup_s', 'seed', 'slo_latency_ms', 'slo_percentile', 'max_drop_rate', 'replica_per_hour_usd'];

type V2Field = Exclude<Field, (typeof V1_FIELDS)[number]>;
/** What a v2 lever absent from a link means (and what a v1 link, which has none of them, meant). Frozen: never edit a value here; a change of meaning is a new format version. */
const V2_ABSENT: { [K in V2Field]: Settings[K] } = {
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

/** A lever's value as a link writes it. */
function encodeValue(key: Field, value: Settings[Field]): string {
  if (key === 'profile') return encodeProfile(value as ProfileChoice);
  if (key === 'sites') return value === null ? AUTO : JSON.stringify(value);
  return value === null ? AUTO : String(value);
}

/** The link fragment (without `#`) of the settings and, for an A/B pair, of B and the side being edited. */
export function encodeSettings(s: Settings, pair: { b: Settings; editing: 'a' | 'b' } | null = null): string {
  const params = new URLSearchParams();
  params.set('v', String(LINK_FORMAT_VERSION));
  for (const key of Object.keys(SettingsSchema.shape) as Field[]) {
    const text = encodeValue(key, s[key]);
    if (V1_FIELDS.includes(key) || text !== encodeValue(key, V2_ABSENT[key as V2Field])) params.set(key, text);
  }
  if (pair) {
    params.set('ab', pair.editing);
    for (const key of Object.keys(SettingsSchema.shape) as Field[]) {
      const text = encodeValue(key, pair.b[key]);
      if (text !== encodeValue(key, s[key])) params.set(`b.${key}`, text);
    }
  }
  return params.toString();
}

function encodeProfile(p: ProfileChoice): string {
  if (p.source === 'bundled') return p.id;
  if (p.source === 'file') return `file:${p.name}`;
  return JSON.stringify(p.profile);
}

export type Decoded = { ok: true; settings: Settings; notes: string[]; pair?: { b: Settings; editing: 'a' | 'b' } } | { ok: false; reason: string };

/**
 * Settings from a link fragment (with or without `#`). An empty fragment is not a link: null.
 * Values are read as given (a number that is not one stays NaN, for the scenario schema to name);
 * a pattern or router this version does not know falls back to the default, with a note.
 */
export function decodeSettings(fragment: string): Decoded | null {
  const text = fragment.replace(/^#/, '');
  if (text === '') return null;
  const params = new URLSearchParams(text);
  const version = params.get('v');
  if (version === null) return { ok: false, reason: 'this address holds no playground configuration (it has no v=… link format version); showing the default' };
  const reader = READERS[version];
  if (!reader) {
    const newer = /^\d+$/.test(version) && Number(version) > LINK_FORMAT_VERSION;
    return {
      ok: false,
      reason: newer
        ? `this link was made by a newer playground (link format v${version}); this one reads v1 to v${LINK_FORMAT_VERSION}: open it with a newer servetwin. Showing the default`
        : `this link's format version ${JSON.stringify(version)} is not one this playground knows (v1 to v${LINK_FORMAT_VERSION}); showing the default`,
    };
  }
  return reader(params);
}

/** One reader per link format version, oldest first; each returns current settings. */
const READERS: Record<string, (params: URLSearchParams) => Decoded> = {
  '1': (params) => read(params, V1_FIELDS),
  '2': (params) => read(params, Object.keys(SettingsSchema.shape) as Field[]),
};

/** What an enum lever may be, as words for a note: `router=x is not a router …`. */
const CHOICE_WORDS: Partial<Record<Field, string>> = { arrivals: 'a pattern', router: 'a router', autoscaler: 'an autoscaler', hpa_metric: 'an HPA metric', kpa_metric: 'a Knative metric', provisioning: 'a provisioning kind', placement: 'a placement', pricing: 'a pricing', capacity: 'a capacity' };

/** One lever's value from its text in a link; a note when the text cannot be one. */
function readValue(field: Field, raw: string, notes: string[], prefix: string): unknown {
  const shape = SettingsSchema.shape[field];
  if (field === 'profile') {
    const profile = decodeProfile(raw);
    if (!profile) notes.push(`${prefix}profile ${JSON.stringify(raw)} is not readable; showing the default profile`);
    return profile ?? undefined;
  }
  if (field === 'name' || field === 'candidate' || field === 'schedule') return raw;
  if (field === 'sites') {
    if (raw === AUTO) return null;
    try {
      const sites = shape.safeParse(JSON.parse(raw));
      if (sites.success) return sites.data;
    } catch {
      // named below
    }
    notes.push(`${prefix}sites is not a list of site entries; showing one site from the levers`);
    return null;
  }
  const words = CHOICE_WORDS[field];
  if (words !== undefined) {
    const parsed = shape.safeParse(raw);
    if (parsed.success) return parsed.data;
    const options = 'options' in shape ? ` (${(shape.options as string[]).join(', ')})` : '';
    notes.push(`${prefix}${field}=${raw} is not ${words} of this playground${options}; showing ${String(DEFAULT_SETTINGS[field])}`);
    return undefined;
  }
  if (raw === AUTO && shape.safeParse(null).success) return null;
  return raw.trim() === '' ? Number.NaN : Number(raw);
}

/** Settings from a link's levers of a format that knows `fields`; the rest take what their absence means. */
function read(params: URLSearchParams, fields: readonly Field[]): Decoded {
  const notes: string[] = [];
  const known = new Set<string>(fields);
  const keys = [...new Set(params.keys())];
  const unknown = keys.filter((k) => k !== 'v' && k !== 'ab' && !known.has(k.replace(/^b\./, '')));
  if (unknown.length > 0) notes.push(`ignored what this playground has no lever for: ${unknown.join(', ')}`);
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...V2_ABSENT };
  for (const [key, raw] of params) {
    if (!known.has(key)) continue;
    const value = readValue(key as Field, raw, notes, '');
    if (value !== undefined) settings[key] = value;
  }
  const editing = params.get('ab');
  if (editing !== 'a' && editing !== 'b') return { ok: true, settings: settings as Settings, notes };
  const b: Record<string, unknown> = { ...settings };
  for (const [key, raw] of params) {
    const field = key.replace(/^b\./, '');
    if (!key.startsWith('b.') || !known.has(field)) continue;
    const value = readValue(field as Field, raw, notes, 'B: ');
    if (value !== undefined) b[field] = value;
  }
  return { ok: true, settings: settings as Settings, notes, pair: { b: b as Settings, editing } };
}

function decodeProfile(raw: string): ProfileChoice | null {
  if (raw.startsWith('file:')) return raw.length > 5 ? { source: 'file', name: raw.slice(5) } : null;
  if (raw.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(raw);
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? { source: 'inline', profile: value as Record<string, unknown> } : null;
    } catch {
      return null;
    }
  }
  return raw === '' ? null : { source: 'bundled', id: raw };
}
