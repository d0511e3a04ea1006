// Every chart spec the report builds is valid vega-lite: it compiles with vl.compile, vega runs it
// headless (renderer 'none') to an SVG, and neither raises a warning. Also: the cost chart appears
// only for priced results, and a large sweep charts a bounded set led by the recommendation.
import * as vl from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../reports/charts/index.js';
import { renderSvg } from '../../reports/render.js';
import { result, sweep } from './fixture.js';

describe('report charts', () => {
  const cases = [
    ['a plain simulate result', result(['a', 'b', 'c'], { overloadLast: true })],
    ['a priced sweep with a recommendation', sweep(['a', 'b', 'c', 'd'], 'b', ['a', 'b', 'c'])],
    ['one candidate', result(['only'])],
  ] as const;

  it.each(cases)('compile and render to SVG without warnings: %s', async (_what, r) => {
    const { charts } = buildCharts(r);
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) {
      const compiled = vl.compile(chart.spec).spec;
      expect(compiled.marks?.length ?? 0).toBeGreaterThan(0);
      const { svg, warnings } = await renderSvg(chart.spec);
      expect(warnings, chart.id).toEqual([]);
      expect(svg.startsWith('<svg'), chart.id).toBe(true);
      expect(svg).toMatch(/<\/svg>$/);
      expect(svg.length, chart.id).toBeGreaterThan(2000);
    }
  });

  it('shows the HTTP thread in the time breakdown only when a candidate has one, its means adding up', async () => {
    const plain = result(['a', 'b']);
    const breakdown = (r: typeof plain) => buildCharts(r).charts.find((c) => c.id === 'latency-breakdown')!;
    expect(JSON.stringify(breakdown(plain).spec)).not.toContain('HTTP thread');
    const fronted = result(['a', 'b']);
    fronted.candidates = fronted.candidates.map((c) => ({ ...c, frontend_ms: { ...c.queue_ms, mean: 1.25 } }));
    const chart = breakdown(fronted);
    const spec = chart.spec as { title: { subtitle: string }; layer: { data: { values: { candidate: string; part: string; ms: number }[] } }[] };
    expect(spec.title.subtitle).toBe('mean ms per request: network + HTTP thread + queue wait + compute');
    const rows = spec.layer[0]!.data.values.filter((row) => row.candidate === spec.layer[0]!.data.values[0]!.candidate);
    expect(rows.map((row) => row.part)).toEqual(['network', 'HTTP thread', 'queue wait', 'compute']);
    expect(rows[1]!.ms).toBe(1.25);
    const { warnings } = await renderSvg(chart.spec);
    expect(warnings).toEqual([]);
  });

  it('draws the cost chart only when the result is priced, with the frontier and the recommendation', async () => {
    expect(buildCharts(result(['a', 'b'])).charts.map((c) => c.id)).not.toContain('cost-latency');
    const priced = buildCharts(sweep(['a', 'b', 'c'], 'b', ['a', 'b']));
    const cost = priced.charts.find((c) => c.id === 'cost-latency');
    expect(cost).toBeDefined();
    const { svg } = await renderSvg(cost!.spec);
    expect(svg).toContain('★ b'); // the recommendation is labelled
    expect(svg).toContain('SLO 25 ms');
  });

  it('charts at most the top N of a large sweep, the recommendation and frontier first', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `cand-${String(i).padStart(2, '0')}`);
    const set = buildCharts(sweep(names, 'cand-30', ['cand-00', 'cand-30', 'cand-35']), { maxCandidates: 10, maxTimeSeries: 3 });
    expect(set).toMatchObject({ charted: 10, total: 40, timeSeries: 3 });
    const percentiles = set.charts.find((c) => c.id === 'latency-percentiles')!;
    const { svg } = await renderSvg(percentiles.spec);
    for (const name of ['★ cand-30', 'cand-35', 'cand-00']) expect(svg).toContain(`>${name}<`);
    const rows = new Set([...svg.matchAll(/>(?:★ )?(cand-\d\d)</g)].map((m) => m[1]));
    expect(rows.size).toBe(10);
  });
});
