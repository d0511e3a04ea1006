// runChecks on hand-made results: an SLO miss fails, each toleranced metric fails exactly when it
// regressed past its tolerance in its own direction (latency up, throughput down, drops up), an
// improvement passes, a candidate missing from the baseline is skipped, and notes say when the
// baseline's seed or scenario differ.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../regression/check.js';
import { parseTolerances } from '../../regression/tolerance.js';
import { baseline, candidate, result } from './helpers.js';

const defaults = parseTolerances();
const statusOf = (report: ReturnType<typeof runChecks>, name: string, check: string) =>
  report.candidates.find((c) => c.name === name)?.checks.find((k) => k.check === check)?.status;

describe('check: SLO and baseline comparison', () => {
  it('passes a candidate equal to its baseline, and fails one that misses the SLO', () => {
    const a = candidate('a');
    const b = candidate('b', { attainment: 0.95 });
    const report = runChecks(result([a, b]), baseline([a, b]), defaults);
    expect(statusOf(report, 'a', 'slo')).toBe('pass');
    expect(statusOf(report, 'b', 'slo')).toBe('fail');
    expect(report.candidates.find((c) => c.name === 'b')!.checks.find((k) => k.check === 'slo')!.message).toMatch(/^SLO missed: 95\.00% of requests within 25 ms, but the SLO asks for 99%/);
    expect(report.candidates.find((c) => c.name === 'a')!.checks.filter((k) => k.status !== 'pass')).toEqual([]);
    expect(report.verdict).toBe('fail');
    expect(report.counts).toEqual({ checks: 2 * (1 + defaults.length), failed: 1, skipped: 0 });
  });

  it('fails p99 just past its 10 % tolerance and passes it just within', () => {
    const base = baseline([candidate('a', { p99: 20 })]);
    expect(statusOf(runChecks(result([candidate('a', { p99: 21.9 })]), base, defaults), 'a', 'p99')).toBe('pass');
    const over = runChecks(result([candidate('a', { p99: 22.1 })]), base, defaults);
    expect(statusOf(over, 'a', 'p99')).toBe('fail');
    expect(over.verdict).toBe('fail');
    const k = over.candidates[0]!.checks.find((c) => c.check === 'p99')!;
    expect(k.regression).toBeCloseTo(0.105, 6);
    expect(k.message).toBe('p99 22.1 ms vs baseline 20.0 ms (+10.5%): regressed past the 10% tolerance');
  });

  it('reads each metric in its own direction: lower throughput and more drops are regressions, the reverse improvements', () => {
    const base = baseline([candidate('a', { throughput: 100, dropped: 0, p50: 4 })]);
    const worse = runChecks(result([candidate('a', { throughput: 94, dropped: 200, p50: 4 })]), base, defaults);
    expect(statusOf(worse, 'a', 'throughput')).toBe('fail'); // −6 % > 5 %
    expect(statusOf(worse, 'a', 'drop_rate')).toBe('fail'); // +2 points > 1 point
    const better = runChecks(result([candidate('a', { throughput: 150, dropped: 0, p50: 2 })]), base, defaults);
    expect(better.verdict).toBe('pass');
    expect(better.candidates[0]!.checks.find((c) => c.check === 'p50')!.message).toMatch(/improved$/);
  });

  it('uses the tolerances given: a looser one passes, `off` drops the check, a named optional metric is added', () => {
    const base = baseline([candidate('a', { p99: 20, p90: 10 })]);
    const now = result([candidate('a', { p99: 23, p90: 12 })]);
    expect(statusOf(runChecks(now, base, defaults), 'a', 'p99')).toBe('fail');
    const loose = runChecks(now, base, parseTolerances(['p99=20%', 'p90=0.1']));
    expect(statusOf(loose, 'a', 'p99')).toBe('pass');
    expect(statusOf(loose, 'a', 'p90')).toBe('fail');
    expect(statusOf(runChecks(now, base, parseTolerances(['p99=off'])), 'a', 'p99')).toBeUndefined();
  });

  it('skips the baseline checks of a candidate the baseline lacks, and notes what differs', () => {
    const report = runChecks(result([candidate('new')], 2), baseline([candidate('old')], 1, 'other'), defaults);
    expect(report.candidates[0]!.checks.filter((k) => k.status === 'skip')).toHaveLength(defaults.length);
    expect(report.verdict).toBe('pass');
    expect(report.notes.join('\n')).toMatch(/scenario "other"/);
    expect(report.notes.join('\n')).toMatch(/seed 1, this run with seed 2/);
    expect(report.notes.join('\n')).toMatch(/in the baseline but not checked now: old/);
  });

  it('meets the SLO only when it is met on every seed, and names the seeds that missed', () => {
    const seeds = (met: boolean[]) => met.map((m, i) => ({ seed: 42 + i, slo_attainment: m ? 0.995 : 0.97, drop_rate: 0, slo_met: m }));
    const lucky = { ...candidate('lucky'), seeds: seeds([true, false, false]) };
    const steady = { ...candidate('steady'), seeds: seeds([true, true, true]) };
    const report = runChecks(result([lucky, steady]), null, defaults);
    const k = report.candidates[0]!.checks[0]!;
    expect(k.status).toBe('fail');
    expect(k.message).toMatch(/^SLO missed on seed\(s\) 43, 44 of 3: 97\.00% of requests within 25 ms/);
    expect(report.candidates[1]!.checks[0]!).toMatchObject({ status: 'pass' });
    expect(report.candidates[1]!.checks[0]!.message).toMatch(/on all 3 seeds/);
  });

  it('without a baseline runs the SLO checks only', () => {
    const report = runChecks(result([candidate('a'), candidate('b')]), null, defaults);
    expect(report.counts).toEqual({ checks: 2, failed: 0, skipped: 0 });
    expect(report.baseline).toBeNull();
  });
});
