// `replay --repeat N`: is an error real, or within what the replay itself would scatter? Each of the
// N replays is independent (a fresh engine, its own seed: seed, seed+1, …), so the N values of a
// measured percentile are independent draws and a Student-t interval on them is valid
// (common/confidence-interval.ts) — unlike a bootstrap over one replay's requests, whose latencies
// are strongly autocorrelated. The prediction is made with the same seeds (matched), so the error
// is taken per seed (measured − predicted, paired) and gets its own interval; the prediction's own
// spread over those seeds is shown beside. Pure: called by cli/commands/replay.ts, which writes
// the runs and their statistics as servetwin.fidelity-repeats/v1.
import { interval95, type Interval95 } from '../common/confidence-interval.js';
import { describePlacement, type FidelityReport } from './fidelity.js';

export const FIDELITY_REPEATS_SCHEMA_ID = 'servetwin.fidelity-repeats/v1';

export const REPEAT_FIGURES = ['p50', 'p90', 'p99'] as const;
export type RepeatFigure = (typeof REPEAT_FIGURES)[number];
type Percentiles = Record<RepeatFigure, number>;

/** An interval is tight enough to call an error "within the noise" when its half-width is at most this share of the mean. */
export const TIGHT_HALF_WIDTH = 0.05;

export type Verdict = 'exceeds the noise' | 'within the noise' | 'noise too wide to judge';

export interface RepeatRun {
  seed: number;
  measured: Percentiles;
  predicted: Percentiles;
  /** False when the generator fell behind its schedule (the run still counts; the summary says so). */
  valid_for_fidelity: boolean;
}

export interface FigureStatistics {
  /** The measured percentile over the repeats, ms, with its 95 % interval. */
  measured: Interval95 & { values: number[]; relative_half_width: number | null };
  /** The prediction over the same seeds, ms: its spread (the simulator's own seed-to-seed variation). */
  predicted: { values: number[]; mean: number; min: number; max: number; sd: number | null };
  /**
   * (measured − predicted) / mean predicted, paired by seed: the mean and its 95 % interval
   * (fractions, signed), and the interval's half-width.
   */
  error: { mean: number; lo: number | null; hi: number | null; half_width: number | null };
  verdict: Verdict;
  /** Why the verdict, in a sentence. */
  reason: string;
}

export interface RepeatStatistics {
  runs: number;
  seeds: number[];
  /** Runs whose generator kept its schedule. */
  valid_runs: number;
  tight_half_width: number;
  figures: Record<RepeatFigure, FigureStatistics>;
}

export function repeatStatistics(runs: readonly RepeatRun[]): RepeatStatistics {
  const figures = {} as Record<RepeatFigure, FigureStatistics>;
  for (const f of REPEAT_FIGURES) figures[f] = figureStatistics(runs.map((r) => r.measured[f]), runs.map((r) => r.predicted[f]));
  return { runs: runs.length, seeds: runs.map((r) => r.seed), valid_runs: runs.filter((r) => r.valid_for_fidelity).length, tight_half_width: TIGHT_HALF_WIDTH, figures };
}

function figureStatistics(measured: number[], predicted: number[]): FigureStatistics {
  const m = interval95(measured);
  const p = interval95(predicted);
  const d = interval95(measured.map((x, i) => x - predicted[i]!));
  const rel = (x: number | null) => (x === null || !(p.mean > 0) ? null : x / p.mean);
  const error = { mean: rel(d.mean) ?? Number.NaN, lo: rel(d.lo), hi: rel(d.hi), half_width: rel(d.half_width) };
  const measuredHalf = m.half_width === null || !(m.mean > 0) ? null : m.half_width / m.mean;
  return {
    measured: { ...m, values: measured, relative_half_width: measuredHalf },
    predicted: { values: predicted, mean: p.mean, min: Math.min(...predicted), max: Math.max(...predicted), sd: p.sd },
    error,
    ...judge(error, measuredHalf),
  };
}

/**
 * "exceeds the noise" when the error's interval leaves out 0; "within the noise" only when it
 * holds 0 and is tight — both the measured percentile's interval and the error's at most
 * TIGHT_HALF_WIDTH of their means (for p99, the rule; p50 and p90 meet the same bar on
 * their own intervals); otherwise the repeats cannot tell.
 */
