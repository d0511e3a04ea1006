// The page's entry (bundled by bundle.mjs into playground.js, a classic script, so it also runs
// from file://). It owns the settings: every change is checked by the scenario schema
// (check-settings.ts), written to the address (url-format.ts) and, when valid, run on the worker
// (runner.ts); results, figures so far and errors come back to the views. It opens files (dropped
// or picked, through actions.ts) and reads what `servetwin playground` put in the page.
import { errorMessage } from '../../common/errors.js';
import type { Scenario } from '../../config/scenario.js';
import type { SimulationResult } from '../../config/result.js';
import { checkSettings } from '../check-settings.js';
import { openFile } from '../open-file.js';
import { ASK_ABOVE_REQUESTS, DEFAULT_PROFILE_ID, DEFAULT_SETTINGS, expectedRequests, type Settings } from '../settings.js';
import { decodeSettings, encodeSettings } from '../url-format.js';
import type { Job } from '../worker/messages.js';
import { wireActions } from './actions.js';
import { Controls } from './controls.js';
import { Notices } from './notices.js';
import { Profiles } from './profiles.js';
import { Runner } from './runner.js';
import { renderResults, type Shown } from './views/results.js';
import { count } from './views/format.js';

/** What `servetwin playground --scenario/--profile` puts in the page (index.html's #servetwin-start). */
interface StartData {
  scenario?: { name: string; text: string };
  profiles?: { name: string; text: string }[];
  /** A profile file to simulate with instead of the scenario's (`--profile`). */
  profile?: string;
}

/** One entry per result painted after an input: what `npm run bench -- playground` reads. */
interface Paint {
  job: number;
  inputAt: number;
  paintedAt: number;
  /** The simulation's own time in the worker. */
  wallMs: number;
}
declare global {
  interface Window {
    __servetwinPaints: Paint[];
  }
}
window.__servetwinPaints = [];

function $(selector: string): HTMLElement {
  const e = document.querySelector<HTMLElement>(selector);
  if (!e) throw new Error(`the page has no ${selector}`);
  return e;
}

const profiles = new Profiles();
const notices = new Notices($('#notices'));
const resultsRoot = $('#results');
const statusText = $('#status-text');
const progressBar = $('#progress-bar');
const controls = new Controls($('#controls'), {
  change: (patch, at) => apply({ ...settings, ...patch }, at),
  profile: (value, at) => {
    const choice = profiles.choiceOf(value);
    if (choice) apply({ ...settings, profile: choice }, at);
  },
  commit: () => runner.expedite(),
});
const runner = new Runner({
  progress: ({ id, partial }) => {
    if (id !== latestJob) return;
    const job = jobs.get(id);
    if (job) show({ kind: 'partial', scenario: job.scenario, partial });
    setStatus('running', `Simulating… ${Math.floor((100 * partial.simulated_s) / partial.duration_s)} % of the run (${count(partial.completed)} requests measured so far)`, partial.simulated_s / partial.duration_s);
  },
  done: ({ id, result, overTime, wallMs }) => {
    const job = jobs.get(id);
    if (!job) return;
    lastResult = result;
    const candidate = result.candidates[0]!;
    show({ kind: 'result', scenario: job.scenario, result: candidate, overTime });
    document.body.dataset.shownJob = String(id);
    notices.set('run', 'error', null);
    if (id === latestJob) setStatus('done', `Simulated ${count(candidate.requests.arrived)} measured requests (${count(job.scenario.duration_s)} s of traffic) in ${(wallMs / 1000).toFixed(2)} s, in this browser.`);
    const inputAt = job.inputAt;
    if (inputAt !== null) requestAnimationFrame(() => requestAnimationFrame(() => window.__servetwinPaints.push({ job: id, inputAt, paintedAt: performance.now(), wallMs })));
    for (const old of jobs.keys()) if (old < id) jobs.delete(old);
  },
  error: (id, message) => {
    notices.set('run', 'error', `The simulation stopped: ${message}. The figures below are from the previous run.`);
    if (id === latestJob || id === -1) setStatus('error', 'The last run failed (see above); change a setting to try again.');
  },
});

let settings: Settings = DEFAULT_SETTINGS;
let nextJob = 1;
/** The job of the settings on screen (0: none, they are invalid or wait for an answer). */
let latestJob = 0;
let lastResult: SimulationResult | null = null;
const jobs = new Map<number, { scenario: Scenario; inputAt: number | null }>();
let warmed = false;

let shown: Shown | null = null;

function show(next: Shown): void {
  shown = next;
  renderResults(resultsRoot, next);
}

// The charts are drawn at their width: again when the window changes it.
let resizing = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => shown && renderResults(resultsRoot, shown));
});

function setStatus(state: 'running' | 'done' | 'invalid' | 'error' | 'asking', text: string, progress: number | null = null): void {
  document.body.dataset.status = state;
  statusText.textContent = text;
  progressBar.parentElement!.hidden = progress === null;
  progressBar.style.width = `${Math.round((progress ?? 0) * 100)}%`;
}

/** Settings whose profile is here; one a link names but this reader lacks falls back, with a notice. */
function withAvailableProfile(s: Settings): Settings {
  if (profiles.has(s.profile)) return s;
  const fallback = { source: 'bundled', id: DEFAULT_PROFILE_ID } as const;
  const wanted = s.profile.source === 'file' ? `the profile ${s.profile.name}, which its author loaded from a file (links carry no profile files)` : `the bundled profile ${JSON.stringify(s.profile.source === 'bundled' ? s.profile.id : '')}, which this playground does not have`;
  notices.set('profile', 'info', `This configuration expects ${wanted}. Showing the bundled ${profiles.label(fallback)} instead: ${s.profile.source === 'file' ? `open ${s.profile.name} here (Open file…, or drop it on the page) to see their numbers.` : 'pick another profile.'}`);
  return { ...s, profile: fallback };
}

