// The Markdown summary: the SLO, the recommendation (or why there is none) and one table row per
// candidate, for a terminal or a CI job summary ($GITHUB_STEP_SUMMARY renders HTML inside
// Markdown, so text from the result is escaped for both).
import { type CandidateView, latencyColumns } from './candidates.js';
import { count, ms, pct, pctDown, rps, usd } from './format.js';
import type { StoredResult } from '../config/result.js';
import { describeConfig, footnotes, runText, sloNote, sloText, verdict } from './summary.js';
import type { CapacityResult } from '../config/capacity.js';
import { capacityMarkdown, capacityNotes } from './capacity-section.js';

/** Rows beyond this are summarised in one line, to stay within CI summary size limits. */
export const MAX_MARKDOWN_ROWS = 200;

/**
 * Escapes text for a Markdown table cell or paragraph: no emphasis, links, code or HTML, no broken
 * table. Intraword underscores (batch_8) are left alone, as GFM does not read them as emphasis.
 */
export function mdEscape(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*[\]|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([#+-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

export function renderMarkdown(
  result: StoredResult,
  views: readonly CandidateView[],
  charted: { charted: number; total: number; timeSeries: number } = { charted: views.length, total: views.length, timeSeries: views.length },
  capacity?: CapacityResult,
): string {
  const s = result.scenario;
  const v = verdict(result, views, capacity);
  const lines: string[] = [];
  lines.push(`## servetwin report: ${mdEscape(s.name)}`, '');
  lines.push(`SLO **${mdEscape(sloText(result))}** · ${mdEscape(runText(result))}`, '');
  const icon = { recommended: '✅', none: '❌', unranked: 'ℹ️' }[v.kind];
  lines.push(`${icon} **${mdEscape(v.headline)}**`, '');
  for (const d of v.details) lines.push(mdEscape(d), '');
  lines.push(...table(result, views), '');
  if (capacity) lines.push(...capacityMarkdown(capacity, views, mdEscape));
  if (v.servingConfig) {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(v.servingConfig) + 1));
    lines.push('Serving config for `servetwin serve --config`:', '', `${fence}json`, v.servingConfig, fence, '');
  }
  lines.push('Notes:', '');
  for (const n of [...footnotes(result, charted), ...(capacity ? capacityNotes(capacity) : [])]) lines.push(`- ${mdEscape(n)}`);
  lines.push('');
  return lines.join('\n');
}

function table(result: StoredResult, views: readonly CandidateView[]): string[] {
  const priced = views.some((v) => v.costPerHour !== null);
  const columns = latencyColumns(result);
  const marked = views.some((v) => v.recommended || v.onFrontier);
  const head = ['Candidate', 'Config', ...columns.map((c) => `${c.label} ms`), 'SLO attainment', 'SLO', 'Throughput req/s', 'Dropped', 'Mean batch', 'Busy'];
  if (priced) head.push('$/hour', '$/1M req');
  if (marked) head.unshift('');
  const align = head.map((h) => (['', 'Candidate', 'Config', 'SLO'].includes(h) ? '---' : '---:'));
  const shown = views.slice(0, MAX_MARKDOWN_ROWS);
  const rows = shown.map((v) => {
    const c = v.candidate;
    const mark = `${v.recommended ? '★' : ''}${v.onFrontier ? '◆' : ''}`;
    const met = v.meets ? 'met' : 'missed';
    const cells = [
      ...(marked ? [mark] : []),
      mdEscape(c.name),
      mdEscape(describeConfig(c)),
      ...columns.map((col) => (col.slo ? `**${ms(col.value(v))}**` : ms(col.value(v)))),
      pctDown(v.worstAttainment),
      v.seedCount > 1 ? `${met} ${v.seedsMet}/${v.seedCount}` : met,
      rps(c.throughput_rps),
      c.dropped > 0 ? `${count(c.dropped)} (${pct(v.dropRate, 2)})` : '0',
      c.mean_batch_size.toFixed(2),
      pct(c.utilization),
    ];
    if (priced) cells.push(usd(v.costPerHour), usd(v.costPerMillion));
    return `| ${cells.join(' | ')} |`;
  });
  const out = [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows];
  if (views.length > shown.length) out.push('', `… and ${views.length - shown.length} more candidates (see the HTML report or the result JSON).`);
  const legend = [
    views.some((v) => v.recommended) ? '★ recommended' : '',
    views.some((v) => v.onFrontier) ? '◆ on the cost / latency Pareto frontier' : '',
    `bold: the SLO’s percentile${sloNote(result)}`,
    priced ? 'sorted by cost' : '',
  ].filter(Boolean);
  out.push('', mdEscape(legend.join(' · ')));
  return out;
}

function longestBacktickRun(s: string): number {
  let best = 0;
  for (const m of s.matchAll(/`+/g)) best = Math.max(best, m[0].length);
  return best;
}
