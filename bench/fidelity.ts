// `npm run bench -- fidelity`: the figure of issue #8 item 5 — does the twin predict the live
// engine's p50, p99 and knee? For each mode (pinned: engine on core 1, generator on core 0;
// unpinned: the default a user runs first) it calibrates the bundled model as a user would
// (`calibrate --serving-overhead`, bench/fidelity/calibrate-profile.ts), measures the served
// candidate's saturation throughput, replays six scenarios at shares of it (light, ~50, ~70 and
// ~85 % busy, two instances, bursty MMPP; bench/fidelity/scenarios.ts) N times each beside the
// prediction on the same seeds, and finds the knee on a ≤ 2 % rate grid, predicted and measured
// (bench/fidelity/run-mode.ts). It prints every row's statistics, breakdown and verdicts, then the
// Markdown table; FIDELITY_WRITE_README=1 puts it in README.md. Knobs: bench/fidelity/settings.ts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { Benchmark } from './benchmark.js';
import { describeOverhead } from '../replay/overhead.js';
import { fidelitySettings } from './fidelity/settings.js';
import { fidelityModes } from './fidelity/modes.js';
import { calibrateInto } from './fidelity/calibrate-profile.js';
import { waitForQuiet } from './fidelity/quiet.js';
import { runMode, type ModeResult } from './fidelity/run-mode.js';
import { figureBlock, replaceBetweenMarkers, signedPct } from './fidelity/table.js';
import { KNEE_TARGET } from './fidelity/targets.js';
import { out } from './fidelity/print.js';
import type { Profile } from '../config/profile.js';

function describeProfile(p: Profile): string {
  if (p.kind !== 'measured') return `${p.kind} profile`;
  const batches = p.batches.map((b) => `${b.batch_size}: ${b.p50_ms.toFixed(2)}`).join(', ');
  const extra = p as { contention?: unknown; http_path?: unknown; host: { cpus?: number } };
  const has = [extra.contention ? 'a contention curve' : null, extra.http_path ? 'the HTTP path’s CPU' : null].filter(Boolean);
  return `forward pass p50 ms by batch size ${batches}; host cpus ${extra.host.cpus ?? 'not recorded'}${has.length ? `; with ${has.join(' and ')}` : ''}\n  engine overhead: ${p.serving_overhead ? describeOverhead(p.serving_overhead) : 'none'}`;
}

const bench: Benchmark = {
  name: 'fidelity',
  description: 'calibrate, measure the candidate’s saturation, replay six scenarios at shares of it against the live engine (pinned and unpinned) and find the knee, beside the prediction',
  async run() {
    const settings = fidelitySettings();
    const dir = path.resolve(settings.outDir);
    mkdirSync(dir, { recursive: true });
    const { modes: available, skipped } = fidelityModes();
    const modes = available.filter((m) => settings.modes.includes(m.name));
    for (const s of skipped) out(`skipped ${s}`);
    const loadAtStart = loadavg()[0]!;
    const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores`;
    out(`${machine}; load average ${loadAtStart.toFixed(2)} at the start; ${settings.repeats} replays of ${settings.durationS} s (${settings.warmupS} s warm-up) per scenario and mode; files in ${dir}`);

    // Calibrate while this process still has every core, so calibrate's own flags can pin it.
    const profiles = new Map<string, { file: string; profile: Profile }>();
    for (const mode of modes) {
      out(`\n-- ${mode.name}: calibration`);
      const file = `${mode.name}.profile.json`;
      const profile = await calibrateInto(path.join(dir, file), { flags: mode.flags, overheadDurationS: settings.calibrationS, log: (l) => out(`  ${l}`) });
      profiles.set(mode.name, { file, profile });
      out(`  ${describeProfile(profile)}`);
    }

    const results: ModeResult[] = [];
    for (const mode of modes) {
      const { file, profile } = profiles.get(mode.name)!;
      const place = { dir, profileFile: file, durationS: settings.durationS, warmupS: settings.warmupS };
      const ctx = { mode, before: () => waitForQuiet(settings.waitQuietS), log: (l: string) => out(`  ${l}`) };
      results.push(await runMode(ctx, profile, place, settings.repeats, settings.kneeProbes));
    }
    modes.find((m) => m.name === 'unpinned')?.enter();

    const rows = results.flatMap((r) => r.rows);
    const allRuns = rows.flatMap((r) => r.detail.repeats.runs);
    const others = allRuns.flatMap((r) => (r.host ? [r.host.other_cores] : []));
    const meanOthers = others.length > 0 ? others.reduce((a, x) => a + x, 0) / others.length : Number.NaN;
    const saturations = results.map((r) => `${r.mode} ${r.saturation['1'].rps.toFixed(0)}/s (1 instance), ${r.saturation['2'].rps.toFixed(0)}/s (2 instances)`).join('; ');
    const noisy = meanOthers > 0.25 || loadAtStart > cpus().length ? ` **The machine was shared while this ran** (other processes kept ${meanOthers.toFixed(2)} cores busy on average during the replays): the figures carry that noise.` : '';
    const preamble =
      `Measured by \`npm run bench -- fidelity\` on ${machine}, ${new Date().toISOString().slice(0, 10)}: ${settings.repeats} replays of ${settings.durationS} s per scenario and mode (seeds matched with the prediction), ` +
      `the bundled ppocr-cls, one candidate of 1 or 2 instances (batch ≤ 8, 2 ms window, queue 256), p99 SLO 50 ms. Busy = offered rate over the candidate's measured saturation throughput in that mode: ${saturations}. ` +
      `Pinned: engine on core 1, generator on core 0; unpinned: both on every core, the generator's CPU in the prediction. Latencies in ms, mean over the replays ± the 95 % half-width; error = (measured − predicted) / predicted, paired by seed, with its 95 % interval; "?" marks a verdict whose interval crosses the bound.${noisy}`;
    const gaps = rows.filter((r) => r.gapNote).map((r) => `${r.scenario} · ${r.mode} (p50 ${signedPct(r.p50.error.mean)}, p99 ${signedPct(r.p99.error.mean)}): ${r.gapNote}`);
    const knees = results.flatMap((r) => (r.knee ? [r.knee] : []));
    const block = figureBlock({ preamble, rows, knees, kneeBound: KNEE_TARGET, gaps });
    out(`\n== the figure\n\n${block}`);
    for (const n of results.flatMap((r) => r.notes)) out(`note: ${n}`);

    writeFileSync(path.join(dir, 'fidelity.json'), `${JSON.stringify({ schema: 'servetwin.bench-fidelity/v1', settings, machine, load_average_at_start: loadAtStart, results }, null, 2)}\n`);
    out(`\neverything above, with every replay's report: ${path.join(dir, 'fidelity.json')}`);
    if (settings.writeReadme) {
      const readme = path.resolve('README.md');
      writeFileSync(readme, replaceBetweenMarkers(readFileSync(readme, 'utf8'), block));
      out(`README.md's fidelity table replaced`);
    }
  },
};

export default bench;