/** The settings last applied, as their link: a change that leaves them as they were runs nothing. */
let appliedKey: string | null = null;

/** Shows and runs `next`; `force` runs it even when it equals what is shown (a file reloaded under the same name). */
function apply(next: Settings, inputAt: number | null, force = false): void {
  const key = encodeSettings(next);
  // A slider moved less than one step of its lever (a log slider's position) changes nothing.
  if (key === appliedKey && !force) return;
  appliedKey = key;
  settings = next;
  profiles.remember(settings.profile);
  const checked = checkSettings(settings);
  controls.setProfiles(profiles.options());
  controls.render(settings, checked, profiles.valueOf(settings.profile), profiles.describe(settings.profile));
  history.replaceState(null, '', `#${key}`);
  notices.set('ask', 'info', null);
  if (checked.scenario === null) {
    latestJob = 0;
    setStatus('invalid', 'Fix the field marked in red to run again; the figures below are from the last valid settings.');
    return;
  }
  const job: Job = { id: nextJob++, scenario: checked.input, profile: profiles.resolve(settings.profile) };
  jobs.set(job.id, { scenario: checked.scenario, inputAt });
  latestJob = job.id;
  document.body.dataset.latestJob = String(job.id);
  const expected = expectedRequests(settings);
  if (expected > ASK_ABOVE_REQUESTS) ask(job, expected);
  else run(job, expected);
}

function run(job: Job, expected: number): void {
  runner.submit(job, expected);
  if (!warmed) {
    // Workers started later (to cancel a long run) first run a small job like this one.
    warmed = true;
    const rate = Math.max(1, settings.rate_rps);
    runner.setWarmJob({ id: -1, scenario: { ...job.scenario, duration_s: Math.min(20, Math.max(1, 20_000 / rate)), warmup_s: 0 }, profile: job.profile });
  }
  setStatus('running', 'Simulating…', expected > 1_000_000 ? 0 : null);
}

/** A run this large may take minutes: say so and let the reader decide. */
function ask(job: Job, expected: number): void {
  runner.cancel();
  setStatus('asking', 'Waiting for your go-ahead (above).');
  notices.set('ask', 'info', `This configuration would simulate about ${(expected / 1e6).toFixed(0)} million requests: that can take minutes in a browser (partial figures show as it goes). Run it?`);
  const box = document.querySelector<HTMLElement>('[data-notice="ask"]')!;
  const go = document.createElement('button');
  go.type = 'button';
  go.id = 'ask-run';
  go.textContent = 'Run it';
  go.addEventListener('click', () => {
    notices.set('ask', 'info', null);
    if (job.id === latestJob) run(job, expected);
  });
  box.querySelector('p')!.append(' ', go);
}

function openText(name: string, text: string): void {
  try {
    const opened = openFile(name, text);
    if (opened.kind === 'profile') {
      profiles.addFile(name, opened.profile);
      notices.set('profile', 'info', null);
      notices.set('file', 'info', `Loaded the profile ${name}. It stays on this page: a link you share names it, and whoever opens the link is asked to open the file too.`);
      apply({ ...settings, profile: { source: 'file', name } }, null, true);
    } else {
      notices.set('file', 'info', `Loaded ${name}${opened.notes.length > 0 ? `: ${opened.notes.join('; ')}` : ''}.`);
      apply(withAvailableProfile(opened.settings), null, true);
    }
  } catch (err) {
    notices.set('file', 'error', `Could not load ${name}: ${errorMessage(err)}`);
  }
}

/** Settings from the address, when it holds a link; false when it does not. */
function fromLink(): boolean {
  const decoded = decodeSettings(location.hash);
  if (decoded === null) return false;
  if (!decoded.ok) {
    notices.set('link', 'info', `About this link: ${decoded.reason}.`);
    return false;
  }
  notices.set('link', 'info', decoded.notes.length > 0 ? `About this link: ${decoded.notes.join('; ')}.` : null);
  apply(withAvailableProfile(decoded.settings), null);
  return true;
}

function startData(): StartData {
  const text = document.getElementById('servetwin-start')?.textContent ?? '';
  try {
    return (JSON.parse(text) as StartData | null) ?? {};
  } catch {
    return {};
  }
}

function main(): void {
  wireActions({
    settings: () => settings,
    result: () => lastResult,
    open: openText,
    reset: () => apply(DEFAULT_SETTINGS, null),
  });
  window.addEventListener('hashchange', () => fromLink());
  const start = startData();
  for (const p of start.profiles ?? []) {
    try {
      const opened = openFile(p.name, p.text);
      if (opened.kind === 'profile') profiles.addFile(p.name, opened.profile);
    } catch (err) {
      notices.set(`start-${p.name}`, 'error', `Could not load ${p.name}: ${errorMessage(err)}`);
    }
  }
  if (fromLink()) return;
  if (start.scenario) {
    openText(start.scenario.name, start.scenario.text);
    if (start.profile) apply({ ...settings, profile: { source: 'file', name: start.profile } }, null);
    return;
  }
  apply(start.profile ? { ...DEFAULT_SETTINGS, profile: { source: 'file', name: start.profile } } : DEFAULT_SETTINGS, null);
}

main();
