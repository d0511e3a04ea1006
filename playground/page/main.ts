// The page's entry (bundled by bundle.mjs into playground.js, a classic script, so it also runs
// from file://). It owns the settings — one configuration, or an A/B pair and the side being
// edited: every change is checked by the scenario schema (check-settings.ts), written to the
// address (url-format.ts) and, when valid, the runs it needs that run-cache.ts has no answer for go
// to the worker (runner.ts): the edited side watched, and with a pair the other side and both on
// the spread's seeds. Results, figures so far and errors come back to the views (results, the
// comparison, the explain view). It opens files (dropped or picked, through actions.ts), presets,
// and what `servetwin playground` put in the page.
import { errorMessage } from '../../common/errors.js';
import type { Scenario } from '../../config/scenario.js';
import type { SimulationResult } from '../../config/result.js';
import { checkSettings, type Checked } from '../check-settings.js';
import { differences, SPREAD_SEEDS, trafficDiffers } from '../compare-figures.js';
import { openFile } from '../open-file.js';
import { ASK_ABOVE_REQUESTS, DEFAULT_PROFILE_ID, DEFAULT_SETTINGS, expectedRequests, type Settings } from '../settings.js';
import { decodeSettings, encodeSettings } from '../url-format.js';
import type { Job, KneeOutcome, Probe, Run } from '../worker/messages.js';
import type { Preset } from '../bundled.js';
import { wireActions } from './actions.js';
import { Controls } from './controls.js';
import { Notices } from './notices.js';
import { Profiles } from './profiles.js';
import { Runner } from './runner.js';
import { RunCache, type Answer } from './run-cache.js';
import { ViewBar, changedLevers, type Lane } from './view-bar.js';
import { renderResults, type Shown } from './views/results.js';
import { renderComparison, updateDifferences } from './views/comparison.js';
import { renderExplanation } from './views/explain-panel.js';
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
  /** The simulation's own time in the worker (0: answered from the cache). */
  wallMs: number;
}
declare global {
  interface Window {
    __servetwinPaints: Paint[];
  }
}
window.__servetwinPaints = [];

/** The spread over seeds is not run past this many requests a run (it would take longer than the answer it qualifies). */
const SPREAD_AT_MOST_REQUESTS = 2_000_000;

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
const cache = new RunCache();

/** The configuration (A), B when comparing, and the side the controls edit. */
const sides: Record<Lane, Settings | null> = { a: DEFAULT_SETTINGS, b: null };
let editing: Lane = 'a';
let view: 'results' | 'explain' = 'results';

const edited = (): Settings => sides[editing]!;

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
    sides.b = on ? { ...sides.a! } : null;
    editing = on ? 'b' : 'a';
    update(at);
  },
  edit: (lane, at) => {
    editing = lane;
    update(at);
  },
  copy: (at) => {
    if (sides.b) sides[editing === 'a' ? 'b' : 'a'] = { ...edited() };
    update(at);
  },
  view: (next, at) => {
    view = next;
    viewBar.render(sides.b !== null, editing, view);
    // Same settings, another view: the answers on their way still count.
    const id = nextJob++;
    latestJob = id;
    onScreen.add(id);
    latestInputAt = at;
    document.body.dataset.latestJob = String(id);
    if (paint()) answered(0);
  },
});

/** Each job's runs: which side, which seed, under which cache key. */
interface PlannedRun extends Run {
  lane: Lane;
  key: string;
  main: boolean;
}
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
    cache.set(run.key, { result, watched });
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

/** Settings checked once per distinct link of them. */
const checkedCache = new Map<string, Checked>();
function checkedOf(s: Settings): Checked {
  const key = encodeSettings(s);
  let c = checkedCache.get(key);
  if (!c) {
    if (checkedCache.size > 64) checkedCache.clear();
    c = checkSettings(s);
    checkedCache.set(key, c);
  }
  return c;
}

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

/** The seeds a side runs on: its own, then the spread's. */
function seedsOf(s: Settings): number[] {
  return Array.from({ length: 1 + SPREAD_SEEDS }, (_, i) => s.seed + i);
}

function spreadSkipped(): string | null {
  const big = (['a', 'b'] as const).some((l) => sides[l] && expectedRequests(sides[l]) > SPREAD_AT_MOST_REQUESTS);
  return big ? `The spread over seeds is not run for runs of more than ${SPREAD_AT_MOST_REQUESTS / 1e6} million requests: every difference is shown unjudged.` : null;
}

