// The page's entry (bundled by bundle.mjs into playground.js, a classic script, so it also runs
// from file://). It owns the settings (sides.ts: one configuration, or an A/B pair and the side
// being edited): every change is checked by the scenario schema, written to the address
// (url-format.ts) and, when valid, the runs it needs that the cache has no answer for go to the
// worker (runner.ts). Results, figures so far, a knee search's levels and errors come back to the
// views (results, the comparison, the explain view). It opens files (dropped or picked, through
// actions.ts), presets, and what `servetwin playground` put in the page.
import { errorMessage } from '../../common/errors.js';
import type { SimulationResult } from '../../config/result.js';
import { openFile } from '../open-file.js';
import { ASK_ABOVE_REQUESTS, DEFAULT_SETTINGS, expectedRequests, type Settings } from '../settings.js';
import type { Job, KneeOutcome, Probe } from '../worker/messages.js';
import { wireActions } from './actions.js';
import { Opening } from './opening.js';
import { Controls } from './controls.js';
import { Notices } from './notices.js';
import { Profiles } from './profiles.js';
import { Runner } from './runner.js';
import { RunCache } from './run-cache.js';
import { Sides, type PlannedRun } from './sides.js';
import { ViewBar } from './view-bar.js';
import { renderResults, type Shown } from './views/results.js';
import { drawAnswers } from './draw.js';
import { count } from './views/format.js';

