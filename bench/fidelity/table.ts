// The figure as Markdown: one row per scenario × mode (busy share, p50 and p99 predicted, measured
// with its 95 % interval, error with its interval, the noise verdict, valid runs, target met), the
// knee per mode, and the notes that explain each missed target; and the one place README.md's copy
// of it is replaced, between two marker comments. Pure; bench/fidelity.ts prints it and, with
// FIDELITY_WRITE_README=1, writes it into README.md.
import type { FigureStatistics } from '../../replay/repeat-statistics.js';
import type { TargetVerdict } from './targets.js';

export const TABLE_START = '<!-- fidelity-table:start -->';
export const TABLE_END = '<!-- fidelity-table:end -->';

export interface ScenarioRow {
  scenario: string;
  mode: string;
  /** Offered rate over the served candidate's measured saturation throughput in this mode. */
  busy: number;
  rateRps: number;
  p50: FigureStatistics;
  p99: FigureStatistics;
  runs: number;
  validRuns: number;
  /** Null where the figure has no target in this row. */
  targets: { p50: (TargetVerdict & { bound: number }) | null; p99: (TargetVerdict & { bound: number }) | null };
}

export interface KneeRow {
  mode: string;
  saturationRps: number;
  gridStep: number;
  gridFromRps: number;
  gridToRps: number;
  /** Null: no grid point passed (the knee is below the grid); `atTop`: the grid's top passed. */
  predictedRps: number | null;
  predictedAtTop: boolean;
  measuredRps: number | null;
  measuredAtTop: boolean;
  /** The knee is known only to lie below this (the search ran out of probes); null when resolved. */
  measuredUpToRps: number | null;
  probes: number;
  error: number | null;
  verdict: TargetVerdict | null;
}

const ms = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x < 10 ? x.toFixed(2) : x.toFixed(1));
export const signedPct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(1)} %`);
const pct0 = (x: number) => `${(x * 100).toFixed(0)} %`;

function measuredCell(f: FigureStatistics): string {
  return f.measured.half_width === null ? ms(f.measured.mean) : `${ms(f.measured.mean)} ± ${ms(f.measured.half_width)}`;
}

function predictedCell(f: FigureStatistics): string {
  return f.predicted.values.length > 1 && f.predicted.max > f.predicted.min ? `${ms(f.predicted.mean)} [${ms(f.predicted.min)}–${ms(f.predicted.max)}]` : ms(f.predicted.mean);
}

function errorCell(f: FigureStatistics): string {
  return f.error.lo === null || f.error.hi === null ? signedPct(f.error.mean) : `${signedPct(f.error.mean)} [${signedPct(f.error.lo)}, ${signedPct(f.error.hi)}]`;
}

function targetCell(r: ScenarioRow): string {
  const parts = (['p50', 'p99'] as const).flatMap((k) => {
    const t = r.targets[k];
    return t ? [`${k} ±${(t.bound * 100).toFixed(0)} %: ${t.cell}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'none above 80 % busy';
}

const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

/** The scenario table. */
export function scenarioTable(rows: readonly ScenarioRow[]): string {
  const head = ['scenario', 'mode', 'busy', 'p50 predicted', 'p50 measured', 'p50 error [95 %]', 'p99 predicted [seeds]', 'p99 measured', 'p99 error [95 %]', 'p99 against the noise', 'valid runs', 'target met'];
  return [
    row(head),
    row(head.map(() => '---')),
    ...rows.map((r) =>
      row([
        r.scenario,
        r.mode,
        `${pct0(r.busy)} (${r.rateRps.toFixed(0)}/s)`,
        predictedCell(r.p50),
        measuredCell(r.p50),
        errorCell(r.p50),
        predictedCell(r.p99),
        measuredCell(r.p99),
        errorCell(r.p99),
        r.p99.verdict,
        `${r.validRuns}/${r.runs}`,
        targetCell(r),
      ]),
    ),
  ].join('\n');
}

