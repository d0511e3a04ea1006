// The configuration in the page's address, so a link shares it: `#v=1&rate_rps=200&…`, one
// readable key per lever, named as in settings.ts. `v` is the link format's version. A link of an
// older format is read by that version's reader (the first and only one so far is v1; a change to
// the levers adds v2 and keeps the v1 reader, migrating), and a link of a newer or unknown format
// is refused with a sentence saying why, not guessed at. A profile loaded from a file travels by
// name only: the page says which one the link expects and falls back to a bundled one.
import { PATTERNS, SettingsSchema, DEFAULT_SETTINGS, type ProfileChoice, type Settings } from './settings.js';
import { RouterKindSchema } from '../config/scenario.js';

export const LINK_FORMAT_VERSION = 1;

type Field = keyof Settings;
const NULLABLE: readonly Field[] = ['max_queue_size', 'queue_timeout_ms', 'period_s', 'peak_at_s'];
/** A nullable lever's null in a link: the scenario's default (queue bound) or the run's (diurnal cycle). */
const AUTO = 'auto';

/** The link fragment (without `#`) of the settings, every lever written so a link means the same later. */
export function encodeSettings(s: Settings): string {
  const params = new URLSearchParams();
  params.set('v', String(LINK_FORMAT_VERSION));
  for (const key of Object.keys(SettingsSchema.shape) as Field[]) {
    const value = s[key];
    if (key === 'profile') params.set(key, encodeProfile(value as ProfileChoice));
    else params.set(key, value === null ? AUTO : String(value));
  }
  return params.toString();
}

function encodeProfile(p: ProfileChoice): string {
  if (p.source === 'bundled') return p.id;
  if (p.source === 'file') return `file:${p.name}`;
  return JSON.stringify(p.profile);
}

export type Decoded = { ok: true; settings: Settings; notes: string[] } | { ok: false; reason: string };

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
  '1': readV1,
};

function readV1(params: URLSearchParams): Decoded {
  const notes: string[] = [];
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const known = new Set<string>(['v', ...Object.keys(SettingsSchema.shape)]);
  const unknown = [...params.keys()].filter((k) => !known.has(k));
  if (unknown.length > 0) notes.push(`ignored what this playground has no lever for: ${unknown.join(', ')}`);
  for (const [key, raw] of params) {
    if (!known.has(key) || key === 'v') continue;
    const field = key as Field;
    if (field === 'profile') {
      const profile = decodeProfile(raw);
      if (profile) settings.profile = profile;
      else notes.push(`profile ${JSON.stringify(raw)} is not readable; showing the default profile`);
    } else if (field === 'name' || field === 'candidate') settings[field] = raw;
    else if (field === 'arrivals') {
      if ((PATTERNS as readonly string[]).includes(raw)) settings.arrivals = raw;
      else notes.push(`arrivals=${raw} is not a pattern of this playground (${PATTERNS.join(', ')}); showing ${DEFAULT_SETTINGS.arrivals}`);
    } else if (field === 'router') {
      const router = RouterKindSchema.safeParse(raw);
      if (router.success) settings.router = router.data;
      else notes.push(`router=${raw} is not a router this playground knows; showing ${DEFAULT_SETTINGS.router}`);
    } else if (NULLABLE.includes(field) && raw === AUTO) settings[field] = null;
    else settings[field] = raw.trim() === '' ? Number.NaN : Number(raw);
  }
  return { ok: true, settings: settings as Settings, notes };
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