function judge(error: FigureStatistics['error'], measuredHalf: number | null): Pick<FigureStatistics, 'verdict' | 'reason'> {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  if (error.lo === null || error.hi === null || error.half_width === null || measuredHalf === null) {
    return { verdict: 'noise too wide to judge', reason: 'one run gives no interval: repeat at least twice' };
  }
  if (error.lo > 0 || error.hi < 0) return { verdict: 'exceeds the noise', reason: `the error's 95 % interval [${signed(error.lo)}, ${signed(error.hi)}] leaves out 0` };
  const widest = Math.max(measuredHalf, error.half_width);
  if (widest <= TIGHT_HALF_WIDTH) {
    return { verdict: 'within the noise', reason: `the error's 95 % interval [${signed(error.lo)}, ${signed(error.hi)}] holds 0 and is tight (half-widths ≤ ${pct(TIGHT_HALF_WIDTH)})` };
  }
  const which = measuredHalf >= error.half_width ? `the measured interval's half-width is ${pct(measuredHalf)}` : `the error's interval half-width is ${pct(error.half_width)}`;
  return { verdict: 'noise too wide to judge', reason: `${which}, over ${pct(TIGHT_HALF_WIDTH)}: repeat more often or replay longer` };
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(1)} %`;
}

/** The table a person reads after `replay --repeat N` (columns as wide as their widest cell). */
export function formatRepeatStatistics(s: RepeatStatistics): string {
  const ms = (x: number | null) => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(2));
  const rows = [['figure', 'measured mean ± half-width', 'predicted mean [min–max]', 'error [95 % interval]', 'verdict']];
  for (const f of REPEAT_FIGURES) {
    const x = s.figures[f];
    const half = x.measured.half_width === null ? '' : ` ± ${ms(x.measured.half_width)} (${((x.measured.relative_half_width ?? 0) * 100).toFixed(1)} %)`;
    const err = x.error.lo === null || x.error.hi === null ? signedOrNa(x.error.mean) : `${signedOrNa(x.error.mean)} [${signed(x.error.lo)}, ${signed(x.error.hi)}]`;
    rows.push([f, `${ms(x.measured.mean)}${half}`, `${ms(x.predicted.mean)} [${ms(x.predicted.min)}–${ms(x.predicted.max)}]`, err, `${x.verdict}: ${x.reason}`]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = [
    `over ${s.runs} independent replays (seeds ${s.seeds.join(', ')}), 95 % intervals from the repeats (Student t), prediction with the same seeds:`,
    ...rows.map((r) => r.map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()),
  ];
  if (s.valid_runs < s.runs) lines.push(`note: ${s.runs - s.valid_runs} of ${s.runs} replays are invalid for fidelity (the generator fell behind); they are included above`);
  return lines.join('\n');
}

/** What `replay --repeat N --json` writes: the statistics, then every run's own report. */
export interface FidelityRepeats {
  schema: typeof FIDELITY_REPEATS_SCHEMA_ID;
  scenario: string;
  candidate: string;
  statistics: RepeatStatistics;
  /** Every run kept its schedule. */
  valid_for_fidelity: boolean;
  runs: FidelityReport[];
}

export function fidelityRepeats(runs: FidelityReport[]): FidelityRepeats {
  const first = runs[0]!;
  const statistics = repeatStatistics(runs.map((r) => ({ seed: r.scenario.seed, measured: r.measured.latency_ms, predicted: r.predicted.latency_ms, valid_for_fidelity: r.valid_for_fidelity })));
  return { schema: FIDELITY_REPEATS_SCHEMA_ID, scenario: first.scenario.name, candidate: first.candidate.name, statistics, valid_for_fidelity: runs.every((r) => r.valid_for_fidelity), runs };
}

/** One line per run, so a reader sees what the interval is made of. */
export function describeRun(r: FidelityReport, index: number, of: number): string {
  const f = (k: 'p50' | 'p90' | 'p99') => `${k} ${r.measured.latency_ms[k].toFixed(2)} (predicted ${r.predicted.latency_ms[k].toFixed(2)})`;
  return `replay ${index + 1}/${of}, seed ${r.scenario.seed}: ${f('p50')}, ${f('p90')}, ${f('p99')} ms; generator p99 lag ${r.generator.lag_ms.p99.toFixed(2)} ms, ${r.generator.cpu_ms_per_request.toFixed(3)} ms CPU per request${r.valid_for_fidelity ? '' : ' — INVALID for fidelity (generator behind)'}`;
}

/** The summary a person reads after `replay --repeat N`: the runs, the statistics, where it ran, the notes once each. */
export function formatFidelityRepeats(r: FidelityRepeats): string {
  const first = r.runs[0]!;
  const lines = [
    `${r.scenario} · candidate ${r.candidate} → ${first.target} (${first.protocol}, ${r.runs.length} replays of ${first.scenario.duration_s} s, ${first.scenario.warmup_s} s warm-up each)`,
    ...r.runs.map((run, i) => describeRun(run, i, r.runs.length)),
    formatRepeatStatistics(r.statistics),
    describePlacement(first.placement),
    r.valid_for_fidelity ? 'valid for fidelity: yes (every replay kept its schedule)' : `valid for fidelity: NO — ${r.runs.length - r.statistics.valid_runs} replay(s) fell behind`,
  ];
  for (const note of new Set(r.runs.flatMap((run) => run.notes))) lines.push(`note: ${note}`);
  return lines.join('\n');
}

function signedOrNa(x: number): string {
  return Number.isFinite(x) ? signed(x) : 'n/a';
}
