// Latency against load, from a capacity search (servetwin.capacity/v1): for the capacity frontier's
// candidates, p50 (dashed) and the SLO's percentile (solid) at every level the search tried,
// against the offered rate, with the SLO latency as a red line and each candidate's knee — the
// highest load at which it met the SLO on every seed — ringed; below, what each costs at that
// load (flat for a fixed fleet, rising for an autoscaled one). With --burst the x axis is the
// MMPP's peak-to-trough ratio instead.
import type { CandidateCapacity, CapacityResult } from '../../config/capacity.js';
import { ms, num, rps, usd } from '../format.js';
import type { Chart, Layer } from './chart.js';
import { spansDecades } from './chart.js';
import { COLORS, CONFIG, PLOT_WIDTH, VEGA_LITE_SCHEMA } from './theme.js';

/** Lines on one chart at most: more would not be told apart. */
export const MAX_LOAD_CURVES = 6;
const LATENCY_HEIGHT = 300;
const COST_HEIGHT = 110;
/** Latencies above this many times the SLO are drawn at the top edge (an overloaded run reads seconds). */
const CLAMP = 20;

/** The candidates to draw: the capacity frontier (cheapest first), then `also` (e.g. the recommendation), at most MAX_LOAD_CURVES. */
export function curvesToDraw(capacity: CapacityResult, also: readonly string[] = []): CandidateCapacity[] {
  const byName = new Map(capacity.candidates.map((c) => [c.name, c]));
  const names = [...new Set([...also.filter((n) => byName.has(n)), ...capacity.frontier])];
  const chosen = names.length > 0 ? names.map((n) => byName.get(n)!) : capacity.candidates.slice(0, MAX_LOAD_CURVES);
  return chosen.slice(0, MAX_LOAD_CURVES);
}

