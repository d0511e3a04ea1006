// The Markdown summary has one table row per candidate with the same number of cells as the header
// (a `|` in a name must not add a column), leads with the recommendation or the reason there is
// none, and escapes Markdown and HTML so a CI job summary shows the names as written.
import { describe, expect, it } from 'vitest';
import { candidateViews } from '../../reports/candidates.js';
import { mdEscape, renderMarkdown } from '../../reports/markdown.js';
import type { StoredResult } from '../../config/result.js';
import { result, sweep } from './fixture.js';

function tableRows(md: string): string[][] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .map((l) => l.slice(2, -2).split(/(?<!\\) \| /));
}

const render = (r: StoredResult) => renderMarkdown(r, candidateViews(r));

describe('the Markdown summary', () => {
  it('has one row per candidate, each as wide as the header', () => {
    const names = ['alpha', 'b|pipe', 'c*star*', '<script>x</script>', 'under_score'];
    const md = render(result(names, { overloadLast: true }));
    const [header, align, ...rows] = tableRows(md);
    expect(header).toContain('Candidate');
    expect(align!.every((a) => /^-+:?$/.test(a))).toBe(true);
    expect(rows).toHaveLength(names.length);
    for (const row of rows) expect(row).toHaveLength(header!.length);
    const nameColumn = header!.indexOf('Candidate');
    expect(rows.map((r) => r[nameColumn])).toEqual(['alpha', 'b\\|pipe', 'c\\*star\\*', '&lt;script&gt;x&lt;/script&gt;', 'under_score']);
    expect(md).not.toContain('<script>');
    expect(md).toMatch(/4 of 5 candidates meet the SLO/);
  });

  it('leads with the recommendation, marks it and the frontier, and gives the serving config', () => {
    const md = render(sweep(['a', 'b', 'c'], 'b', ['a', 'b']));
    expect(md).toMatch(/\*\*Recommended: b\*\*/);
    expect(md).toMatch(/Runner-up: a — cheaper but it misses the SLO/);
    const rows = tableRows(md).slice(2);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r[0])).toEqual(['◆', '★◆', '']); // sorted by cost: a, b, c
    expect(md).toContain('```json\n{\n  "schema": "servetwin.serving/v1"');
    expect(md).toMatch(/\$\/hour/);
  });

  it('says why there is no recommendation when none meets the SLO', () => {
    const md = render(sweep(['a', 'b'], null));
    expect(md).toMatch(/\*\*No candidate meets the SLO\*\*/);
    expect(md).toContain('No candidate meets p99 ≤ 25 ms on every seed.');
  });

  it('adds the SLO percentile as a column when it is not a stored one, e.g. p95', () => {
    const r = result(['a', 'b']);
    r.scenario.slo.percentile = 95;
    r.candidates[0]!.latency_at_slo_percentile_ms = 7.25;
    r.candidates[1]!.latency_at_slo_percentile_ms = 8.5;
    const [header, , ...rows] = tableRows(render(r));
    expect(header!.slice(2, 7)).toEqual(['p50 ms', 'p90 ms', 'p95 ms', 'p99 ms', 'p99.9 ms']);
    expect(rows.map((row) => row[4])).toEqual(['**7.25**', '**8.50**']);
  });

  it('reads a result written before drop_rate and latency_at_slo_percentile_ms existed', () => {
    const r = result(['a', 'b'], { overloadLast: true });
    r.scenario.slo.percentile = 95;
    delete r.scenario.slo.max_drop_rate;
    for (const c of r.candidates) {
      delete c.drop_rate;
      delete c.latency_at_slo_percentile_ms;
    }
    const md = render(r);
    const [header, , ...rows] = tableRows(md);
    expect(header).not.toContain('p95 ms');
    expect(rows.map((row) => row[4])).toEqual(['**10.0**', '**1,000**']); // p99 read for p95
    expect(rows[1]![9]).toBe('2,000 (20.00 %)'); // dropped / arrived
    expect(md).toContain('bold: the SLO’s percentile (p99 read for p95)');
  });

  it('mdEscape leaves ordinary words alone and neutralises markup', () => {
    expect(mdEscape('batch_8 of r1-i2')).toBe('batch_8 of r1-i2');
    expect(mdEscape('_em_ `code` [link](x) a|b\nc')).toBe('\\_em\\_ \\`code\\` \\[link\\](x) a\\|b c');
    expect(mdEscape('# title')).toBe('\\# title');
    expect(mdEscape('<b>&')).toBe('&lt;b&gt;&amp;');
  });
});
