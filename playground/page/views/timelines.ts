// The run over time, three charts on one time axis: latency (p50 and p99 of the requests sent in
// each interval, with the SLO line), the queue (requests waiting, averaged and at its longest), and
// traffic (requests sent and served per second, and drops). The warm-up, left out of the figures,
// is shaded.
import type { TimeSeries } from '../../../config/result.js';
import type { OverTime } from '../../worker/messages.js';
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
}

function frameOf(d: TimelineData): Frame {
  return { width: d.width, height: 150, left: 56, right: 16, top: 12, bottom: 38 };
}

function timeAxis(svg: SVGSVGElement, d: TimelineData): Scale {
  const FRAME = frameOf(d);
  const x = linear([0, d.durationS], [FRAME.left, FRAME.width - FRAME.right]);
  if (d.warmupS > 0) {
    const w = x(d.warmupS) - x(0);
    svg.append(svgEl('rect', { x: x(0), y: FRAME.top, width: w, height: FRAME.height - FRAME.top - FRAME.bottom, class: 'warmup' }));
    if (w > 44) svg.append(svgEl('text', { x: x(0) + 4, y: FRAME.top + 10, class: 'warmup-label' }, 'warm-up'));
  }
  xAxis(svg, FRAME, x, timeTicks(d.durationS), 'time into the run', (t) => timeLabel(t, d.durationS));
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
  const x = timeAxis(svg, d);
  const xs = centres(d.overTime);
  svg.append(svgEl('line', { x1: FRAME.left, x2: FRAME.width - FRAME.right, y1: y(d.sloMs), y2: y(d.sloMs), class: 'slo-line' }));
  svg.append(svgEl('text', { x: FRAME.left + 6, y: y(d.sloMs) - 5, class: 'slo-label' }, `SLO ${d.sloMs} ms`));
  svg.append(svgEl('path', { d: linePath(xs, d.overTime.p50_ms, x, y), class: 'line line-p50' }));
  svg.append(svgEl('path', { d: linePath(xs, d.overTime.p99_ms, x, y), class: 'line line-p99' }));
  return svg;
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
  const x = timeAxis(svg, d);
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
  const x = timeAxis(svg, d);
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
