// Where a request's time goes, per candidate: mean network, HTTP thread (when the profile carries
// the engine's serving overhead), queue wait and compute, stacked. Means add up (unlike
// percentiles), so the bar's length is the mean end-to-end latency; a long queue segment says "add
// capacity", a long compute segment "smaller batches or a faster instance".
import type { CandidateView } from '../candidates.js';
import type { StoredResult } from '../../config/result.js';
import { ms, num } from '../format.js';
import type { Chart, Layer } from './chart.js';
import { COLORS, CONFIG, ROW_PLOT_WIDTH, ROW_STEP, VEGA_LITE_SCHEMA, candidateLabels } from './theme.js';

const ALL_PARTS = [
  { key: 'network_ms', label: 'network', color: COLORS.parts[0] },
  { key: 'frontend_ms', label: 'HTTP thread', color: COLORS.parts[1] },
  { key: 'queue_ms', label: 'queue wait', color: COLORS.parts[2] },
  { key: 'compute_ms', label: 'compute', color: COLORS.parts[3] },
] as const;

export function latencyBreakdownChart(result: StoredResult, views: readonly CandidateView[]): Chart {
  const fronted = views.some((v) => v.candidate.frontend_ms !== undefined);
  const PARTS = ALL_PARTS.filter((p) => p.key !== 'frontend_ms' || fronted);
  const mean = (v: CandidateView, key: (typeof ALL_PARTS)[number]['key']) => v.candidate[key]?.mean ?? 0;
  const labels = candidateLabels(views);
  const order = views.map((v) => labels.get(v)!);
  const rows = views.flatMap((v) => PARTS.map((p, i) => ({ candidate: labels.get(v)!, part: p.label, order: i, ms: mean(v, p.key), tip: `${v.name}: ${p.label} ${ms(mean(v, p.key))} ms (mean)` })));
  const totals = views.map((v) => ({ candidate: labels.get(v)!, ms: PARTS.reduce((sum, p) => sum + mean(v, p.key), 0) }));
  const cap = axisCap(
    totals.map((t) => t.ms),
    result.scenario.slo.latency_ms,
  );
  const clipped = cap === null ? [] : totals.filter((t) => t.ms > cap).map((t) => ({ ...t, text: `▸ ${ms(t.ms)} ms` }));
  const y = { field: 'candidate', type: 'nominal' as const, sort: order, title: null, axis: { labelLimit: 280 } };
  return {
    id: 'latency-breakdown',
    title: 'Where the time goes',
    caption: `Mean time per request spent on the network,${fronted ? ' on the replica’s HTTP thread (receiving, decoding and answering, with its waits),' : ''} waiting in the replica queue (including the batching delay) and computing its batch. Means add up, so each bar is the mean end-to-end latency; the tail is in the percentile chart.${
      clipped.length > 0 ? ` Bars longer than the axis are cut at ${num(cap!)} ms, their length written beside them.` : ''
    }`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CONFIG,
      title: { text: 'Where the time goes', subtitle: `mean ms per request: ${PARTS.map((p) => p.label).join(' + ')}` },
      width: ROW_PLOT_WIDTH,
      height: { step: ROW_STEP },
      layer: [
        {
          data: { values: rows },
          mark: { type: 'bar', height: { band: 0.7 }, clip: true },
          encoding: {
            y,
            x: { field: 'ms', type: 'quantitative', stack: 'zero', title: 'mean latency, ms', scale: cap === null ? {} : { domain: [0, cap], clamp: true, nice: false } },
            color: {
              field: 'part',
              type: 'nominal',
              title: null,
              scale: { domain: PARTS.map((p) => p.label), range: PARTS.map((p) => p.color) },
              sort: PARTS.map((p) => p.label),
            },
            order: { field: 'order', type: 'quantitative' },
            description: { field: 'tip', type: 'nominal' },
          },
        },
        ...(clipped.length > 0
          ? [
              {
                data: { values: clipped },
                mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#333' },
                encoding: { y, x: { value: ROW_PLOT_WIDTH }, text: { field: 'text', type: 'nominal' } },
              } satisfies Layer,
            ]
          : []),
      ],
    },
  };
}

/**
 * Where to cut the axis so one overloaded candidate (a mean of seconds) does not flatten the rest:
 * when the longest bar is over 5× the median, at 3× the median or the SLO latency, whichever is
 * longer. Null when no cut is needed.
 */
function axisCap(totals: readonly number[], sloMs: number): number | null {
  const sorted = [...totals].sort((a, b) => a - b);
  if (sorted.length < 2) return null;
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const max = sorted[sorted.length - 1]!;
  if (median <= 0 || max <= 5 * median) return null;
  const cap = Math.max(3 * median, sloMs);
  return cap < max ? cap : null;
}