/** The answer of a side on a seed, from the cache. */
function answerOf(lane: Lane, seed: number, watched: boolean): Answer | null {
  const s = sides[lane];
  const checked = s && checkedOf(s);
  return checked?.scenario ? cache.get(RunCache.key(checked.input, seed), watched) : null;
}

let shownSingle: Shown | null = null;
function showSingle(next: Shown): void {
  shownSingle = next;
  renderResults(resultsRoot, next);
}

/**
 * Draws what the cache holds for the settings on screen; true when the edited side's answer (and
 * with a pair, the other's) is there. `spreadOnly`: only a seed of the spread came in, so an A/B
 * view already drawn updates its table alone.
 */
function paint(spreadOnly = false): boolean {
  const main = answerOf(editing, edited().seed, true);
  const mainScenario = checkedOf(edited()).scenario;
  if (!main || !mainScenario) return false;
  const shownOf = (a: Answer, scenario: Scenario): Shown & { kind: 'result' } => ({ kind: 'result', scenario, result: a.result.candidates[0]!, watched: a.watched! });
  if (view === 'explain') {
    const kneeKey = RunCache.key(checkedOf(edited()).input, edited().seed);
    renderExplanation(resultsRoot, { scenario: mainScenario, input: checkedOf(edited()).input, profile: profiles.resolve(edited().profile), result: main.result, knee: knees.get(kneeKey) ?? null, findKnee });
    return true;
  }
  if (sides.b === null) {
    showSingle(shownOf(main, mainScenario));
    return true;
  }
  const other: Lane = editing === 'a' ? 'b' : 'a';
  const otherAnswer = answerOf(other, sides[other]!.seed, true);
  const otherScenario = checkedOf(sides[other]!).scenario;
  if (!otherAnswer || !otherScenario) return false;
  const byLane = { [editing]: { answer: main, scenario: mainScenario }, [other]: { answer: otherAnswer, scenario: otherScenario } } as Record<Lane, { answer: Answer; scenario: Scenario }>;
  const skipped = spreadSkipped();
  const resultsOf = (lane: Lane) =>
    (skipped ? [sides[lane]!.seed] : seedsOf(sides[lane]!))
      .map((seed) => answerOf(lane, seed, false)?.result.candidates[0])
      .filter((r) => r !== undefined);
  const a = { scenario: byLane.a.scenario, results: resultsOf('a') };
  const b = { scenario: byLane.b.scenario, results: resultsOf('b') };
  const done = Math.min(a.results.length, b.results.length);
  document.body.dataset.spread = skipped || done >= 1 + SPREAD_SEEDS ? 'done' : 'pending';
  const comparison = {
    a: shownOf(byLane.a.answer, byLane.a.scenario),
    b: shownOf(byLane.b.answer, byLane.b.scenario),
    differences: differences(a, b, skipped ? 1 : 1 + SPREAD_SEEDS),
    changes: changedLevers(sides.a!, sides.b),
    notLike: trafficDiffers(a.scenario, b.scenario),
    editing,
    seeds: { wanted: 1 + SPREAD_SEEDS, done, skipped },
  };
  if (!(spreadOnly && updateDifferences(resultsRoot, comparison))) renderComparison(resultsRoot, comparison);
  return true;
}

// The charts are drawn at their width: again when the window changes it.
let resizing = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => (shownSingle && sides.b === null && view === 'results' ? renderResults(resultsRoot, shownSingle) : paint()));
});

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

function linkOf(): string {
  return encodeSettings(sides.a!, sides.b ? { b: sides.b, editing } : null);
}

/** Shows and runs `next` as the edited side; `force` runs it even when it equals what is shown (a file reloaded under the same name). */
function apply(next: Settings, inputAt: number | null, force = false): void {
  sides[editing] = next;
  if (force) appliedKey = null;
  update(inputAt);
}

