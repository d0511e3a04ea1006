// What a person reads while the figure is measured: per scenario × mode, the repeats' statistics
// (replay/repeat-statistics.ts), where it ran, validity, the machine's load, the breakdown predicted
// beside measured, and the verdict on each target; per mode, the knee's search. Lines go to stdout.
import { formatRepeatStatistics } from '../../replay/repeat-statistics.js';
import { describePlacement, type BreakdownSide } from '../../replay/fidelity.js';
import type { RepeatedReplay } from './replays.js';
import { PARTS } from './gap.js';
import { signedPct, type KneeRow, type ScenarioRow } from './table.js';

export const out = (line = '') => process.stdout.write(`${line}\n`);

const num = (x: number | null, digits = 2) => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits));

/** Everything about one row. */
export function printRow(row: ScenarioRow, saturationRps: number, detail: RepeatedReplay, parts: { predicted: BreakdownSide; measured: BreakdownSide }, gapNote: string | null): void {
  const runs = detail.repeats.runs;
  out(`\n${row.scenario} · ${row.mode}: ${row.rateRps.toFixed(1)} requests/s = ${(row.busy * 100).toFixed(0)} % of ${saturationRps.toFixed(1)}/s (measured saturation, ${row.mode}); ${runs.length} replays of ${runs[0]!.scenario.duration_s} s (${runs[0]!.scenario.warmup_s} s warm-up)`);
  out(formatRepeatStatistics(detail.repeats.statistics).replace(/^/gm, '  '));
  out(`  ${describePlacement(runs[0]!.placement)}`);
  const lags = runs.map((r) => `${r.generator.lag_ms.p99.toFixed(2)}`).join(', ');
  out(`  valid for fidelity: ${row.validRuns}/${row.runs} (generator p99 lag ${lags} ms; limit ${runs[0]!.generator.max_lag_ms} ms)`);
  const others = runs.map((r) => (r.host ? r.host.other_cores.toFixed(2) : 'n/a')).join(', ');
  const idle = detail.idle.every((x) => Number.isNaN(x)) ? '' : `; CPUs idle before each ${detail.idle.map((x) => `${(x * 100).toFixed(0)} %`).join(', ')}`;
  out(`  other processes used ${others} cores during the replays${idle}`);
  out(`  where the time went, mean ms per request: predicted | measured (mean of the replays) [each]`);
  for (const [key, label] of PARTS) {
    out(`    ${label.padEnd(16)}${num(parts.predicted[key]).padStart(8)} | ${num(parts.measured[key]).padStart(6)} [${runs.map((r) => num(r.breakdown.measured[key])).join(', ')}]`);
  }
  const share = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(0)} %`);
  out(`    ${'HTTP thread busy'.padEnd(16)}${share(parts.predicted.http_thread_busy).padStart(8)} | ${share(parts.measured.http_thread_busy).padStart(6)}`);
  const verdicts = (['p50', 'p99'] as const).map((k) => {
    const t = row.targets[k];
    if (!t) return `${k}: no target above 80 % busy (error ${signedPct(row[k].error.mean)})`;
    return `${k} within ±${(t.bound * 100).toFixed(0)} %: ${t.met ? 'met' : 'NOT met'} (error ${signedPct(row[k].error.mean)}${t.sure ? '' : '; its 95 % interval crosses the bound'})`;
  });
  out(`  targets: ${verdicts.join('; ')}`);
  if (gapNote) out(`  the gap, part by part: ${gapNote}`);
}

export function printKnee(k: KneeRow, probes: { rps: number; pass: boolean; runs: { seed: number; p99Ms: number; predictedP99Ms: number; valid: boolean }[] }[]): void {
  out(`\nknee · ${k.mode}: grid ${k.gridFromRps.toFixed(1)}–${k.gridToRps.toFixed(1)}/s in steps of ${(k.gridStep * 100).toFixed(2)} %`);
  for (const p of probes) {
    const runs = p.runs.map((r) => `seed ${r.seed} p99 ${r.p99Ms.toFixed(1)} (predicted ${r.predictedP99Ms.toFixed(1)})${r.valid ? '' : ' invalid: generator behind'}`).join('; ');
    out(`  ${p.rps.toFixed(1)}/s: ${p.pass ? 'holds' : 'misses'} the SLO — ${runs}`);
  }
  const rate = (x: number | null, top: boolean) => (x === null ? 'below the grid' : `${x.toFixed(1)}/s${top ? " (the grid's top)" : ''}`);
  out(`  predicted knee ${rate(k.predictedRps, k.predictedAtTop)}; measured ${rate(k.measuredRps, k.measuredAtTop)}${k.measuredUpToRps === null ? '' : ` (not resolved: below ${k.measuredUpToRps.toFixed(1)}/s)`}; error ${signedPct(k.error)}; within 5 %: ${k.verdict?.cell ?? 'n/a'}`);
}
