// The little the page's charts need, drawn by hand in SVG: scales, "nice" ticks, axes with titles,
// lines and areas. A few live charts redrawn on every result do not justify vega-lite in the page
// (the reports use it): its runtime would be most of the bundle, and compiling a spec costs tens of
// milliseconds a chart, a good part of the 300 ms a change may take to show.

const NS = 'http://www.w3.org/2000/svg';

export type Attrs = Record<string, string | number>;

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface Scale {
  (v: number): number;
  domain: [number, number];
  range: [number, number];
}

export function linear(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = ((v: number) => r0 + (v - d0) * k) as Scale;
  f.domain = domain;
  f.range = range;
  return f;
}

/** Round tick values (1, 2, 5 × 10ⁿ) covering [0, max], about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** A tick label: no trailing zeros, thousands grouped. */
export function tickLabel(v: number): string {
  if (Math.abs(v) >= 1000) return v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return String(Number(v.toPrecision(3)));
}

/** A time-axis label: seconds, or minutes/hours once they read better. */
export function timeLabel(s: number, spanS: number): string {
  if (spanS >= 3 * 3600) return `${tickLabel(s / 3600)} h`;
  if (spanS >= 3 * 60) return `${tickLabel(s / 60)} min`;
  return `${tickLabel(s)} s`;
}

/** Time ticks at round seconds, minutes or hours. */
export function timeTicks(spanS: number, count = 6): number[] {
  const unit = spanS >= 3 * 3600 ? 3600 : spanS >= 3 * 60 ? 60 : 1;
  return niceTicks(spanS / unit, count)
    .map((t) => t * unit)
    .filter((t) => t <= spanS + 1e-9);
}

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The plotting area's x and y ranges in a frame. */
export function plotRanges(f: Frame): { x: [number, number]; y: [number, number] } {
  return { x: [f.left, f.width - f.right], y: [f.height - f.bottom, f.top] };
}

export function newSvg(f: Frame, label: string): SVGSVGElement {
  return svgEl('svg', { viewBox: `0 0 ${f.width} ${f.height}`, width: f.width, height: f.height, role: 'img', 'aria-label': label, class: 'chart' });
}

/** Horizontal grid lines with labels on the left, and the axis title along it. */
export function yAxis(svg: SVGSVGElement, f: Frame, y: Scale, ticks: number[], title: string, format: (v: number) => string = tickLabel): void {
  const g = svgEl('g', { class: 'axis axis-y' });
  for (const t of ticks) {
    const py = y(t);
    g.append(svgEl('line', { x1: f.left, x2: f.width - f.right, y1: py, y2: py, class: t === 0 ? 'baseline' : 'grid' }));
    g.append(svgEl('text', { x: f.left - 6, y: py, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, format(t)));
  }
  const cy = (f.top + f.height - f.bottom) / 2;
  g.append(svgEl('text', { x: 12, y: cy, transform: `rotate(-90 12 ${cy})`, 'text-anchor': 'middle', class: 'axis-title' }, title));
  svg.append(g);
}

/** Tick marks and labels along the bottom, and the axis title under them. */
export function xAxis(svg: SVGSVGElement, f: Frame, x: Scale, ticks: number[], title: string, format: (v: number) => string = tickLabel): void {
  const g = svgEl('g', { class: 'axis axis-x' });
  const base = f.height - f.bottom;
  for (const t of ticks) {
    const px = x(t);
    g.append(svgEl('line', { x1: px, x2: px, y1: base, y2: base + 4, class: 'tick' }));
    g.append(svgEl('text', { x: px, y: base + 16, 'text-anchor': 'middle' }, format(t)));
  }
  g.append(svgEl('text', { x: (f.left + f.width - f.right) / 2, y: f.height - 4, 'text-anchor': 'middle', class: 'axis-title' }, title));
  svg.append(g);
}

/** A polyline through the points with a value, broken where a value is missing. */
export function linePath(xs: readonly number[], ys: readonly (number | null)[], x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(xs[i]!).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** A step area under the values (each held over its interval), down to zero. */
export function stepArea(starts: readonly number[], width: number, ys: readonly number[], x: Scale, y: Scale): string {
  if (starts.length === 0) return '';
  const y0 = y(0);
  let d = `M${x(starts[0]!).toFixed(1)},${y0.toFixed(1)}`;
  for (let i = 0; i < starts.length; i++) {
    const py = y(ys[i] ?? 0).toFixed(1);
    d += `L${x(starts[i]!).toFixed(1)},${py}L${x(starts[i]! + width).toFixed(1)},${py}`;
  }
  return `${d}L${x(starts[starts.length - 1]! + width).toFixed(1)},${y0.toFixed(1)}Z`;
}