function kneeRate(rps: number | null, atTop: boolean, upTo: number | null = null): string {
  if (rps === null) return 'below the grid';
  const base = `${rps.toFixed(1)}/s`;
  if (atTop) return `≥ ${base} (the grid's top)`;
  return upTo === null ? base : `${base} … ${upTo.toFixed(1)}/s`;
}

/** The knee table: per mode, the grid, the predicted and measured knee, the error and the target. */
export function kneeTable(rows: readonly KneeRow[], bound: number): string {
  const head = ['mode', 'saturation (measured)', 'grid', 'predicted knee', 'measured knee', 'error', `within ${(bound * 100).toFixed(0)} %`];
  return [
    row(head),
    row(head.map(() => '---')),
    ...rows.map((k) =>
      row([
        k.mode,
        `${k.saturationRps.toFixed(1)}/s`,
        `${k.gridFromRps.toFixed(0)}–${k.gridToRps.toFixed(0)}/s, steps ${(k.gridStep * 100).toFixed(2)} %`,
        kneeRate(k.predictedRps, k.predictedAtTop),
        `${kneeRate(k.measuredRps, k.measuredAtTop, k.measuredUpToRps)} (${k.probes} grid points replayed)`,
        signedPct(k.error),
        k.verdict?.cell ?? 'n/a',
      ]),
    ),
  ].join('\n');
}

/**
 * `text` with what lies between TABLE_START and TABLE_END replaced by `content` (the markers stay).
 * An Error when a marker is missing, repeated or out of order: nothing is written then.
 */
export function replaceBetweenMarkers(text: string, content: string, start = TABLE_START, end = TABLE_END): string {
  const count = (m: string) => text.split(m).length - 1;
  if (count(start) !== 1 || count(end) !== 1) throw new Error(`expected exactly one ${start} and one ${end}, found ${count(start)} and ${count(end)}`);
  const a = text.indexOf(start) + start.length;
  const b = text.indexOf(end);
  if (b < a) throw new Error(`${end} comes before ${start}`);
  return `${text.slice(0, a)}\n${content.trim()}\n${text.slice(b)}`;
}

export interface FigureBlock {
  /** One paragraph: where, when, how long, how loaded. */
  preamble: string;
  /** One sentence: what was met (summaryLine). */
  summary: string;
  rows: readonly ScenarioRow[];
  knees: readonly KneeRow[];
  kneeBound: number;
  /** One line each: a missed target and its gap, part by part. */
  gaps: readonly string[];
}

/** What goes between README.md's markers (and is printed at the end of the run). */
export function figureBlock(b: FigureBlock): string {
  const parts = [b.preamble, b.summary, scenarioTable(b.rows), kneeTable(b.knees, b.kneeBound)];
  if (b.gaps.length > 0) parts.push(['Where a target was missed, the gap part by part (mean ms per request over the replays):', '', ...b.gaps.map((g) => `- ${g}`)].join('\n'));
  return parts.join('\n\n');
}

/** One sentence: how many targets were met (and surely so), the knees, and how many replays were valid. */
export function summaryLine(rows: readonly ScenarioRow[], knees: readonly KneeRow[]): string {
  const verdicts = rows.flatMap((r) => [r.targets.p50, r.targets.p99].filter((t) => t !== null));
  const met = verdicts.filter((t) => t.met);
  const judged = knees.filter((k) => k.verdict !== null);
  const runs = rows.reduce((a, r) => a + r.runs, 0);
  const valid = rows.reduce((a, r) => a + r.validRuns, 0);
  const notJudged = knees.length - judged.length;
  return (
    `**Targets met: ${met.length} of ${verdicts.length}** by the point estimate, ${met.filter((t) => t.sure).length} of them with the whole 95 % interval inside the bound; ` +
    `the knee within 5 %: ${judged.filter((k) => k.verdict!.met).length} of ${knees.length} mode(s)${notJudged > 0 ? ` (${notJudged} not comparable: a knee outside the grid)` : ''}; ` +
    `replays valid for fidelity (the generator kept its schedule): ${valid} of ${runs}.`
  );
}
