// Opening things into the page: a file (dropped or picked: a scenario or a profile), a preset (a
// file's candidate, and another to compare it with), the address's link, and what `servetwin
// playground` put in the page. Each becomes the edited side's settings (or both sides), with a
// notice saying what was loaded and what could not be; a profile a link names but this reader
// lacks falls back to the bundled one, saying which it expected. main.ts gives it the page.
import { errorMessage } from '../../common/errors.js';
import { openFile } from '../open-file.js';
import { DEFAULT_PROFILE_ID, type Settings } from '../settings.js';
import { decodeSettings } from '../url-format.js';
import type { Preset } from '../bundled.js';
import type { Notices } from './notices.js';
import type { Profiles } from './profiles.js';
import type { Sides } from './sides.js';

export interface OpeningPage {
  sides: Sides;
  profiles: Profiles;
  notices: Notices;
  /** Shows and runs settings as the edited side (`force`: even when they equal what is shown). */
  apply(next: Settings, inputAt: number | null, force?: boolean): void;
  /** Shows and runs what the sides hold now. */
  update(inputAt: number | null): void;
  /** A profile file was (re)loaded: answers made with an older one under its name are stale. */
  profileLoaded(): void;
}

/** What `servetwin playground --scenario/--profile` puts in the page (index.html's #servetwin-start). */
export interface StartData {
  scenario?: { name: string; text: string };
  profiles?: { name: string; text: string }[];
  /** A profile file to simulate with instead of the scenario's (`--profile`). */
  profile?: string;
}

export class Opening {
  constructor(private readonly page: OpeningPage) {}

  /** Settings whose profile is here; one a link names but this reader lacks falls back, with a notice. */
  withAvailableProfile(s: Settings): Settings {
    if (this.page.profiles.has(s.profile)) return s;
    const fallback = { source: 'bundled', id: DEFAULT_PROFILE_ID } as const;
    const wanted = s.profile.source === 'file' ? `the profile ${s.profile.name}, which its author loaded from a file (links carry no profile files)` : `the bundled profile ${JSON.stringify(s.profile.source === 'bundled' ? s.profile.id : '')}, which this playground does not have`;
    this.page.notices.set('profile', 'info', `This configuration expects ${wanted}. Showing the bundled ${this.page.profiles.label(fallback)} instead: ${s.profile.source === 'file' ? `open ${s.profile.name} here (Open file…, or drop it on the page) to see their numbers.` : 'pick another profile.'}`);
    return { ...s, profile: fallback };
  }

  /** A file's text: a profile becomes the edited side's profile, a scenario its settings. */
  openText(name: string, text: string): void {
    try {
      const opened = openFile(name, text);
      if (opened.kind === 'profile') {
        this.page.profiles.addFile(name, opened.profile);
        this.page.profileLoaded();
        this.page.notices.set('profile', 'info', null);
        this.page.notices.set('file', 'info', `Loaded the profile ${name}. It stays on this page: a link you share names it, and whoever opens the link is asked to open the file too.`);
        this.page.apply({ ...this.page.sides.edited(), profile: { source: 'file', name } }, null, true);
      } else {
        this.page.notices.set('file', 'info', `Loaded ${name}${opened.notes.length > 0 ? `: ${opened.notes.join('; ')}` : ''}.`);
        this.page.apply(this.withAvailableProfile(opened.settings), null, true);
      }
    } catch (err) {
      this.page.notices.set('file', 'error', `Could not load ${name}: ${errorMessage(err)}`);
    }
  }

  /** A preset: its candidate as A — and with a second one to compare, that as B, edited. */
  openPreset(p: Preset): void {
    try {
      const a = openFile(p.file, p.text, p.candidate);
      const b = p.compare ? openFile(p.file, p.text, p.compare) : null;
      if (a.kind !== 'scenario' || (b && b.kind !== 'scenario')) return;
      this.page.sides.a = this.withAvailableProfile(a.settings);
      this.page.sides.b = b && b.kind === 'scenario' ? this.withAvailableProfile(b.settings) : null;
      this.page.sides.editing = this.page.sides.b ? 'b' : 'a';
      this.page.notices.set('file', 'info', `${p.title} (${p.file}). What to look for:\n${p.look}${a.notes.length > 0 ? `\nAs loaded: ${a.notes.join('; ')}.` : ''}`);
      this.page.update(null);
    } catch (err) {
      this.page.notices.set('file', 'error', `Could not load ${p.file}: ${errorMessage(err)}`);
    }
  }

  /** Settings from the address, when it holds a link; false when it does not. */
  fromLink(): boolean {
    const decoded = decodeSettings(location.hash);
    if (decoded === null) return false;
    if (!decoded.ok) {
      this.page.notices.set('link', 'info', `About this link: ${decoded.reason}.`);
      return false;
    }
    this.page.notices.set('link', 'info', decoded.notes.length > 0 ? `About this link: ${decoded.notes.join('; ')}.` : null);
    this.page.sides.a = this.withAvailableProfile(decoded.settings);
    this.page.sides.b = decoded.pair ? this.withAvailableProfile(decoded.pair.b) : null;
    this.page.sides.editing = decoded.pair?.editing ?? 'a';
    this.page.update(null);
    return true;
  }

  startData(): StartData {
    const text = document.getElementById('servetwin-start')?.textContent ?? '';
    try {
      return (JSON.parse(text) as StartData | null) ?? {};
    } catch {
      return {};
    }
  }
}