/** Shows the settings on screen and runs what they need that the cache has no answer for. */
function update(inputAt: number | null): void {
  const key = linkOf();
  // A slider moved less than one step of its lever (a log slider's position) changes nothing.
  if (key === appliedKey) return;
  appliedKey = key;
  const settings = edited();
  profiles.remember(settings.profile);
  const checked = checkedOf(settings);
  controls.setProfiles(profiles.options());
  controls.render(settings, checked, profiles.valueOf(settings.profile), profiles.describe(settings.profile));
  viewBar.render(sides.b !== null, editing, view);
  history.replaceState(null, '', `#${key}`);
  notices.set('ask', 'info', null);
  if (checked.scenario === null) {
    latestJob = 0;
    onScreen = new Set();
    runner.cancel();
    setStatus('invalid', 'Fix the field marked in red to run again; the figures below are from the last valid settings.');
    return;
  }
  const runs = plannedRuns();
  if (runs === null) {
    latestJob = 0;
    onScreen = new Set();
    setStatus('invalid', `Side ${editing === 'a' ? 'B' : 'A'} has a field the schema rejects: edit it to compare.`);
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

/** The runs the settings on screen need that the cache cannot answer, the edited side's first; null when a side is invalid. */
function plannedRuns(): PlannedRun[] | null {
  const lanes: Lane[] = sides.b ? [editing, editing === 'a' ? 'b' : 'a'] : ['a'];
  const out: PlannedRun[] = [];
  const spread = sides.b !== null && spreadSkipped() === null;
  for (const main of [true, false]) {
    for (const lane of lanes) {
      const s = sides[lane]!;
      const checked = checkedOf(s);
      if (!checked.scenario) return null;
      for (const seed of main ? [s.seed] : spread ? seedsOf(s).slice(1) : []) {
        const key = RunCache.key(checked.input, seed);
        if (cache.get(key, main)) continue;
        out.push({ lane, key, main, scenario: checked.input, profile: profiles.resolve(s.profile), watch: main, ...(seed !== s.seed ? { seed } : {}) });
      }
    }
  }
  return out;
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

function openText(name: string, text: string): void {
  try {
    const opened = openFile(name, text);
    if (opened.kind === 'profile') {
      profiles.addFile(name, opened.profile);
      cache.clear();
      notices.set('profile', 'info', null);
      notices.set('file', 'info', `Loaded the profile ${name}. It stays on this page: a link you share names it, and whoever opens the link is asked to open the file too.`);
      apply({ ...edited(), profile: { source: 'file', name } }, null, true);
    } else {
      notices.set('file', 'info', `Loaded ${name}${opened.notes.length > 0 ? `: ${opened.notes.join('; ')}` : ''}.`);
      apply(withAvailableProfile(opened.settings), null, true);
    }
  } catch (err) {
    notices.set('file', 'error', `Could not load ${name}: ${errorMessage(err)}`);
  }
}

/** A preset: its candidate as A — and with a second one to compare, that as B, edited. */
function openPreset(p: Preset): void {
  try {
    const a = openFile(p.file, p.text, p.candidate);
    const b = p.compare ? openFile(p.file, p.text, p.compare) : null;
    if (a.kind !== 'scenario' || (b && b.kind !== 'scenario')) return;
    sides.a = withAvailableProfile(a.settings);
    sides.b = b && b.kind === 'scenario' ? withAvailableProfile(b.settings) : null;
    editing = sides.b ? 'b' : 'a';
    notices.set('file', 'info', `${p.title} (${p.file}). What to look for:\n${p.look}${a.notes.length > 0 ? `\nAs loaded: ${a.notes.join('; ')}.` : ''}`);
    update(null);
  } catch (err) {
    notices.set('file', 'error', `Could not load ${p.file}: ${errorMessage(err)}`);
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
  sides.a = withAvailableProfile(decoded.settings);
  sides.b = decoded.pair ? withAvailableProfile(decoded.pair.b) : null;
  editing = decoded.pair?.editing ?? 'a';
  update(null);
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
    settings: () => edited(),
    result: () => answerOf(editing, edited().seed, false)?.result ?? null,
    open: openText,
    preset: openPreset,
    reset: () => {
      sides.b = null;
      editing = 'a';
      apply(DEFAULT_SETTINGS, null);
    },
  });
  window.addEventListener('hashchange', () => {
    if (location.hash.replace(/^#/, '') !== appliedKey) fromLink();
  });
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
    if (start.profile) apply({ ...edited(), profile: { source: 'file', name: start.profile } }, null);
    return;
  }
  apply(start.profile ? { ...DEFAULT_SETTINGS, profile: { source: 'file', name: start.profile } } : DEFAULT_SETTINGS, null);
}

main();
