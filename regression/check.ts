// The verdict of `servetwin check`: for each simulated candidate, one SLO check and, with a
// baseline, one check per toleranced metric against the baseline's candidate of the same name.
// A pure function of its inputs (no clock, no I/O), so the same result and baseline give the same
// report; regression/junit.ts and regression/summary.ts render it, cli/commands/check.ts runs it.
import type { SeedVerdict } from '../config/result.js';
import type { Baseline } from './baseline.js';
import { formatChange, formatTolerance, formatValue, regression, type CheckedCandidate } from './metrics.js';
import type { Tolerance } from './tolerance.js';

export const CHECK_SCHEMA_ID = 'servetwin.check/v1';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckOutcome {
  /** `slo`, or the name of a baseline metric (p99, throughput, …). */
  check: string;
  status: CheckStatus;
  /** One sentence saying what was compared and why it passed or failed. */
  message: string;
  current?: number;
  baseline?: number;
  /** How much worse than the baseline (positive) or better (negative), relative or absolute per metric. */
  regression?: number;
  tolerance?: number;
}

export interface CandidateChecks {
  name: string;
  checks: CheckOutcome[];
}

export interface CheckReport {
  schema: typeof CHECK_SCHEMA_ID;
  scenario: CheckInput['scenario'];
  baseline: { file: string; scenario: string; seed: number } | null;
  verdict: 'pass' | 'fail';
  counts: { checks: number; failed: number; skipped: number };
  /** Things a reader should know that are not failures (a seed that differs from the baseline's…). */
  notes: string[];
  candidates: CandidateChecks[];
}

/** A candidate's SLO verdict on one seed (the planner judges every candidate on several). */
export type SeedSlo = Pick<SeedVerdict, 'seed' | 'slo_attainment' | 'drop_rate' | 'slo_met'>;

/** What checks read of a servetwin.result/v1 (a SimulationResult or the planner's result). */
export interface CheckInput {
  scenario: { name: string; file: string | null; seed: number; slo: { latency_ms: number; percentile: number; max_drop_rate?: number } };
  candidates: (CheckedCandidate & { slo_met: boolean; seeds?: SeedSlo[] })[];
}

export function runChecks(result: CheckInput, baseline: Baseline | null, tolerances: readonly Tolerance[]): CheckReport {
  const slo = result.scenario.slo;
  const notes: string[] = [];
  if (baseline) {
    if (baseline.scenario.name !== result.scenario.name) notes.push(`the baseline is of scenario ${JSON.stringify(baseline.scenario.name)}, not ${JSON.stringify(result.scenario.name)}`);
    if (baseline.scenario.seed !== result.scenario.seed) notes.push(`the baseline was simulated with seed ${baseline.scenario.seed}, this run with seed ${result.scenario.seed}: differences include the dice`);
    const gone = baseline.candidates.filter((b) => !result.candidates.some((c) => c.name === b.name)).map((b) => b.name);
    if (gone.length > 0) notes.push(`candidate(s) in the baseline but not checked now: ${gone.join(', ')}`);
  }
  const candidates = result.candidates.map((c): CandidateChecks => {
    const checks: CheckOutcome[] = [sloCheck(c, slo)];
    if (baseline) {
      const base = baseline.candidates.find((b) => b.name === c.name);
      for (const t of tolerances) checks.push(base ? metricCheck(c, base, t) : { check: t.metric.name, status: 'skip', message: `no candidate ${JSON.stringify(c.name)} in the baseline ${baseline.file}` });
    }
    return { name: c.name, checks };
  });
  const all = candidates.flatMap((c) => c.checks);
  const failed = all.filter((c) => c.status === 'fail').length;
  return {
    schema: CHECK_SCHEMA_ID,
    scenario: { name: result.scenario.name, file: result.scenario.file, seed: result.scenario.seed, slo: { ...slo } },
    baseline: baseline ? { file: baseline.file, scenario: baseline.scenario.name, seed: baseline.scenario.seed } : null,
    verdict: failed > 0 ? 'fail' : 'pass',
    counts: { checks: all.length, failed, skipped: all.filter((c) => c.status === 'skip').length },
    notes,
    candidates,
  };
}

/** Met only when met on every seed simulated; a failure names the seeds and the worst one. */
function sloCheck(c: CheckInput['candidates'][number], slo: CheckInput['scenario']['slo']): CheckOutcome {
  const seeds: SeedSlo[] = c.seeds && c.seeds.length > 0 ? c.seeds : [{ seed: Number.NaN, slo_attainment: c.slo_attainment, drop_rate: dropRate(c), slo_met: c.slo_met }];
  const missed = seeds.filter((s) => !s.slo_met);
  const worst = seeds.reduce((w, s) => (s.slo_attainment < w.slo_attainment ? s : w));
  const shown = missed[0] ?? worst;
  const drops = slo.max_drop_rate !== undefined && slo.max_drop_rate < 1 ? `, ${pct(shown.drop_rate)} dropped` : '';
  const attained = `${pct(shown.slo_attainment)} of requests within ${slo.latency_ms} ms${drops}`;
  const target = `the SLO asks for ${slo.percentile}%${slo.max_drop_rate !== undefined && slo.max_drop_rate < 1 ? ` and at most ${pct(slo.max_drop_rate)} dropped` : ''}`;
  const onSeeds = seeds.length > 1 ? (missed.length > 0 ? ` on seed(s) ${missed.map((s) => s.seed).join(', ')} of ${seeds.length}` : ` on all ${seeds.length} seeds (worst shown)`) : '';
  return {
    check: 'slo',
    status: missed.length === 0 ? 'pass' : 'fail',
    message: missed.length === 0 ? `${attained}${onSeeds}; ${target}` : `SLO missed${onSeeds}: ${attained}, but ${target} (p${slo.percentile} = ${percentileOf(c, slo.percentile)})`,
    current: shown.slo_attainment,
    tolerance: slo.percentile / 100,
  };
}

function dropRate(c: CheckedCandidate): number {
  return c.requests.arrived > 0 ? c.requests.dropped / c.requests.arrived : 0;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

/** The latency at the SLO's percentile when the result has it, for the failure message. */
function percentileOf(c: CheckedCandidate, percentile: number): string {
  const key = ({ 50: 'p50', 90: 'p90', 99: 'p99', 99.9: 'p999' } as const)[percentile as 50 | 90 | 99 | 99.9];
  return key ? `${c.latency_ms[key].toFixed(2)} ms` : 'not in the result';
}

function metricCheck(c: CheckedCandidate, base: CheckedCandidate, t: Tolerance): CheckOutcome {
  const m = t.metric;
  const current = m.read(c);
  const baseline = m.read(base);
  const worse = regression(m, current, baseline);
  const failed = worse > t.tolerance + 1e-12;
  const compared = `${m.name} ${formatValue(m, current)} vs baseline ${formatValue(m, baseline)} (${formatChange(m, current, baseline)})`;
  const verdict = failed ? `regressed past the ${formatTolerance(m, t.tolerance)} tolerance` : worse < 0 ? 'improved' : `within the ${formatTolerance(m, t.tolerance)} tolerance`;
  return {
    check: m.name,
    status: failed ? 'fail' : 'pass',
    message: `${compared}: ${verdict}`,
    current,
    baseline,
    regression: Number.isFinite(worse) ? worse : worse > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE,
    tolerance: t.tolerance,
  };
}
