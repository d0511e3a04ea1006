// End-to-end latency percentiles per candidate (p50, p90, p99, p99.9 as dots on a p50–p99.9 bar)
// against the SLO's latency line: a candidate meets the SLO when its dot for the SLO's percentile
// sits left of the line (and it dropped nothing that would count against it).
import type { CandidateView } from '../candidates.js';
import { percentileLabel } from '../candidates.js';
import type { StoredResult } from '../../config/result.js';
import { ms, num } from '../format.js';
import { type Chart, logScale, spansDecades } from './chart.js';
import { COLORS, CONFIG, ROW_PLOT_WIDTH, ROW_STEP, VEGA_LITE_SCHEMA, candidateLabels } from './theme.js';

const PERCENTILES = [
  { key: 'p50', label: 'p50' },
  { key: 'p90', label: 'p90' },
  { key: 'p99', label: 'p99' },
  { key: 'p999', label: 'p99.9' },
] as const;

export function latencyPercentilesChart(result: StoredResult, views: readonly CandidateView[]): Chart {
  const slo = result.scenario.slo;
  const labels = candidateLabels(views);
  const order = views.map((v) => labels.get(v)!);
  const points = views.flatMap((v) =>
    PERCENTILES.map((p) => ({ candidate: labels.get(v)!, percentile: p.label, ms: v.candidate.latency_ms[p.key], tip: `${v.name}: ${p.label} ${ms(v.candidate.latency_ms[p.key])} ms` })).filter((row) => row.ms > 0),
  );
  const ranges = views
    .filter((v) => v.candidate.latency_ms.p50 > 0)
    .map((v) => ({ candidate: labels.get(v)!, lo: v.candidate.latency_ms.p50, hi: v.candidate.latency_ms.p999 }));
  const log = spansDecades([...points.map((p) => p.ms), slo.latency_ms]);
  const sloText = `SLO: ${percentileLabel(slo.percentile)} ≤ ${num(slo.latency_ms)} ms`;
  const x = {
    field: 'ms',
    type: 'quantitative' as const,
    title: `end-to-end latency, ms${log ? ' (log scale)' : ''}`,
    scale: log ? logScale([...points.map((p) => p.ms), slo.latency_ms]) : { zero: true },
  };
  const y = { field: 'candidate', type: 'nominal' as const, sort: order, title: null, axis: { labelLimit: 280 } };
  return {
    id: 'latency-percentiles',
    title: 'Latency percentiles',
    caption: `Each row is a candidate; the dots are its end-to-end latency at p50, p90, p99 and p99.9, joined by a bar from p50 to p99.9. The red line is the SLO latency (${sloText}); candidates that dropped requests can miss the SLO even with dots left of it.`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CONFIG,
      title: { text: 'End-to-end latency percentiles', subtitle: sloText },
      width: ROW_PLOT_WIDTH,
      height: { step: ROW_STEP },
      layer: [
        {
          data: { values: ranges },
          mark: { type: 'rule', color: '#b5b5b5', strokeWidth: 3, strokeCap: 'round' },
          encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 70, opacity: 1 },
          encoding: {
            y,
            x,
            description: { field: 'tip', type: 'nominal' },
            color: {
              field: 'percentile',
              type: 'ordinal',
              title: 'percentile',
              scale: { domain: PERCENTILES.map((p) => p.label), range: [...COLORS.percentiles] },
            },
          },
        },
        {
          data: { values: [{ ms: slo.latency_ms, text: `SLO ${num(slo.latency_ms)} ms` }] },
          layer: [
            { mark: { type: 'rule', color: COLORS.slo, strokeDash: [6, 3], strokeWidth: 2 }, encoding: { x } },
            {
              mark: { type: 'text', color: COLORS.slo, align: 'left', dx: 4, baseline: 'top', fontSize: 11 },
              encoding: { x, y: { value: 2 }, text: { field: 'text', type: 'nominal' } },
            },
          ],
        },
      ],
    },
  };
}
