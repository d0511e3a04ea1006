// One mode's share of the figure (bench/fidelity.ts runs it for pinned, then unpinned): move this
// process to the mode's cores; measure the saturation throughput of the one- and two-instance
// candidates; replay each scenario at its share of it N times beside the prediction; then the knee
// — predicted on every point of a ≤ 2 % rate grid, measured by a bounded search of the same grid
// from the predicted knee.
import type { Profile } from '../../config/profile.js';
import { signedPct, type KneeRow, type ScenarioRow } from './table.js';
import { buildScenario, CASES, KNEE_SEED, SLO_MS, type FidelityCase, type ScenarioPlace } from './scenarios.js';
import { measureSaturation, type Saturation } from './saturation.js';
import { replayRepeated, probeRate, type ReplayContext, type RepeatedReplay, type ProbeRun } from './replays.js';
import { judgeKnee, judgeTarget, KNEE_TARGET, targetsFor } from './targets.js';
import { describeGaps, meanBreakdown, partGaps } from './gap.js';
import { rateGrid, largestStep } from './rate-grid.js';
import { highestPassing, searchKnee } from './knee-search.js';
import { predictGrid } from './predict.js';
import { out, printKnee, printRow } from './print.js';
import type { BreakdownSide } from '../../replay/fidelity.js';

/**
 * The knee is looked for between these shares of the one-instance candidate's saturation
 * throughput. From 30 %: on this machine, with a 50 ms p99 SLO, the measured knee fell below 60 %.
 */
export const KNEE_GRID_FROM = 0.3;
export const KNEE_GRID_TO = 1.1;
export const KNEE_GRID_STEP = 0.02;
const SATURATION_DURATION_S = 8;
const SATURATION_WARMUP_S = 2;

export interface RowResult extends ScenarioRow {
  case: FidelityCase;
  saturationRps: number;
  detail: RepeatedReplay;
  parts: { predicted: BreakdownSide; measured: BreakdownSide };
  /** Where a target was missed: the gap part by part. */
  gapNote: string | null;
}

export interface ModeResult {
  mode: string;
  saturation: Record<'1' | '2', Saturation>;
  rows: RowResult[];
  knee: (KneeRow & { grid: number[]; predictedP99s: number[][]; probeRuns: { rps: number; pass: boolean; runs: ProbeRun[] }[] }) | null;
  notes: string[];
}

/**
 * Requests/s the candidate could serve at batches of 8 by the profile's median forward pass alone,
 * each instance on a core of its own up to the cores it has: above what the engine will do, which
 * is what the saturation search's first offer needs.
 */
function roughCapacity(profile: Profile, instances: number, cores: number): number {
  if (profile.kind !== 'measured') return 500 * instances;
  const b = [...profile.batches].sort((x, y) => Math.abs(x.batch_size - 8) - Math.abs(y.batch_size - 8))[0]!;
  return (Math.min(instances, Math.max(1, cores)) * b.batch_size * 1000) / b.p50_ms;
}

export async function runMode(ctx: ReplayContext, profile: Profile, place: ScenarioPlace, repeats: number, kneeProbes: number): Promise<ModeResult> {
  const mode = ctx.mode.name;
  const notes: string[] = [];
  ctx.mode.enter();

  out(`\n-- ${mode}: saturation throughput (a ramp of ${SATURATION_DURATION_S} s open-loop replays until the engine stops keeping up; completed per second)`);
  const saturation = {} as ModeResult['saturation'];
  for (const instances of [1, 2] as const) {
    const satPlace = { ...place, durationS: SATURATION_DURATION_S, warmupS: SATURATION_WARMUP_S };
    const at = (rps: number) => buildScenario(`saturation-${instances}`, { instances, traffic: 'poisson', seed: 11 }, rps, satPlace);
    const estimateRps = roughCapacity(profile, instances, ctx.mode.cores({ replicas: 1 }).cpus);
    const s = await measureSaturation({ at, mode: ctx.mode, estimateRps, before: ctx.before, log: (l) => out(`  ${instances} instance(s): ${l}`) });
    saturation[String(instances) as '1' | '2'] = s;
    out(`  ${instances} instance(s): saturation ${s.rps.toFixed(1)}/s measured, ${s.predictedRps.toFixed(1)}/s predicted (${signedPct((s.rps - s.predictedRps) / s.predictedRps)})`);
  }

  const rows: RowResult[] = [];
  for (const c of CASES) {
    const satRps = saturation[String(c.instances) as '1' | '2'].rps;
    if (!Number.isFinite(satRps)) {
      notes.push(`${c.key} · ${mode}: left out, no saturation throughput for ${c.instances} instance(s)`);
      continue;
    }
    const rateRps = c.busy * satRps;
    const loaded = buildScenario(`fidelity-${c.key}`, c, rateRps, place, `${c.key}.${mode}.yaml`);
    // The replays' own lines (one per replay, as they end) come under this, before the summary.
    out(`\n-- ${c.key} · ${mode}: ${repeats} replay(s) at ${rateRps.toFixed(1)} requests/s`);
    const detail = await replayRepeated(loaded, repeats, ctx);
    const { p50, p99 } = detail.repeats.statistics.figures;
    const bounds = targetsFor(c.traffic, c.busy);
    const targets = {
      p50: bounds.p50 === null ? null : { bound: bounds.p50, ...judgeTarget(p50.error, bounds.p50) },
      p99: bounds.p99 === null ? null : { bound: bounds.p99, ...judgeTarget(p99.error, bounds.p99) },
    };
    const runs = detail.repeats.runs;
    const parts = { predicted: meanBreakdown(runs.map((r) => r.breakdown.predicted)), measured: meanBreakdown(runs.map((r) => r.breakdown.measured)) };
    const missed = targets.p50?.met === false || targets.p99?.met === false;
    const row: RowResult = {
      scenario: c.key,
      mode,
      busy: c.busy,
      rateRps,
      p50,
      p99,
      runs: runs.length,
      validRuns: detail.repeats.statistics.valid_runs,
      targets,
      case: c,
      saturationRps: satRps,
      detail,
      parts,
      gapNote: missed ? describeGaps(partGaps(parts.predicted, parts.measured)) : null,
    };
    rows.push(row);
    printRow(row, satRps, detail, parts, row.gapNote);
  }

  const knee = await measureKnee(ctx, place, saturation['1'].rps, rows, repeats, kneeProbes, notes);
  return { mode, saturation, rows, knee, notes };
}