/** One entry per result painted after an input: what `npm run bench -- playground` reads. */
interface Paint {
  job: number;
  inputAt: number;
  paintedAt: number;
  /** The simulation's own time in the worker (0: answered from the cache). */
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
const sides = new Sides(profiles);
let view: 'results' | 'explain' = 'results';

const edited = (): Settings => sides.edited();
const checkedOf = (s: Settings) => sides.checkedOf(s);

const controls = new Controls($('#controls'), {
  change: (patch, at) => apply({ ...edited(), ...patch }, at),
  profile: (value, at) => {
    const choice = profiles.choiceOf(value);
    if (choice) apply({ ...edited(), profile: choice }, at);
  },
  commit: () => runner.expedite(),
});

const viewBar = new ViewBar($('#view-bar'), {
  compare: (on, at) => {
    sides.b = on ? { ...sides.a } : null;
    sides.editing = on ? 'b' : 'a';
    update(at);
  },
  edit: (lane, at) => {
    sides.editing = lane;
    update(at);
  },
  copy: (at) => {
    if (sides.b) sides.set(sides.other(), { ...edited() });
    update(at);
  },
  view: (next, at) => {
    view = next;
    viewBar.render(sides.b !== null, sides.editing, view);
    // Same settings, another view: the answers on their way still count.
    const id = nextJob++;
    latestJob = id;
    onScreen.add(id);
    latestInputAt = at;
    document.body.dataset.latestJob = String(id);
    if (paint()) answered(0);
  },
});

const jobs = new Map<number, { runs: PlannedRun[] }>();
let nextJob = 1;
/** The job of the settings on screen (0: none, they are invalid or wait for an answer). */
let latestJob = 0;
/** Jobs whose answers are for the settings on screen (a view switched since keeps them). */
let onScreen = new Set<number>();
/** When the input that asked for the latest job came (null once answered). */
let latestInputAt: number | null = null;

/** Knee searches by the run they searched (its cache key): the levels tried so far, and the outcome once it ends. */
const knees = new Map<string, { probes: Probe[]; outcome: KneeOutcome | null }>();
const kneeJobs = new Map<number, string>();

/** Searches the load the edited side takes, as `servetwin capacity` does (explain view's button). */
function findKnee(): void {
  const s = edited();
  const checked = checkedOf(s);
  if (!checked.scenario) return;
  const key = RunCache.key(checked.input, s.seed);
  const id = nextJob++;
  kneeJobs.set(id, key);
  knees.set(key, { probes: [], outcome: null });
  runner.submit({ id, runs: [{ scenario: checked.input, profile: profiles.resolve(s.profile), watch: false }], knee: true }, Number.POSITIVE_INFINITY);
  paint();
}

const runner = new Runner({
  knee: (message) => {
    const key = kneeJobs.get(message.id);
    const k = key === undefined ? undefined : knees.get(key);
    if (!k) return;
    if (message.type === 'probe') k.probes.push(message.probe);
    else k.outcome = message.outcome;
    if (view === 'explain') paint();
  },
  progress: ({ id, partial }) => {
    if (!onScreen.has(id) || sides.b !== null || view !== 'results') return;
    const scenario = checkedOf(edited()).scenario;
    if (scenario) showSingle({ kind: 'partial', scenario, partial });
    setStatus('running', `Simulating… ${Math.floor((100 * partial.simulated_s) / partial.duration_s)} % of the run (${count(partial.completed)} requests measured so far)`, partial.simulated_s / partial.duration_s);
  },
  result: ({ id, index, result, watched, wallMs }) => {
    const job = jobs.get(id);
    const run = job?.runs[index];
    if (!job || !run) return;
    sides.cache.set(run.key, { result, watched });
    if (onScreen.has(id) && paint(!run.main)) {
      setStatus('done', doneText(result, wallMs));
      answered(wallMs);
    }
    for (const old of jobs.keys()) if (old < id) jobs.delete(old);
  },
  error: (id, message) => {
    notices.set('run', 'error', `The simulation stopped: ${message}. The figures below are from the previous run.`);
    if (onScreen.has(id) || id === -1) setStatus('error', 'The last run failed (see above); change a setting to try again.');
  },
});

function setStatus(state: 'running' | 'done' | 'invalid' | 'error' | 'asking', text: string, progress: number | null = null): void {
  document.body.dataset.status = state;
  statusText.textContent = text;
  progressBar.parentElement!.hidden = progress === null;
  progressBar.style.width = `${Math.round((progress ?? 0) * 100)}%`;
}

function doneText(result: SimulationResult, wallMs: number): string {
  const c = result.candidates[0]!;
  return `Simulated ${count(c.requests.arrived)} measured requests (${count(result.scenario.duration_s)} s of traffic)${wallMs > 0 ? ` in ${(wallMs / 1000).toFixed(2)} s` : ''}, in this browser.`;
}

/** The page shows the answer to the latest job: say so, and time it from its input for the benchmark (once). */
function answered(wallMs: number): void {
  const id = latestJob;
  const inputAt = latestInputAt;
  latestInputAt = null;
  document.body.dataset.shownJob = String(id);
  notices.set('run', 'error', null);
  if (inputAt !== null) requestAnimationFrame(() => requestAnimationFrame(() => window.__servetwinPaints.push({ job: id, inputAt, paintedAt: performance.now(), wallMs })));
}

/** The single configuration's figures last drawn (a run's so far, or its answer): redrawn at a new width. */
let shownSingle: Shown | null = null;
function showSingle(next: Shown): void {
  shownSingle = next;
  renderResults(resultsRoot, next);
}

/** Draws what the cache holds for the settings on screen (draw.ts); true when the answers it needs are there. */
function paint(spreadOnly = false): boolean {
  const checked = checkedOf(edited());
  const knee = checked.scenario ? (knees.get(RunCache.key(checked.input, edited().seed)) ?? null) : null;
  const drawn = drawAnswers(resultsRoot, { sides, view, knee, findKnee, spreadOnly });
  if (drawn === null) return false;
  if (drawn !== 'drawn') shownSingle = drawn;
  return true;
}

// The charts are drawn at their width: again when the window changes it.
let resizing = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => (shownSingle && sides.b === null && view === 'results' ? renderResults(resultsRoot, shownSingle) : paint()));
});

/** The settings last applied, as their link: a change that leaves them as they were runs nothing. */
let appliedKey: string | null = null;

/** Shows and runs `next` as the edited side; `force` runs it even when it equals what is shown (a file reloaded under the same name). */
function apply(next: Settings, inputAt: number | null, force = false): void {
  sides.set(sides.editing, next);
  if (force) appliedKey = null;
  update(inputAt);
}

