// The run over time, three charts on one time axis: latency (p50 and p99 of the requests sent in
// each interval, with the SLO line), the queue (requests waiting, averaged and at its longest), and
// traffic (requests sent and served per second, and drops). The warm-up, left out of the figures,
// is shaded. With an autoscaler, the latency timeline marks when new replicas became ready and
// shades the stretches with none ready, where requests wait for a cold start.
import type { TimeSeries } from '../../../config/result.js';
import type { OverTime, ScalingOverTime } from '../../worker/messages.js';
import { linear, linePath, newSvg, niceTicks, stepArea, svgEl, timeLabel, timeTicks, xAxis, yAxis, type Frame, type Scale } from '../svg.js';


export interface TimelineData {
  /** The chart's width in pixels (its card's). */
  width: number;
  durationS: number;
  warmupS: number;
  sloMs: number;
  overTime: OverTime;
  /** The simulator's time series (absent while a run is still going). */
  series: TimeSeries | null;
  /** The queue bound of all replicas together. */
  queueCap: number;
  /** What the autoscaler did (null without one, or while a run goes on). */
  scaling: ScalingOverTime | null;
}

function frameOf(d: TimelineData): Frame {
  return { width: d.width, height: 150, left: 56, right: 16, top: 12, bottom: 38 };
}

/** The run's time axis along the bottom of FRAME, the warm-up shaded. */
export function timeAxis(svg: SVGSVGElement, FRAME: Frame, durationS: number, warmupS: number): Scale {
  const x = linear([0, durationS], [FRAME.left, FRAME.width - FRAME.right]);
  if (warmupS > 0) {
    const w = x(warmupS) - x(0);
    svg.append(svgEl('rect', { x: x(0), y: FRAME.top, width: w, height: FRAME.height - FRAME.top - FRAME.bottom, class: 'warmup' }));
    if (w > 44) svg.append(svgEl('text', { x: x(0) + 4, y: FRAME.top + 10, class: 'warmup-label' }, 'warm-up'));
  }
  xAxis(svg, FRAME, x, timeTicks(durationS), 'time into the run', (t) => timeLabel(t, durationS));
  return x;
}

function yScale(FRAME: Frame, max: number): { y: Scale; ticks: number[] } {
  const ticks = niceTicks(max, 4);
  return { y: linear([0, ticks[ticks.length - 1]!], [FRAME.height - FRAME.bottom, FRAME.top]), ticks };
}

/** Points at the middle of each bucket. */
function centres(o: OverTime): number[] {
  return o.t_s.map((t) => t + o.bucket_s / 2);
}

export function latencyTimeline(d: TimelineData): SVGSVGElement {
  const FRAME = frameOf(d);
  const svg = newSvg(FRAME, 'Latency over time: p50 and p99 of the requests sent in each interval, with the SLO');
  const values = [...d.overTime.p99_ms, ...d.overTime.p50_ms].filter((v): v is number => v !== null);
  const { y, ticks } = yScale(FRAME, Math.max(d.sloMs * 1.15, ...values));
  yAxis(svg, FRAME, y, ticks, 'latency (ms)');
  const x = timeAxis(svg, FRAME, d.durationS, d.warmupS);
  const xs = centres(d.overTime);
  svg.append(svgEl('line', { x1: FRAME.left, x2: FRAME.width - FRAME.right, y1: y(d.sloMs), y2: y(d.sloMs), class: 'slo-line' }));
  svg.append(svgEl('text', { x: FRAME.left + 6, y: y(d.sloMs) - 5, class: 'slo-label' }, `SLO ${d.sloMs} ms`));
  coldStarts(svg, FRAME, d, x);
  svg.append(svgEl('path', { d: linePath(xs, d.overTime.p50_ms, x, y), class: 'line line-p50' }));
  svg.append(svgEl('path', { d: linePath(xs, d.overTime.p99_ms, x, y), class: 'line line-p99' }));
  return svg;
}