async function measureKnee(ctx: ReplayContext, place: ScenarioPlace, satRps: number, rows: RowResult[], repeats: number, kneeProbes: number, notes: string[]): Promise<ModeResult['knee']> {
  const mode = ctx.mode.name;
  // The host the busiest one-instance replays found (the generator's CPU per request, when it shared the cores).
  const hostRow = [...rows].reverse().find((r) => r.case.instances === 1 && r.case.traffic === 'poisson');
  if (!Number.isFinite(satRps) || !hostRow) {
    notes.push(`knee · ${mode}: left out (no saturation throughput or no one-instance replay)`);
    return null;
  }
  const grid = rateGrid(KNEE_GRID_FROM * satRps, KNEE_GRID_TO * satRps, KNEE_GRID_STEP);
  const at = (rps: number) => buildScenario('fidelity-knee', { instances: 1, traffic: 'poisson', seed: KNEE_SEED }, rps, place);
  const seeds = Array.from({ length: repeats }, (_, i) => KNEE_SEED + i);
  const predicted = predictGrid(at, grid, hostRow.detail.host, seeds, SLO_MS);
  const predictedIdx = highestPassing(predicted.passes);
  const top = grid.length - 1;
  out(`\n-- ${mode}: the knee, predicted on ${grid.length} rates × ${seeds.length} seeds, measured from ${predictedIdx === null ? 'the bottom' : `${grid[predictedIdx]!.toFixed(1)}/s`} with at most ${kneeProbes} rates`);
  const probeRuns: NonNullable<ModeResult['knee']>['probeRuns'] = [];
  const search = await searchKnee(
    grid.length,
    predictedIdx ?? 0,
    async (i) => {
      const r = await probeRate(at(grid[i]!), repeats, SLO_MS, ctx);
      probeRuns.push({ rps: grid[i]!, ...r });
      out(`  ${grid[i]!.toFixed(1)}/s (${((grid[i]! / satRps) * 100).toFixed(1)} % busy): ${r.pass ? 'holds' : 'misses'} p99 ≤ ${SLO_MS} ms (${r.runs.map((x) => x.p99Ms.toFixed(1)).join(', ')} ms)`);
      return r.pass;
    },
    kneeProbes,
  );
  const measuredIdx = search.knee;
  let upTo: number | null = null;
  if (!search.resolved && measuredIdx !== null) {
    const bound = search.above === null ? top : search.above - 1;
    if (bound > measuredIdx) upTo = grid[bound]!;
  }
  const predictedRps = predictedIdx === null ? null : grid[predictedIdx]!;
  const measuredRps = measuredIdx === null ? null : grid[measuredIdx]!;
  const predictedAtTop = predictedIdx === top;
  const measuredAtTop = search.resolved && measuredIdx === top;
  const comparable = predictedRps !== null && measuredRps !== null && !predictedAtTop && !measuredAtTop;
  const judged = comparable ? judgeKnee(predictedRps, { rps: measuredRps, upToRps: upTo }, KNEE_TARGET) : null;
  const row = {
    mode,
    saturationRps: satRps,
    gridStep: largestStep(grid),
    gridFromRps: grid[0]!,
    gridToRps: grid[top]!,
    predictedRps,
    predictedAtTop,
    measuredRps,
    measuredAtTop,
    measuredUpToRps: upTo,
    probes: search.probes.length,
    error: judged?.error ?? null,
    verdict: judged,
    grid,
    predictedP99s: predicted.p99s,
    probeRuns,
  };
  printKnee(row, probeRuns);
  return row;
}