export function latencyLoadChart(capacity: CapacityResult, candidates: readonly CandidateCapacity[], labelOf: (name: string) => string): Chart | null {
  const drawn = candidates.filter((c) => c.probes.length > 0);
  if (drawn.length === 0) return null;
  const s = capacity.scenario;
  const burst = capacity.search.mode === 'burst';
  const pLabel = `p${+s.slo.percentile.toFixed(3)}`;
  const xOf = (p: CandidateCapacity['probes'][number]) => (burst ? p.level : p.offered_mean_rps);
  const order = drawn.map((c) => labelOf(c.name));
  const top = s.slo.latency_ms * CLAMP;
  const rows = drawn.flatMap((c) =>
    c.probes.flatMap((p) => [
      { candidate: labelOf(c.name), x: xOf(p), ms: Math.min(p.latency_at_slo_percentile_ms, top), stat: pLabel, tip: `${c.name}: ${pLabel} ${ms(p.latency_at_slo_percentile_ms)} ms at ${burst ? `${num(p.level)}:1` : `${rps(p.offered_mean_rps)} req/s`} (worst seed)${p.slo_met ? '' : ', misses the SLO'}` },
      { candidate: labelOf(c.name), x: xOf(p), ms: Math.min(p.p50_ms, top), stat: 'p50', tip: `${c.name}: p50 ${ms(p.p50_ms)} ms at ${burst ? `${num(p.level)}:1` : `${rps(p.offered_mean_rps)} req/s`}` },
    ]),
  );
  const knees = drawn
    .filter((c) => c.level !== null)
    .map((c) => {
      const at = c.probes.find((p) => p.level === c.level)!;
      return { candidate: labelOf(c.name), x: xOf(at), ms: Math.min(at.latency_at_slo_percentile_ms, top), tip: `${c.name}: knee at ${burst ? `${num(at.level)}:1` : `${rps(at.offered_mean_rps)} req/s`} (×${+(c.headroom ?? at.level).toPrecision(3)})` };
    });
  const costs = drawn.flatMap((c) => c.probes.map((p) => ({ candidate: labelOf(c.name), x: xOf(p), cost: p.cost, tip: `${c.name}: ${capacity.cost_axis === 'usd_per_hour' ? `${usd(p.cost)}/h` : `${num(p.cost)} instances`}` })));
  const xs = rows.map((r) => r.x).filter((x) => x > 0);
  const logX = spansDecades(xs, 8);
  const xTitle = burst ? 'peak-to-trough ratio of the MMPP (at the scenario’s mean rate)' : 'offered load, mean req/s';
  const x = { field: 'x', type: 'quantitative' as const, title: `${xTitle}${logX ? ' (log scale)' : ''}`, scale: logX ? { type: 'log' as const, nice: false, domain: [Math.min(...xs) / 1.15, Math.max(...xs) * 1.15] } : { zero: false } };
  const ys = rows.map((r) => r.ms).filter((v) => v > 0);
  const y = {
    field: 'ms',
    type: 'quantitative' as const,
    title: 'end-to-end latency, ms (log scale)',
    scale: { type: 'log' as const, nice: false, domain: [Math.min(...ys, s.slo.latency_ms) / 1.3, Math.min(top, Math.max(...ys, s.slo.latency_ms) * 1.3)], clamp: true },
  };
  const color = { field: 'candidate', type: 'nominal' as const, title: null, scale: { domain: order }, sort: order, legend: { orient: 'bottom' as const, columns: 2, labelLimit: 320 } };
  const own = burst ? capacity.traffic.peak_to_trough : capacity.traffic.mean_rps;
  const ownRule: Layer[] =
    own === null
      ? []
      : [
          {
            data: { values: [{ x: own, text: burst ? 'scenario' : 'scenario load' }] },
            layer: [
              { mark: { type: 'rule', color: '#888', strokeDash: [2, 3] }, encoding: { x } },
              { mark: { type: 'text', color: '#666', align: 'left', dx: 3, baseline: 'top', fontSize: 11 }, encoding: { x, y: { value: 2 }, text: { field: 'text', type: 'nominal' } } },
            ],
          },
        ];
  const latencyPanel = {
    width: PLOT_WIDTH,
    height: LATENCY_HEIGHT,
    layer: [
      ...ownRule,
      {
        data: { values: [{ ms: s.slo.latency_ms, text: `SLO ${pLabel} ≤ ${num(s.slo.latency_ms)} ms` }] },
        layer: [
          { mark: { type: 'rule', color: COLORS.slo, strokeDash: [6, 3], strokeWidth: 2 }, encoding: { y } },
          { mark: { type: 'text', color: COLORS.slo, align: 'right', baseline: 'bottom', dy: -3, fontSize: 11 }, encoding: { y, x: { value: PLOT_WIDTH - 2 }, text: { field: 'text', type: 'nominal' } } },
        ],
      },
      {
        data: { values: rows },
        mark: { type: 'line', point: { filled: true, size: 28 }, strokeWidth: 1.8, clip: true },
        encoding: {
          x,
          y,
          color,
          strokeDash: { field: 'stat', type: 'nominal', title: null, scale: { domain: [pLabel, 'p50'], range: [[1, 0], [5, 3]] }, legend: null },
          detail: { field: 'stat', type: 'nominal' },
          description: { field: 'tip', type: 'nominal' },
        },
      },
      {
        data: { values: knees },
        mark: { type: 'point', shape: 'circle', filled: false, size: 260, strokeWidth: 2.5, clip: true },
        encoding: { x, y, color, description: { field: 'tip', type: 'nominal' } },
      },
    ],
  } satisfies Layer | Record<string, unknown>;
  const costPanel = {
    width: PLOT_WIDTH,
    height: COST_HEIGHT,
    data: { values: costs },
    mark: { type: 'line', point: { filled: true, size: 20 }, strokeWidth: 1.5, interpolate: 'step-after' },
    encoding: {
      x,
      y: { field: 'cost', type: 'quantitative', title: capacity.cost_axis === 'usd_per_hour' ? '$ per hour' : 'instances held', scale: { zero: true } },
      color,
      description: { field: 'tip', type: 'nominal' },
    },
  };
  return {
    id: 'latency-load',
    title: burst ? 'Latency against burstiness' : 'Latency against load',
    caption: `${burst ? 'For each candidate of the capacity frontier, latency as the MMPP grows burstier at the same mean rate' : 'For each candidate of the capacity frontier, latency as the whole traffic is scaled'}: the solid line is its ${pLabel} and the dashed one its p50 (worst seed), at every level the capacity search tried; the red line is the SLO latency. The ring marks its knee, the highest level at which it met the SLO on every seed${drawn.some((c) => c.status === 'non_monotone') ? ' (a non-monotone candidate is ringed at its conservative figure)' : ''}. Latencies above ${CLAMP}× the SLO are drawn at the top edge. Below: what it costs at each level${capacity.cost_axis === 'instances' ? ' in instances held (no prices were given)' : ''}.`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CONFIG,
      title: { text: burst ? 'Latency against burstiness' : 'Latency against load', subtitle: `${pLabel} solid, p50 dashed, ring: knee · red: SLO ${pLabel} ≤ ${num(s.slo.latency_ms)} ms · below: cost` },
      vconcat: [latencyPanel, costPanel],
      spacing: 14,
      resolve: { scale: { x: 'shared', color: 'shared' } },
    } as unknown as Chart['spec'],
  };
}