/** Shows the settings on screen and runs what they need that the cache has no answer for. */
function update(inputAt: number | null): void {
  const key = sides.link();
  // A slider moved less than one step of its lever (a log slider's position) changes nothing.
  if (key === appliedKey) return;
  appliedKey = key;
  const settings = edited();
  profiles.remember(settings.profile);
  const checked = checkedOf(settings);
  controls.setProfiles(profiles.options());
  controls.render(settings, checked, profiles.valueOf(settings.profile), profiles.describe(settings.profile));
  viewBar.render(sides.b !== null, sides.editing, view);
  history.replaceState(null, '', `#${key}`);
  notices.set('ask', 'info', null);
  if (checked.scenario === null) {
    latestJob = 0;
    onScreen = new Set();
    runner.cancel();
    setStatus('invalid', 'Fix the field marked in red to run again; the figures below are from the last valid settings.');
    return;
  }
  const runs = sides.plannedRuns();
  if (runs === null) {
    latestJob = 0;
    onScreen = new Set();
    setStatus('invalid', `Side ${sides.other().toUpperCase()} has a field the schema rejects: edit it to compare.`);
    return;
  }
  const id = nextJob++;
  latestJob = id;
  onScreen = new Set([id]);
  latestInputAt = inputAt;
  document.body.dataset.latestJob = String(id);
  if (runs.length === 0) {
    // Every answer is at hand (a side moved back, or the other side edited).
    runner.cancel();
    paint();
    setStatus('done', 'Answered from runs already made in this page (same settings, same seeds, same numbers).');
    answered(0);
    return;
  }
  jobs.set(id, { runs });
  // Only the spread is missing: the answers on screen are at hand now.
  const answeredNow = !runs.some((r) => r.main) && paint();
  if (answeredNow) answered(0);
  const job: Job = { id, runs: runs.map(({ scenario, profile, seed, watch }) => ({ scenario, profile, seed, watch })) };
  const expected = expectedRequests(settings);
  if (expected > ASK_ABOVE_REQUESTS) ask(job, expected);
  else run(job, expected);
  if (answeredNow) setStatus('done', 'Answered from runs already made in this page; the spread over seeds is running.');
}

let warmed = false;
function run(job: Job, expected: number): void {
  runner.submit(job, expected);
  if (!warmed) {
    // Workers started later (to cancel a long run) first run a small job like this one.
    warmed = true;
    const first = job.runs[0]!;
    const rate = Math.max(1, edited().rate_rps);
    runner.setWarmJob({ id: -1, runs: [{ ...first, scenario: { ...first.scenario, duration_s: Math.min(20, Math.max(1, 20_000 / rate)), warmup_s: 0 }, watch: true }] });
  }
  setStatus('running', 'Simulating…', expected > 1_000_000 && sides.b === null ? 0 : null);
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

const opening = new Opening({ sides, profiles, notices, apply, update, profileLoaded: () => sides.cache.clear() });

function main(): void {
  wireActions({
    settings: () => edited(),
    result: () => sides.answerOf(sides.editing, edited().seed, false)?.result ?? null,
    open: (name, text) => opening.openText(name, text),
    preset: (p) => opening.openPreset(p),
    reset: () => {
      sides.b = null;
      sides.editing = 'a';
      apply(DEFAULT_SETTINGS, null);
    },
  });
  window.addEventListener('hashchange', () => {
    if (location.hash.replace(/^#/, '') !== appliedKey) opening.fromLink();
  });
  const start = opening.startData();
  for (const p of start.profiles ?? []) {
    try {
      const opened = openFile(p.name, p.text);
      if (opened.kind === 'profile') profiles.addFile(p.name, opened.profile);
    } catch (err) {
      notices.set(`start-${p.name}`, 'error', `Could not load ${p.name}: ${errorMessage(err)}`);
    }
  }
  if (opening.fromLink()) return;
  if (start.scenario) {
    opening.openText(start.scenario.name, start.scenario.text);
    if (start.profile) apply({ ...edited(), profile: { source: 'file', name: start.profile } }, null);
    return;
  }
  apply(start.profile ? { ...DEFAULT_SETTINGS, profile: { source: 'file', name: start.profile } } : DEFAULT_SETTINGS, null);
}

main();
