// The figure as Markdown: one row per scenario × mode with its intervals, verdicts and targets, a
// knee row per mode, and README.md's copy replaced between its two markers only — a missing,
// repeated or misordered marker is an error and leaves the text alone. README.md itself carries
// the markers exactly once each.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureBlock, kneeTable, replaceBetweenMarkers, scenarioTable, summaryLine, TABLE_END, TABLE_START, type KneeRow, type ScenarioRow } from '../../../bench/fidelity/table.js';
import { repeatStatistics } from '../../../replay/repeat-statistics.js';
import { judgeTarget } from '../../../bench/fidelity/targets.js';

const stats = repeatStatistics([
  { seed: 1, measured: { p50: 5, p90: 9, p99: 20 }, predicted: { p50: 5.2, p90: 9, p99: 18 }, valid_for_fidelity: true },
  { seed: 2, measured: { p50: 5.4, p90: 9, p99: 24 }, predicted: { p50: 5.0, p90: 9, p99: 19 }, valid_for_fidelity: false },
]).figures;

const row: ScenarioRow = {
  scenario: 'busy-70',
  mode: 'pinned',
  busy: 0.7,
  rateRps: 315.2,
  p50: stats.p50,
  p99: stats.p99,
  runs: 2,
  validRuns: 1,
  targets: { p50: { bound: 0.05, ...judgeTarget(stats.p50.error, 0.05) }, p99: { bound: 0.1, ...judgeTarget(stats.p99.error, 0.1) } },
};

const knee: KneeRow = {
  mode: 'unpinned',
  saturationRps: 450,
  gridStep: 0.0198,
  gridFromRps: 270,
  gridToRps: 495,
  predictedRps: 420.5,
  predictedAtTop: false,
  measuredRps: 404.1,
  measuredAtTop: false,
  measuredUpToRps: null,
  probes: 5,
  error: (404.1 - 420.5) / 420.5,
  verdict: { met: true, sure: true, cell: 'yes' },
};

describe('the fidelity table', () => {
  it('puts one row per scenario × mode with intervals, verdict, valid runs and targets', () => {
    const lines = scenarioTable([row, { ...row, busy: 0.85, targets: { p50: null, p99: null } }]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| scenario \| mode \| busy \|/);
    const cells = lines[2]!.split(' | ');
    expect(cells[0]).toBe('| busy-70');
    expect(cells[2]).toBe('70 % (315/s)');
    expect(cells[3]).toBe('5.10 [5.00–5.20]'); // predicted p50, mean [its spread over the seeds]
    expect(cells[4]).toMatch(/^5\.20 ± \d+\.\d\d$/);
    expect(cells[5]).toMatch(/^\+2\.0 % \[−\d+\.\d %, \+\d+\.\d %\]$/);
    expect(cells[8]).toMatch(/^\+18\.9 % \[/); // p99: paired errors +2 and +5 over a mean prediction of 18.5
    expect(cells[10]).toBe('1/2');
    expect(cells[11]).toMatch(/^p50 ±5 %: yes\?, p99 ±10 %: no\? \|$/);
    expect(lines[3]).toMatch(/none above 80 % busy \|$/);
  });

  it('puts the knee per mode with its grid and error', () => {
    const line = kneeTable([knee], 0.05).split('\n')[2]!;
    expect(line).toBe('| unpinned | 450.0/s | 270–495/s, steps 1.98 % | 420.5/s | 404.1/s (5 grid points replayed) | −3.9 % | yes |');
    const open = kneeTable([{ ...knee, measuredUpToRps: 440, verdict: null, error: null }], 0.05).split('\n')[2]!;
    expect(open).toContain('404.1/s … 440.0/s');
  });

  it('sums up the targets met, surely met, the knees and the valid replays', () => {
    const sure = { bound: 0.05, met: true, sure: true, cell: 'yes' };
    const rows = [row, { ...row, targets: { p50: sure, p99: null }, validRuns: 2 }, { ...row, targets: { p50: null, p99: null } }];
    expect(summaryLine(rows, [knee, { ...knee, verdict: null, error: null }])).toBe(
      '**Targets met: 2 of 3** by the point estimate, 1 of them with the whole 95 % interval inside the bound; the knee within 5 %: 1 of 2 mode(s) (1 not comparable: a knee outside the grid); replays valid for fidelity (the generator kept its schedule): 4 of 6.',
    );
  });

  it('replaces only what lies between the markers', () => {
    const text = `# T\n\nbefore\n${TABLE_START}\nold table\n${TABLE_END}\nafter\n`;
    const block = figureBlock({ preamble: 'Measured somewhere.', summary: 'Targets met: all.', rows: [row], knees: [knee], kneeBound: 0.05, gaps: ['busy-70 · pinned: queue +3 ms'] });
    const next = replaceBetweenMarkers(text, block);
    expect(next.startsWith(`# T\n\nbefore\n${TABLE_START}\nMeasured somewhere.\n\nTargets met: all.\n\n| scenario`)).toBe(true);
    expect(next.endsWith(`- busy-70 · pinned: queue +3 ms\n${TABLE_END}\nafter\n`)).toBe(true);
    expect(next).not.toContain('old table');
    // Twice gives the same text.
    expect(replaceBetweenMarkers(next, block)).toBe(next);
  });

  it('refuses a missing, repeated or misordered marker', () => {
    expect(() => replaceBetweenMarkers('no markers', 'x')).toThrow(/exactly one/);
    expect(() => replaceBetweenMarkers(`${TABLE_START}${TABLE_START}${TABLE_END}`, 'x')).toThrow(/found 2 and 1/);
    expect(() => replaceBetweenMarkers(`${TABLE_END}\n${TABLE_START}`, 'x')).toThrow(/comes before/);
  });

  it('finds its markers in README.md, once each', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(() => replaceBetweenMarkers(readme, 'x')).not.toThrow();
  });
});
