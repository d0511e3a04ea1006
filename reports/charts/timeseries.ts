// The run over time, a few candidates at once: offered load, queue depth, utilisation of the
// instances, and — when they change — replicas and drops, on a shared time axis with the warm-up
// shaded. Shows what averages hide: a queue that builds in a burst, an autoscaler that lags.
import type { CandidateView } from '../candidates.js';
import type { StoredResult } from '../../config/result.js';
import type { TopLevelSpec } from 'vega-lite';
import type { Chart, Layer } from './chart.js';
import { COLORS, CONFIG, PLOT_WIDTH, VEGA_LITE_SCHEMA, candidateLabels } from './theme.js';

/** Points per series at most; longer series are averaged over consecutive intervals. */
const MAX_POINTS = 400;
const PANEL_HEIGHT = 100;

type Panel = { title: string; rows: { candidate: string; t: number; value: number | null; tip: string }[] };

export function timeSeriesChart(result: StoredResult, views: readonly CandidateView[]): Chart | null {
  const first = views[0];
  if (!first || first.candidate.timeseries.t_s.length === 0) return null;
  const labels = candidateLabels(views);
  const order = views.map((v) => labels.get(v)!);
  const unit = timeUnit(result.scenario.duration_s);
  const series = (v: CandidateView, values: readonly (number | null)[]) => {
    const t = starts(v.candidate.timeseries.t_s);
    return downsample(values).map((value, i) => ({ candidate: labels.get(v)!, t: t[i]! / unit.seconds, value, tip: v.name }));
  };

  const loadT = starts(first.candidate.timeseries.t_s);
  const load = downsample(first.candidate.timeseries.arrival_rps).map((value, i) => ({ t: loadT[i]! / unit.seconds, value }));
  const panels: Panel[] = [
    { title: 'queue depth', rows: views.flatMap((v) => series(v, v.candidate.timeseries.queue_depth)) },
    {
      title: 'busy (%)',
      rows: views.flatMap((v) => {
        const ts = v.candidate.timeseries;
        const instances = v.candidate.config.instances;
        return series(
          v,
          ts.busy_instances.map((busy, i) => {
            const capacity = (ts.replicas[i] ?? 0) * instances;
            return capacity > 0 ? (100 * busy) / capacity : null;
          }),
        );
      }),
    },
  ];
  if (views.some((v) => !constant(v.candidate.timeseries.replicas))) {
    panels.push({ title: 'replicas', rows: views.flatMap((v) => series(v, v.candidate.timeseries.replicas)) });
  }
  if (views.some((v) => v.candidate.timeseries.dropped_rps.some((d) => d > 0))) {
    panels.push({ title: 'drops (req/s)', rows: views.flatMap((v) => series(v, v.candidate.timeseries.dropped_rps)) });
  }

  const warmup = result.scenario.warmup_s / unit.seconds;
  const x = { field: 't', type: 'quantitative' as const, title: `time, ${unit.name}`, scale: { domain: [0, result.scenario.duration_s / unit.seconds], nice: false } };
  const hiddenX = { ...x, title: null, axis: { labels: false } };
  const shade = (withText: boolean): Layer[] => {
    if (warmup <= 0) return [];
    const band: Layer = {
      data: { values: [{ from: 0, to: warmup }] },
      mark: { type: 'rect', color: COLORS.warmup },
      encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
    };
    const text: Layer = {
      data: { values: [{ from: 0, text: 'warm-up' }] },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, color: '#777' },
      encoding: { x: { field: 'from', type: 'quantitative' }, y: { value: 0 }, text: { field: 'text', type: 'nominal' } },
    };
    return withText ? [band, text] : [band];
  };

  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    config: CONFIG,
    title: { text: 'Over time', subtitle: `${views.length === 1 ? 'one candidate' : `${views.length} candidates`}, averaged over ${intervalText(first.candidate.timeseries.interval_s, load.length, first.candidate.timeseries.t_s.length)}` },
    vconcat: [
      {
        width: PLOT_WIDTH,
        height: PANEL_HEIGHT,
        layer: [
          ...shade(true),
          {
            data: { values: load },
            mark: { type: 'area', color: COLORS.traffic, opacity: 0.8, interpolate: 'step-after' },
            encoding: { x: hiddenX, y: { field: 'value', type: 'quantitative', title: 'load (req/s)' } },
          },
        ],
      },
      ...panels.map((p, i) => ({
        width: PLOT_WIDTH,
        height: PANEL_HEIGHT,
        layer: [
          ...shade(false),
          {
            data: { values: p.rows },
            mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-after', clip: true },
            encoding: {
              x: i === panels.length - 1 ? x : hiddenX,
              y: { field: 'value', type: 'quantitative', title: p.title },
              color: { field: 'candidate', type: 'nominal', title: null, scale: { domain: order }, sort: order, legend: { orient: 'bottom', columns: 3, labelLimit: 260 } },
              description: { field: 'tip', type: 'nominal' },
            },
          } satisfies Layer,
        ],
      })),
    ],
    spacing: 16,
    // Lay panels out by their plot areas only: estimated text sizes would otherwise open gaps.
    bounds: 'flush',
    resolve: { scale: { color: 'shared' } },
  };
  return {
    id: 'timeseries',
    title: 'Over time',
    caption: `Offered load, then per candidate the time-averaged queue depth and the share of instances executing a batch${panels.length > 2 ? ', with replicas and drops where they change' : ''}. The grey band is the warm-up, left out of every statistic. A queue that keeps growing means the candidate cannot keep up with the load at that time.`,
    spec,
  };
}

function constant(values: readonly number[]): boolean {
  return values.every((v) => Math.abs(v - values[0]!) < 1e-9);
}

/** The start time of each group downsample() averages. */
function starts(t: readonly number[]): number[] {
  const k = Math.max(1, Math.ceil(t.length / MAX_POINTS));
  return t.filter((_, i) => i % k === 0);
}

/** Averages consecutive points so a series has at most MAX_POINTS (nulls are skipped in the mean). */
function downsample<T extends number | null>(values: readonly T[]): (number | null)[] {
  const k = Math.ceil(values.length / MAX_POINTS);
  if (k <= 1) return [...values];
  const out: (number | null)[] = [];
  for (let i = 0; i < values.length; i += k) {
    const chunk = values.slice(i, i + k).filter((v): v is Exclude<T, null> => v !== null);
    out.push(chunk.length === 0 ? null : chunk.reduce((a, b) => a + b, 0) / chunk.length);
  }
  return out;
}

function timeUnit(durationS: number): { name: string; seconds: number } {
  if (durationS > 4 * 3600) return { name: 'hours', seconds: 3600 };
  if (durationS > 600) return { name: 'minutes', seconds: 60 };
  return { name: 's', seconds: 1 };
}

function intervalText(intervalS: number, points: number, raw: number): string {
  const s = intervalS * Math.ceil(raw / Math.max(points, 1));
  return s >= 60 ? `${+(s / 60).toFixed(1)} min` : `${+s.toFixed(3)} s`;
}
