// A run of the figure as data (what out/fidelity/fidelity.json holds) and as the Markdown block
// that README.md carries: the preamble (where, when, how long, how loaded, the saturation figures),
// the one-line summary of targets met, the tables and the gaps. Pure, so a stored run can be
// rendered again without measuring (FIDELITY_RENDER_FROM).
import type { FidelitySettings } from './settings.js';
import type { ModeResult } from './run-mode.js';
import { figureBlock, signedPct, summaryLine } from './table.js';
import { KNEE_TARGET } from './targets.js';

export const BENCH_FIDELITY_SCHEMA_ID = 'servetwin.bench-fidelity/v1';

export interface FidelityRun {
  schema: typeof BENCH_FIDELITY_SCHEMA_ID;
  /** When it ran, ISO 8601. */
  date: string;
  /** CPU model and core count, in words. */
  machine: string;
  cores: number;
  load_average_at_start: number;
  settings: FidelitySettings;
  results: ModeResult[];
}

const rps = (x: number | null) => (x === null || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(0)}/s`);

export function figureOf(run: FidelityRun): string {
  const rows = run.results.flatMap((r) => r.rows);
  const others = rows.flatMap((r) => r.detail.repeats.runs.flatMap((x) => (x.host ? [x.host.other_cores] : [])));
  const meanOthers = others.length > 0 ? others.reduce((a, x) => a + x, 0) / others.length : Number.NaN;
  const saturations = run.results.map((r) => `${r.mode} ${rps(r.saturation['1'].rps)} (1 instance), ${rps(r.saturation['2'].rps)} (2 instances)`).join('; ');
  const noisy =
    meanOthers > 0.25 || run.load_average_at_start > run.cores
      ? ` **The machine was shared while this ran** (load average ${run.load_average_at_start.toFixed(1)} at the start; other processes kept ${meanOthers.toFixed(2)} of its ${run.cores} cores busy on average during the replays): the figures carry that noise.`
      : '';
  const s = run.settings;
  const preamble =
    `Measured by \`npm run bench -- fidelity\` on ${run.machine}, ${run.date.slice(0, 10)}: ${s.repeats} replays of ${s.durationS} s per scenario and mode (seeds matched with the prediction), ` +
    `the bundled ppocr-cls, one candidate of 1 or 2 instances (batch ≤ 8, 2 ms window, queue 256), p99 SLO 50 ms. Busy = offered rate over the candidate's measured saturation throughput in that mode: ${saturations}. ` +
    `Pinned: engine on core 1, generator on core 0; unpinned: both on every core, the generator's CPU in the prediction. Latencies in ms, mean over the replays ± the 95 % half-width; error = (measured − predicted) / predicted, paired by seed, with its 95 % interval; "?" marks a verdict whose interval crosses the bound.${noisy}`;
  const gaps = rows.filter((r) => r.gapNote).map((r) => `${r.scenario} · ${r.mode} (p50 ${signedPct(r.p50.error.mean)}, p99 ${signedPct(r.p99.error.mean)}): ${r.gapNote}`);
  const knees = run.results.flatMap((r) => (r.knee ? [r.knee] : []));
  return figureBlock({ preamble, summary: summaryLine(rows, knees), rows, knees, kneeBound: KNEE_TARGET, gaps });
}
