// Cost against tail latency, one dot per priced candidate: green meets the SLO (on every seed),
// grey misses it; the blue staircase is the Pareto frontier (nothing is both cheaper and faster
// than a point on it) and the orange ring the recommendation. Only drawn when the result has cost.
import type { CandidateView } from '../candidates.js';
import { percentileLabel, sloLatencyLabel } from '../candidates.js';
import type { StoredResult } from '../../config/result.js';
import { ms as msText, num, usd } from '../format.js';
import { type Chart, logScale, spansDecades } from './chart.js';
import { COLORS, CONFIG, PLOT_WIDTH, VEGA_LITE_SCHEMA, candidateLabels } from './theme.js';

/** At most this many names are written beside their dots (frontier first), so labels stay legible. */
const MAX_LABELS = 12;
const PLOT_HEIGHT = 340;

export function costLatencyChart(result: StoredResult, views: readonly CandidateView[]): Chart | null {
  const slo = result.scenario.slo;
  const stat = sloLatencyLabel(result);
  const priced = views.filter((v) => v.costPerHour !== null && v.sloLatencyMs > 0);
  if (priced.length === 0) return null;
  const labels = candidateLabels(priced, 28);
  const point = (v: CandidateView) => ({
    name: labels.get(v)!,
    cost: v.costPerHour!,
    ms: v.sloLatencyMs,
    verdict: v.meets ? 'meets the SLO' : 'misses the SLO',
    tip: `${v.name}: ${usd(v.costPerHour)}/h, ${stat.label} ${msText(v.sloLatencyMs)} ms, ${v.meets ? 'meets' : 'misses'} the SLO`,
  });
  const points = priced.map(point);
  const frontier = priced.filter((v) => v.onFrontier).sort((a, b) => a.costPerHour! - b.costPerHour!).map(point);
  const recommended = priced.filter((v) => v.recommended).map(point);
  const logY = spansDecades([...points.map((p) => p.ms), slo.latency_ms]);
  const logX = spansDecades(points.map((p) => p.cost), 50);
  const candidatesForLabels = [...priced.filter((v) => v.recommended), ...priced.filter((v) => v.onFrontier && !v.recommended)].map(point);
  const labelled = placeLabels(candidatesForLabels, {
    x: fraction(points.map((p) => p.cost), logX),
    y: fraction([...points.map((p) => p.ms), slo.latency_ms], logY, !logY),
  });
  const yTitle = `${stat.label} latency, ms${stat.exact ? '' : ` (stored percentile covering ${percentileLabel(slo.percentile)})`}${logY ? ', log scale' : ''}`;
  const x = { field: 'cost', type: 'quantitative' as const, title: `cost, $ per hour${logX ? ' (log scale)' : ''}`, scale: logX ? logScale(points.map((p) => p.cost)) : { zero: false, nice: true } };
  const y = { field: 'ms', type: 'quantitative' as const, title: yTitle, scale: logY ? logScale([...points.map((p) => p.ms), slo.latency_ms]) : { zero: true } };
  return {
    id: 'cost-latency',
    title: 'Cost against tail latency',
    caption: `Each dot is a candidate: its cost per hour and its ${stat.label} end-to-end latency. Green dots meet the SLO${views.some((v) => v.seedCount > 1) ? ' on every seed' : ''}, grey ones miss it. The blue staircase joins the Pareto frontier (no candidate is both cheaper and faster than a point on it); the orange ring marks the recommendation; the red line is the SLO latency.`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CONFIG,
      title: { text: 'Cost against tail latency', subtitle: `blue: Pareto frontier · orange ring: recommended · red: SLO ${percentileLabel(slo.percentile)} ≤ ${num(slo.latency_ms)} ms` },
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      layer: [
        {
          data: { values: [{ ms: slo.latency_ms, text: `SLO ${num(slo.latency_ms)} ms` }] },
          layer: [
            { mark: { type: 'rule', color: COLORS.slo, strokeDash: [6, 3], strokeWidth: 2 }, encoding: { y } },
            { mark: { type: 'text', color: COLORS.slo, align: 'right', baseline: 'bottom', dy: -3, fontSize: 11 }, encoding: { y, x: { value: PLOT_WIDTH - 2 }, text: { field: 'text', type: 'nominal' } } },
          ],
        },
        {
          data: { values: frontier },
          mark: { type: 'line', interpolate: 'step-after', color: COLORS.frontier, strokeWidth: 2, opacity: 0.8 },
          encoding: { x, y },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 60, opacity: 0.85 },
          encoding: {
            x,
            y,
            color: { field: 'verdict', type: 'nominal', title: null, scale: { domain: ['meets the SLO', 'misses the SLO'], range: [COLORS.meets, COLORS.misses] } },
            description: { field: 'tip', type: 'nominal' },
          },
        },
        {
          data: { values: recommended },
          mark: { type: 'point', filled: false, size: 320, strokeWidth: 3, color: COLORS.recommended },
          encoding: { x, y },
        },
        {
          data: { values: labelled },
          mark: { type: 'text', align: 'left', dx: 9, dy: -7, fontSize: 11, color: '#222' },
          encoding: { x, y, text: { field: 'name', type: 'nominal' } },
        },
      ],
    },
  };
}

type Point = { name: string; cost: number; ms: number };

/** Where a value falls along an axis, 0..1, roughly as vega will scale it (enough to keep labels apart). */
function fraction(values: readonly number[], log: boolean, fromZero = false): (v: number) => number {
  const f = log ? Math.log : (v: number) => v;
  const positive = values.filter((v) => (log ? v > 0 : true));
  const lo = fromZero ? 0 : f(Math.min(...positive));
  const hi = f(Math.max(...positive));
  return (v) => (hi > lo ? (f(v) - lo) / (hi - lo) : 0.5);
}

/** The labels to write, in priority order, leaving out any that would overlap one already placed. */
function placeLabels(points: readonly Point[], at: { x: (v: number) => number; y: (v: number) => number }): Point[] {
  const placed: { x0: number; x1: number; y: number }[] = [];
  const out: Point[] = [];
  for (const p of points) {
    if (out.length >= MAX_LABELS) break;
    const x0 = at.x(p.cost) * PLOT_WIDTH + 9;
    const box = { x0, x1: x0 + 6.5 * p.name.length, y: (1 - at.y(p.ms)) * PLOT_HEIGHT - 7 };
    if (placed.some((q) => Math.abs(q.y - box.y) < 13 && q.x0 < box.x1 && box.x0 < q.x1)) continue;
    placed.push(box);
    out.push(p);
  }
  return out;
}
