// What the page shows, as state: the configuration (A), B when comparing, and the side the
// controls edit; each side's settings checked by the scenario schema once per distinct link; the
// answers run-cache.ts holds for them; and the runs the settings on screen need that the cache has
// no answer for — the edited side first (watched), then with a pair the other side, then both
// sides on the spread's seeds (unwatched). main.ts owns one and sends what it plans to the worker.
import { checkSettings, type Checked } from '../check-settings.js';
import { SPREAD_SEEDS } from '../compare-figures.js';
import { DEFAULT_SETTINGS, expectedRequests, type Settings } from '../settings.js';
import { encodeSettings } from '../url-format.js';
import type { Run } from '../worker/messages.js';
import type { Profiles } from './profiles.js';
import { RunCache, type Answer } from './run-cache.js';
import type { Lane } from './view-bar.js';

/** The spread over seeds is not run past this many requests a run (it would take longer than the answer it qualifies). */
export const SPREAD_AT_MOST_REQUESTS = 2_000_000;

/** A run of a job: which side, under which cache key, and whether it is a side's shown seed. */
export interface PlannedRun extends Run {
  lane: Lane;
  key: string;
  main: boolean;
}

export class Sides {
  a: Settings = DEFAULT_SETTINGS;
  b: Settings | null = null;
  editing: Lane = 'a';
  readonly cache = new RunCache();
  private readonly checked = new Map<string, Checked>();

  constructor(private readonly profiles: Profiles) {}

  get(lane: Lane): Settings | null {
    return lane === 'a' ? this.a : this.b;
  }

  set(lane: Lane, s: Settings): void {
    if (lane === 'a') this.a = s;
    else this.b = s;
  }

  edited(): Settings {
    return this.get(this.editing)!;
  }

  other(): Lane {
    return this.editing === 'a' ? 'b' : 'a';
  }

  /** The profile a side's scenario names (null for an inline one). */
  profileOf(s: Settings) {
    return this.profiles.resolve(s.profile);
  }

  /** The address of what is shown: A, and with a pair B and the side being edited. */
  link(): string {
    return encodeSettings(this.a, this.b ? { b: this.b, editing: this.editing } : null);
  }

  /** Settings checked once per distinct link of them. */
  checkedOf(s: Settings): Checked {
    const key = encodeSettings(s);
    let c = this.checked.get(key);
    if (!c) {
      if (this.checked.size > 64) this.checked.clear();
      c = checkSettings(s);
      this.checked.set(key, c);
    }
    return c;
  }

  /** The cache key of a side's run on a seed (null while the side is invalid). */
  keyOf(lane: Lane, seed: number): string | null {
    const s = this.get(lane);
    const checked = s && this.checkedOf(s);
    return checked?.scenario ? RunCache.key(checked.input, seed) : null;
  }

  /** The answer of a side on a seed, from the cache. */
  answerOf(lane: Lane, seed: number, watched: boolean): Answer | null {
    const key = this.keyOf(lane, seed);
    return key === null ? null : this.cache.get(key, watched);
  }

  /** The seeds a side runs on: its own, then the spread's. */
  static seedsOf(s: Settings): number[] {
    return Array.from({ length: 1 + SPREAD_SEEDS }, (_, i) => s.seed + i);
  }

  /** Why the spread is not run (a side too long to run three times), or null. */
  spreadSkipped(): string | null {
    const big = [this.a, this.b].some((s) => s !== null && expectedRequests(s) > SPREAD_AT_MOST_REQUESTS);
    return big ? `The spread over seeds is not run for runs of more than ${SPREAD_AT_MOST_REQUESTS / 1e6} million requests: every difference is shown unjudged.` : null;
  }

  /** The runs the settings on screen need that the cache cannot answer, the edited side's first; null when a side is invalid. */
  plannedRuns(): PlannedRun[] | null {
    const lanes: Lane[] = this.b ? [this.editing, this.other()] : ['a'];
    const spread = this.b !== null && this.spreadSkipped() === null;
    const out: PlannedRun[] = [];
    for (const main of [true, false]) {
      for (const lane of lanes) {
        const s = this.get(lane)!;
        const checked = this.checkedOf(s);
        if (!checked.scenario) return null;
        for (const seed of main ? [s.seed] : spread ? Sides.seedsOf(s).slice(1) : []) {
          const key = RunCache.key(checked.input, seed);
          if (this.cache.get(key, main)) continue;
          out.push({ lane, key, main, scenario: checked.input, profile: this.profiles.resolve(s.profile), watch: main, ...(seed !== s.seed ? { seed } : {}) });
        }
      }
    }
    return out;
  }
}
