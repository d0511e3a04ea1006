// The Markdown job summary: the verdict first, a table with a row per candidate and a column per
// check (cells that cannot break the table), and each failure spelled out.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../regression/check.js';
import { toMarkdown } from '../../regression/summary.js';
import { parseTolerances } from '../../regression/tolerance.js';
import { baseline, candidate, result } from './helpers.js';

describe('Markdown summary', () => {
  it('shows the verdict, one table row per candidate with the same number of cells, and the failures', () => {
    const report = runChecks(result([candidate('a|b', { p99: 30 }), candidate('c')]), baseline([candidate('a|b', { p99: 12 }), candidate('c')]), parseTolerances());
    const md = toMarkdown(report);
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ❌ servetwin check: hand-made — 1 of 12 checks failed');
    const rows = lines.filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(4);
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
    expect(rows[0]).toBe('| Candidate | SLO | p50 | p99 | throughput | slo_attainment | drop_rate |');
    expect(rows[2]).toContain('| a\\|b | ✅ 99.50% | ✅ 4.00 ms (+0.0%)');
    expect(rows[2]).toContain('❌ 30.0 ms (+150.0%)');
    expect(md).toContain('### Failures\n\n- **a\\|b · p99**: p99 30.0 ms vs baseline 12.0 ms (+150.0%): regressed past the 10% tolerance');
  });

  it('says so when everything passed', () => {
    expect(toMarkdown(runChecks(result([candidate('a')]), null, parseTolerances())).split('\n')[0]).toBe('## ✅ servetwin check: hand-made — 1 check passed');
  });
});
