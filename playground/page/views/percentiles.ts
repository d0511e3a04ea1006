// The latency percentiles as horizontal bars (p50, p90, p99) against the SLO's latency line: how
// far the slow requests sit from the typical one, and from the target.
import { linear, newSvg, niceTicks, svgEl, xAxis, type Frame } from '../svg.js';
import { ms } from './format.js';

export interface PercentileData {
  p50: number;
  p90: number;
  p99: number;
  sloMs: number;
  /** The SLO's percentile (99 for "p99 ≤ …"): its bar is the one judged. */
  sloPercentile: number;
  /** Figures of a run still going (approximate): drawn lighter. */
  partial: boolean;
}

export function percentileChart(d: PercentileData, width: number): SVGSVGElement {
  const FRAME: Frame = { width, height: 150, left: 46, right: 24, top: 24, bottom: 38 };
  const rows: [string, number, number][] = [
    ['p50', 50, d.p50],
    ['p90', 90, d.p90],
    ['p99', 99, d.p99],
  ];
  const svg = newSvg(FRAME, `Latency percentiles: p50 ${ms(d.p50)}, p90 ${ms(d.p90)}, p99 ${ms(d.p99)}; SLO ${ms(d.sloMs)}`);
  const max = Math.max(d.p99, d.sloMs) * 1.12;
  const ticks = niceTicks(max, 6);
  const x = linear([0, ticks[ticks.length - 1]!], [FRAME.left, FRAME.width - FRAME.right]);
  const plotH = FRAME.height - FRAME.top - FRAME.bottom;
  const band = plotH / rows.length;
  for (const t of ticks) svg.append(svgEl('line', { x1: x(t), x2: x(t), y1: FRAME.top, y2: FRAME.height - FRAME.bottom, class: t === 0 ? 'baseline' : 'grid' }));
  rows.forEach(([label, pct, value], i) => {
    const cy = FRAME.top + band * (i + 0.5);
    const over = value > d.sloMs;
    const judged = pct === d.sloPercentile;
    svg.append(svgEl('text', { x: FRAME.left - 8, y: cy, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: judged ? 'bar-label judged' : 'bar-label' }, label));
    const w = Math.max(1, x(value) - x(0));
    svg.append(svgEl('rect', { x: x(0), y: cy - band * 0.3, width: w, height: band * 0.6, rx: 3, class: `bar ${over ? 'bar-over' : 'bar-within'}${d.partial ? ' bar-partial' : ''}` }));
    const inside = w > 90;
    svg.append(svgEl('text', { x: inside ? x(value) - 6 : x(value) + 6, y: cy, 'text-anchor': inside ? 'end' : 'start', 'dominant-baseline': 'middle', class: inside ? 'bar-value inside' : 'bar-value' }, `${d.partial ? '≈ ' : ''}${ms(value)}`));
  });
  const sx = x(d.sloMs);
  svg.append(svgEl('line', { x1: sx, x2: sx, y1: FRAME.top - 6, y2: FRAME.height - FRAME.bottom, class: 'slo-line' }));
  svg.append(svgEl('text', { x: sx, y: FRAME.top - 10, 'text-anchor': sx > FRAME.width - 80 ? 'end' : 'middle', class: 'slo-label' }, `SLO ${ms(d.sloMs)}`));
  xAxis(svg, FRAME, x, ticks, 'latency (ms), end to end');
  return svg;
}