/** Stretches with no replica ready (shaded: requests wait for one to start) and when replicas became ready (ticks). */
function coldStarts(svg: SVGSVGElement, FRAME: Frame, d: TimelineData, x: Scale): void {
  const s = d.series;
  if (d.scaling === null || s === null) return;
  const bottom = FRAME.height - FRAME.bottom;
  s.replicas.forEach((r, i) => {
    if (r >= 0.5) return;
    const t0 = s.t_s[i]!;
    svg.append(svgEl('rect', { x: x(t0), y: FRAME.top, width: Math.max(0.8, x(t0 + s.interval_s) - x(t0)), height: bottom - FRAME.top, class: 'no-replica' }));
  });
  for (const t of d.scaling.ready_at_s) svg.append(svgEl('path', { d: `M${x(t).toFixed(1)},${bottom}l-4,6h8z`, class: 'ready-mark' }));
}

export function queueTimeline(d: TimelineData): SVGSVGElement {
  const FRAME = frameOf(d);
  const svg = newSvg(FRAME, 'Queue length over time: requests waiting, averaged over each interval and at the longest');
  const s = d.series;
  const max = s ? Math.max(1, ...s.queue_depth_max) : 1;
  // The cap is drawn when the queue comes near it: a far-off line would flatten everything else.
  const showCap = s !== null && max > d.queueCap * 0.25;
  const { y, ticks } = yScale(FRAME, showCap ? Math.max(max, d.queueCap) * 1.05 : max);
  yAxis(svg, FRAME, y, ticks, 'requests waiting');
  const x = timeAxis(svg, FRAME, d.durationS, d.warmupS);
  if (s) {
    const xs = s.t_s.map((t) => t + s.interval_s / 2);
    svg.append(svgEl('path', { d: linePath(xs, s.queue_depth_max, x, y), class: 'line line-queue-max' }));
    svg.append(svgEl('path', { d: stepArea(s.t_s, s.interval_s, s.queue_depth, x, y), class: 'area area-queue' }));
    if (showCap) {
      svg.append(svgEl('line', { x1: FRAME.left, x2: FRAME.width - FRAME.right, y1: y(d.queueCap), y2: y(d.queueCap), class: 'cap-line' }));
      svg.append(svgEl('text', { x: FRAME.left + 6, y: y(d.queueCap) - 5, class: 'cap-label' }, 'queue cap: beyond it, requests are dropped'));
    }
  } else {
    svg.append(svgEl('text', { x: (FRAME.left + FRAME.width) / 2, y: (FRAME.top + FRAME.height - FRAME.bottom) / 2, 'text-anchor': 'middle', class: 'pending' }, 'at the end of the run'));
  }
  return svg;
}

export function trafficTimeline(d: TimelineData): SVGSVGElement {
  const FRAME = frameOf(d);
  const svg = newSvg(FRAME, 'Traffic over time: requests sent and served per second, and drops');
  const s = d.series;
  const max = s ? Math.max(1, ...s.arrival_rps, ...s.throughput_rps) : 1;
  const { y, ticks } = yScale(FRAME, max * 1.05);
  yAxis(svg, FRAME, y, ticks, 'requests / s');
  const x = timeAxis(svg, FRAME, d.durationS, d.warmupS);
  if (s) {
    const xs = s.t_s.map((t) => t + s.interval_s / 2);
    svg.append(svgEl('path', { d: stepArea(s.t_s, s.interval_s, s.dropped_rps, x, y), class: 'area area-drops' }));
    svg.append(svgEl('path', { d: linePath(xs, s.arrival_rps, x, y), class: 'line line-arrivals' }));
    svg.append(svgEl('path', { d: linePath(xs, s.throughput_rps, x, y), class: 'line line-throughput' }));
  } else {
    svg.append(svgEl('text', { x: (FRAME.left + FRAME.width) / 2, y: (FRAME.top + FRAME.height - FRAME.bottom) / 2, 'text-anchor': 'middle', class: 'pending' }, 'at the end of the run'));
  }
  return svg;
}
