// The autoscaler you can watch: replicas over time against the load, on the run's time axis. Ready
// replicas are a filled step, those provisioning and loading the model are stacked on them, the
// count the autoscaler asks for is a dashed line and the arrival rate a grey line on its own axis
// (right). Above the plot, a strip per state of the autoscaler shaded where it held: Knative's
// panic, the activator in the request path, a scale-down held back (stabilisation, delay), a
// scale-up delayed. The latency timeline marks when replicas became ready (timelines.ts).
import type { TimeSeries } from '../../../config/result.js';
import type { ScalingOverTime } from '../../worker/messages.js';
import { linear, linePath, newSvg, niceTicks, stepArea, svgEl, tickLabel, yAxis, type Frame } from '../svg.js';
import { timeAxis } from './timelines.js';

export interface ScalingData {
  width: number;
  durationS: number;
  warmupS: number;
  series: TimeSeries;
  scaling: ScalingOverTime | null;
}

/** The state strips: [class, label, per-bucket share or null when the run has none]. */
function strips(d: ScalingData): [string, string, readonly number[] | null, number][] {
  const s = d.series;
  const sc = d.scaling;
  const out: [string, string, readonly number[] | null, number][] = [];
  if (s.panic) out.push(['band-panic', 'panic', s.panic, s.interval_s]);
  if (s.activator_in_path) out.push(['band-activator', 'activator in path', s.activator_in_path, s.interval_s]);
  if (sc) {
    out.push(['band-holding', 'holding a scale-down', sc.holding_down, sc.bucket_s]);
    out.push(['band-delaying', 'delaying a scale-up', sc.delaying_up, sc.bucket_s]);
  }
  return out;
}

export const SCALING_LEGEND: [string, string][] = [
  ['area-ready', 'ready'],
  ['area-starting', 'provisioning'],
  ['area-loading', 'loading the model'],
  ['line-desired', 'asked for'],
  ['line-arrivals', 'load (req/s, right)'],
];

export function scalingChart(d: ScalingData): SVGSVGElement {
  const rows = strips(d);
  const STRIP = 9;
  const top = 14 + rows.length * (STRIP + 3);
  const FRAME: Frame = { width: d.width, height: 190 + rows.length * (STRIP + 3), left: 56, right: 56, top, bottom: 38 };
  const svg = newSvg(FRAME, 'Replicas over time against the load, with the autoscaler’s state above');
  const s = d.series;
  const sc = d.scaling;
  const bucketStart = (i: number) => i * (sc?.bucket_s ?? s.interval_s);
  const starting = sc ? sc.provisioning.map((p, i) => p + sc.loading[i]!) : [];
  const readyMax = Math.max(1, ...s.replicas, ...(s.desired_replicas ?? []), ...starting.map((v, i) => v + (s.replicas[Math.min(s.replicas.length - 1, Math.floor(bucketStart(i) / s.interval_s))] ?? 0)));
  const ticks = niceTicks(readyMax * 1.1, 4).filter((t) => Number.isInteger(t) || readyMax < 4);
  const y = linear([0, ticks[ticks.length - 1]!], [FRAME.height - FRAME.bottom, FRAME.top]);
  yAxis(svg, FRAME, y, ticks, 'replicas');
  const x = timeAxis(svg, FRAME, d.durationS, d.warmupS);
  // Load on its own axis, on the right.
  const loadMax = Math.max(1, ...s.arrival_rps);
  const loadTicks = niceTicks(loadMax * 1.05, 4);
  const yl = linear([0, loadTicks[loadTicks.length - 1]!], [FRAME.height - FRAME.bottom, FRAME.top]);
  const right = svgEl('g', { class: 'axis axis-y-right' });
  for (const t of loadTicks) right.append(svgEl('text', { x: FRAME.width - FRAME.right + 6, y: yl(t), 'dominant-baseline': 'middle' }, tickLabel(t)));
  const cy = (FRAME.top + FRAME.height - FRAME.bottom) / 2;
  right.append(svgEl('text', { x: FRAME.width - 10, y: cy, transform: `rotate(90 ${FRAME.width - 10} ${cy})`, 'text-anchor': 'middle', class: 'axis-title' }, 'requests / s'));
  svg.append(right);
  const xs = s.t_s.map((t) => t + s.interval_s / 2);
  svg.append(svgEl('path', { d: linePath(xs, s.arrival_rps, x, yl), class: 'line line-arrivals' }));
  svg.append(svgEl('path', { d: stepArea(s.t_s, s.interval_s, s.replicas, x, y), class: 'area area-ready' }));
  if (sc) {
    // Starting replicas stacked on the ready ones, bucket by bucket.
    const readyAt = (t: number) => s.replicas[Math.min(s.replicas.length - 1, Math.max(0, Math.floor(t / s.interval_s)))] ?? 0;
    for (let i = 0; i < sc.provisioning.length; i++) {
      const t0 = bucketStart(i);
      const base = readyAt(t0 + sc.bucket_s / 2);
      const prov = sc.provisioning[i]!;
      const load = sc.loading[i]!;
      if (load > 0.005) svg.append(svgEl('rect', { x: x(t0), width: Math.max(0.5, x(t0 + sc.bucket_s) - x(t0)), y: y(base + load), height: y(base) - y(base + load), class: 'area-loading' }));
      if (prov > 0.005) svg.append(svgEl('rect', { x: x(t0), width: Math.max(0.5, x(t0 + sc.bucket_s) - x(t0)), y: y(base + load + prov), height: y(base + load) - y(base + load + prov), class: 'area-starting' }));
    }
  }
  if (s.desired_replicas) svg.append(svgEl('path', { d: linePath(xs, s.desired_replicas, x, y), class: 'line line-desired' }));
  // The state strips above the plot.
  rows.forEach(([cls, label, share, width], r) => {
    const y0 = 6 + r * (STRIP + 3);
    svg.append(svgEl('rect', { x: FRAME.left, y: y0, width: FRAME.width - FRAME.left - FRAME.right, height: STRIP, class: 'band-track' }));
    share!.forEach((v, i) => {
      if (v < 0.01) return;
      const t0 = i * width;
      svg.append(svgEl('rect', { x: x(t0), y: y0, width: Math.max(0.8, x(Math.min(d.durationS, t0 + width)) - x(t0)), height: STRIP, class: `band ${cls}`, 'fill-opacity': Math.min(1, 0.25 + v * 0.75) }));
    });
    svg.append(svgEl('title', {}, label));
  });
  return svg;
}

/** The legend of the strips the run has. */
export function stripLegend(d: Pick<ScalingData, 'series' | 'scaling'>): [string, string][] {
  return strips({ ...d, width: 0, durationS: 0, warmupS: 0 }).map(([cls, label]) => [cls, label]);
}
