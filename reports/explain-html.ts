// The explanation as a section of the HTML report (reports/html.ts places it after the charts):
// the layout of reports/explain-view.ts as headings, paragraphs, tables and the latency budget as
// stacked bars in plain HTML and CSS, no script and no chart library. Every string goes through esc().
import type { Explanation } from '../config/explain.js';
import { layoutExplanation, type Bar, type Block } from './explain-view.js';
import { esc } from './html.js';

/** Colour of each part of the latency budget (Okabe–Ito, distinguishable with colour-blindness). */
const PART_COLOURS: Record<string, string> = { network: '#56b4e9', serving_overhead: '#cc79a7', batch_wait: '#f0e442', queue: '#e69f00', forward_pass: '#009e73' };

export function renderExplanationSection(e: Explanation): string {
  const layout = layoutExplanation(e);
  const parts: string[] = [`<section class="explain">`, `<h2>${esc('Explanation: the formulas beside the simulation')}</h2>`];
  parts.push(...layout.intro.map((t) => `<p class="muted">${esc(t)}</p>`));
  for (const c of layout.candidates) {
    parts.push(`<details${c.headline.includes('★') ? ' open' : ''}>`, `<summary><strong>${esc(c.headline)}</strong></summary>`);
    for (const s of c.sections) {
      parts.push(`<h4>${esc(s.title)}</h4>`);
      for (const b of s.blocks) parts.push(block(b));
    }
    parts.push('</details>');
  }
  for (const n of layout.notes) parts.push(`<p class="muted">${esc(n)}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'text':
      return `<p>${esc(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'table':
      return `<div class="table-wrap"><table><thead><tr>${b.table.head.map((h, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.table.rows
        .map((r) => `<tr>${r.map((cell, i) => `<td${i > 0 ? ' class="num"' : ''}>${esc(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table></div>`;
    case 'bars':
      return bars(b.bars);
  }
}

function bars(list: readonly Bar[]): string {
  if (list.length === 0) return '';
  const longest = Math.max(...list.map((b) => b.totalMs), 1e-9);
  const rows = list.map((b) => {
    const segs = b.segments
      .map((s) => `<span class="seg" style="width:${((s.ms / longest) * 100).toFixed(2)}%;background:${PART_COLOURS[s.part] ?? '#999'}" title="${esc(`${s.label}: ${s.ms.toFixed(2)} ms`)}"></span>`)
      .join('');
    return `<div class="bar-row"><span class="bar-label">${esc(b.label)}</span><span class="bar">${segs}</span><span class="bar-total">${esc(b.totalMs.toFixed(2))} ms</span></div>`;
  });
  const seen = list.flatMap((b) => b.segments).filter((s, i, all) => all.findIndex((x) => x.part === s.part) === i);
  const legend = seen.map((s) => `<span class="key"><span class="swatch" style="background:${PART_COLOURS[s.part] ?? '#999'}"></span>${esc(s.label)}</span>`).join(' ');
  return `<div class="budget">${rows.join('')}<div class="legend">${legend}</div></div>`;
}

/** The section's CSS, added to the report's own. */
export const EXPLAIN_CSS = `
.explain details { margin: 10px 0 18px; }
.explain h4 { margin: 16px 0 6px; font-size: 15px; }
.explain p, .explain li { max-width: 900px; }
.explain table { width: auto; min-width: 40%; }
.budget { margin: 8px 0; max-width: 860px; }
.bar-row { display: flex; align-items: center; gap: 8px; margin: 3px 0; font-size: 13px; }
.bar-label { width: 80px; color: var(--muted); }
.bar { flex: 1; display: flex; height: 16px; background: #f3f4f6; border-radius: 3px; overflow: hidden; }
.seg { display: block; height: 100%; }
.bar-total { width: 80px; text-align: right; font-variant-numeric: tabular-nums; }
.budget .legend .key { margin-right: 12px; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; vertical-align: baseline; }
`;
