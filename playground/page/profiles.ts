// The profiles the page can simulate with: the bundled calibrated ones, those the reader loaded
// from files (by file name; never put in a link), and the inline closed form of the scenario shown.
// Each becomes an option of the profile picker with a sentence saying what it is.
import { parseConfig } from '../../config/validate.js';
import { isParametric, ProfileSchema, type ParametricProfile, type Profile } from '../../config/profile.js';
import { BUNDLED_PROFILES } from '../bundled.js';
import type { ProfileChoice } from '../settings.js';
import type { ProfileOption } from './controls.js';

type AnyProfile = Profile | ParametricProfile;

export class Profiles {
  private readonly bundled = new Map<string, { label: string; profile: Profile }>();
  private readonly files = new Map<string, Profile>();
  /** The last inline profile shown, so picking "inline" again brings it back. */
  private inline: Record<string, unknown> | null = null;

  constructor() {
    for (const b of BUNDLED_PROFILES) this.bundled.set(b.id, { label: b.label, profile: parseConfig(ProfileSchema, b.data, `calibration/profiles/${b.id}.json`) });
  }

  addFile(name: string, profile: Profile): void {
    this.files.set(name, profile);
  }

  /** Whether the profile a choice names is here (a link may name a file this reader has not loaded). */
  has(choice: ProfileChoice): boolean {
    if (choice.source === 'bundled') return this.bundled.has(choice.id);
    if (choice.source === 'file') return this.files.has(choice.name);
    return true;
  }

  /** What the worker is sent with a `profile: { file }` scenario (null for an inline one). */
  resolve(choice: ProfileChoice): Profile | null {
    if (choice.source === 'bundled') return this.bundled.get(choice.id)?.profile ?? null;
    if (choice.source === 'file') return this.files.get(choice.name) ?? null;
    return null;
  }

  remember(choice: ProfileChoice): void {
    if (choice.source === 'inline') this.inline = choice.profile;
  }

  /** The picker's value of a choice, and the choice of a picker value. */
  valueOf(choice: ProfileChoice): string {
    return choice.source === 'bundled' ? `bundled:${choice.id}` : choice.source === 'file' ? `file:${choice.name}` : 'inline';
  }

  choiceOf(value: string): ProfileChoice | null {
    if (value.startsWith('bundled:')) return { source: 'bundled', id: value.slice(8) };
    if (value.startsWith('file:')) return { source: 'file', name: value.slice(5) };
    return this.inline ? { source: 'inline', profile: this.inline } : null;
  }

  options(): ProfileOption[] {
    const out: ProfileOption[] = [...this.bundled].map(([id, b]) => ({ value: `bundled:${id}`, label: b.label }));
    for (const name of this.files.keys()) out.push({ value: `file:${name}`, label: `${name} (loaded from a file)` });
    if (this.inline) out.push({ value: 'inline', label: `${describeInline(this.inline)} (from the scenario)` });
    return out;
  }

  /** The picker's label of a choice. */
  label(choice: ProfileChoice): string {
    return this.options().find((o) => o.value === this.valueOf(choice))?.label ?? this.valueOf(choice);
  }

  /** One sentence on the chosen profile: where it was measured and what a forward pass costs. */
  describe(choice: ProfileChoice): string {
    if (choice.source === 'inline') return `A closed form, not a measurement: ${describeInline(choice.profile)}.${coldStart(choice.profile as unknown as AnyProfile)}`;
    const p = this.resolve(choice);
    if (p === null) return '';
    return describeProfile(p);
  }
}

function meanOf(mean: unknown): string {
  if (typeof mean === 'number') return `${mean} ms`;
  const m = mean as { base_ms?: number; per_item_ms?: number } | null;
  return m ? `${m.base_ms ?? 0} ms + ${m.per_item_ms ?? 0} ms per item` : '?';
}

function describeInline(p: Record<string, unknown>): string {
  const kind = String(p.kind);
  return `${kind} service time, mean ${meanOf(p.mean_ms)}${typeof p.cv === 'number' ? `, cv ${p.cv}` : ''}`;
}

/** A new replica's model load (the simulator's cold start: session creation and first run, or the closed form's cold_start_ms), in words. */
function coldStart(p: AnyProfile): string {
  const ms = p.kind === 'measured' ? p.cold_start.session_create_ms + p.cold_start.first_run_ms : ((p as { cold_start_ms?: number }).cold_start_ms ?? 0);
  return ms > 0 ? ` A new replica loads the model in ${Number(ms.toPrecision(3))} ms (its cold start, after provisioning).` : ' It has no cold start: a new replica serves once provisioned.';
}

function describeProfile(p: AnyProfile): string {
  if (isParametric(p)) return `A closed form, not a measurement: ${describeInline(p as unknown as Record<string, unknown>)}.${coldStart(p)}`;
  const sizes = p.batches.filter((b) => [1, 4, 8, 16, 32].includes(b.batch_size));
  const costs = sizes.map((b) => `${Number(b.mean_ms.toPrecision(2))} ms at ${b.batch_size}`).join(', ');
  const where = p.kind === 'measured' ? `Measured on ${p.host.cpus ?? p.host.cores} core(s) of ${p.host.cpu_model}` : `Imported from ${p.host}`;
  return `${where}. A forward pass takes ${costs} (batch size): batching makes each item cheaper.${coldStart(p)}`;
}
