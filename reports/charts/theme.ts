// Look shared by every chart of the report: fonts, sizes, colours, and the vega-lite config that
// applies them. Charts are drawn server-side with estimated text widths (no canvas), so sizes are
// fixed in pixels and labels kept short.
import type { Config } from 'vega-lite';
import type { CandidateView } from '../candidates.js';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Plot width of a full-width chart, px (the page's column is ~1100 px wide). */
export const PLOT_WIDTH = 900;
/** Plot width of a per-candidate chart, whose names take ~250 px on the left. */
export const ROW_PLOT_WIDTH = 620;
/** Height of one candidate's row in the per-candidate charts, px. */
export const ROW_STEP = 24;

export const FONT = 'DejaVu Sans, Helvetica Neue, Arial, sans-serif';

export const COLORS = {
  slo: '#c0392b',
  meets: '#2e7d32',
  misses: '#9e9e9e',
  frontier: '#1f5fa8',
  recommended: '#e69f00',
  warmup: '#eeeeee',
  traffic: '#b0bec5',
  /** End-to-end latency percentiles, light to dark as the tail grows. */
  percentiles: ['#9ecae1', '#4292c6', '#08519c', '#08306b'],
  /** Where the time goes: network, queue, compute. */
  parts: ['#8da0cb', '#e78ac3', '#fc8d62', '#66c2a5'],
} as const;

export const CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 15, fontWeight: 'bold', subtitleFontSize: 12, subtitleColor: '#555', offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#444', labelColor: '#333', gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal' },
  range: { category: ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'] },
};

/**
 * Axis labels for candidates: their short labels (reports/labels.ts: what tells them apart),
 * starred when recommended, cut short only as a last resort, and kept unique, since a nominal axis
 * would merge two equal labels. The full name is in the table and each mark's tooltip.
 */
export function candidateLabels(views: readonly CandidateView[], max = 36): Map<CandidateView, string> {
  const labels = new Map<CandidateView, string>();
  const used = new Set<string>();
  for (const v of views) {
    const base = v.recommended ? `★ ${v.label}` : v.label;
    let label = base.length <= max ? base : `${base.slice(0, max - 1)}…`;
    for (let k = 2; used.has(label); k++) label = `${base.slice(0, max - 6)}… #${k}`;
    used.add(label);
    labels.set(v, label);
  }
  return labels;
}
