// `npm run bench -- fidelity`: the figure of issue #8 item 5 — does the twin predict the live
// engine's p50, p99 and knee? For each mode (pinned: engine on core 1, generator on core 0;
// unpinned: the default a user runs first) it calibrates the bundled model as a user would
// (`calibrate --serving-overhead`, bench/fidelity/calibrate-profile.ts), measures the served
// candidate's saturation throughput, replays six scenarios at shares of it (light, ~50, ~70 and
// ~85 % busy, two instances, bursty MMPP; bench/fidelity/scenarios.ts) N times each beside the
// prediction on the same seeds, and finds the knee on a ≤ 2 % rate grid, predicted and measured
// (bench/fidelity/run-mode.ts). It prints every row's statistics, breakdown and verdicts, then the
// Markdown table; FIDELITY_WRITE_README=1 puts it in README.md, FIDELITY_RENDER_FROM=FILE renders a
// stored run (out/fidelity/fidelity.json) again without measuring. Knobs: bench/fidelity/settings.ts.
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
import { replaceBetweenMarkers } from './fidelity/table.js';
import { BENCH_FIDELITY_SCHEMA_ID, figureOf, type FidelityRun } from './fidelity/figure.js';
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
    if (settings.renderFrom) {
      // A stored run, rendered again (after a change to the table, say) without measuring.
      publish(JSON.parse(readFileSync(settings.renderFrom, 'utf8')) as FidelityRun, settings.writeReadme);
      return;
    }
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

    const run: FidelityRun = { schema: BENCH_FIDELITY_SCHEMA_ID, date: new Date().toISOString(), machine, cores: cpus().length, load_average_at_start: loadAtStart, settings, results };
    writeFileSync(path.join(dir, 'fidelity.json'), `${JSON.stringify(run, null, 2)}\n`);
    for (const n of results.flatMap((r) => r.notes)) out(`note: ${n}`);
    publish(run, settings.writeReadme);
    out(`\neverything above, with every replay's report: ${path.join(dir, 'fidelity.json')}`);
  },
};

/** Prints the figure and, when asked, writes it into README.md between its markers. */
function publish(run: FidelityRun, writeReadme: boolean): void {
  const block = figureOf(run);
  out(`\n== the figure\n\n${block}`);
  if (writeReadme) {
    const readme = path.resolve('README.md');
    writeFileSync(readme, replaceBetweenMarkers(readFileSync(readme, 'utf8'), block));
    out(`README.md's fidelity table replaced`);
  }
}

export default bench;
