// The latency-vs-load chart from a real capacity search: one p-SLO and one p50 line per frontier
// candidate at every level tried, the knee ringed at the sustainable rate, the SLO line, the cost
// panel; it compiles and renders headless without a warning, and --burst puts the ratio on x.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { findCapacity } from '../../planner/capacity.js';
import { curvesToDraw, latencyLoadChart } from '../../reports/charts/latency-load.js';
import { renderSvg } from '../../reports/render.js';

type Spec = { vconcat: { layer?: { data: { values: Record<string, unknown>[] } }[]; data?: { values: Record<string, unknown>[] } }[] };

describe('latency against load', () => {
  it('draws each frontier candidate’s curves, its knee and the SLO, without a warning', async () => {
    const loaded = loadScenario(path.resolve(import.meta.dirname, '../planner/fixtures/small-grid.yaml'));
    const capacity = await findCapacity(loaded, { workers: 0, tolerance: 0.1, candidates: ['t[max_batch_size=4,replicas=1,instances=2]', 't[max_batch_size=4,replicas=2,instances=2]'] });
    const drawn = curvesToDraw(capacity);
    expect(drawn.map((c) => c.name)).toEqual(capacity.frontier);
    const chart = latencyLoadChart(capacity, drawn, (n) => n.replace('t[', '').replace(']', ''))!;
    const spec = chart.spec as unknown as Spec;
    const [latency, cost] = spec.vconcat;
    const layers = latency!.layer!;
    const slo = layers.find((l) => (l.data.values[0] as { text?: string } | undefined)?.text?.startsWith('SLO'))!;
    expect(slo.data.values[0]).toMatchObject({ ms: 40 });
    const rows = layers.find((l) => (l.data.values[0] as { stat?: string } | undefined)?.stat !== undefined)!.data.values;
    for (const c of drawn) expect(rows.filter((r) => (r.tip as string).startsWith(`${c.name}:`))).toHaveLength(2 * c.probes.length);
    const knees = layers[layers.length - 1]!.data.values;
    expect(knees.map((k) => k.x)).toEqual(drawn.filter((c) => c.level !== null).map((c) => c.sustainable_mean_rps));
    expect(cost!.data!.values).toHaveLength(drawn.reduce((n, c) => n + c.probes.length, 0));
    const { svg, warnings } = await renderSvg(chart.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('offered load, mean req/s');
  });

  it('puts the peak-to-trough ratio on x in a burst search', async () => {
    const loaded = loadScenario(path.resolve(import.meta.dirname, '../../scenarios/bursty-mmpp.yaml'));
    loaded.scenario = { ...loaded.scenario, duration_s: 60 };
    const capacity = await findCapacity(loaded, { workers: 0, tolerance: 0.25, burst: true, candidates: ['batch-8'] });
    const chart = latencyLoadChart(capacity, curvesToDraw(capacity), (n) => n)!;
    expect(chart.title).toBe('Latency against burstiness');
    const { svg, warnings } = await renderSvg(chart.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('peak-to-trough ratio');
  });
});
