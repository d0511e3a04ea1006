// `servetwin explain` as Markdown (for a README, a CI job summary or a notebook): the explanation's
// layout (reports/explain-view.ts) as headings, paragraphs, pipe tables and the latency budget as a
// bar of letters in a text block. Text from the scenario goes through mdEscape.
import type { Explanation } from '../config/explain.js';
import { layoutExplanation, type Block } from './explain-view.js';
import { bars } from './explain-text.js';
import { mdEscape } from './markdown.js';

/** `level`: the heading level of the title (2 inside a report, 1 on its own). */
export function renderExplanationMarkdown(e: Explanation, level = 1): string {
  const h = (n: number) => '#'.repeat(Math.min(6, level + n));
  const layout = layoutExplanation(e);
  const out: string[] = [`${h(0)} ${mdEscape(layout.title)}`, '', ...layout.intro.flatMap((t) => [mdEscape(t), ''])];
  for (const c of layout.candidates) {
    out.push(`${h(1)} ${mdEscape(c.headline)}`, '');
    for (const s of c.sections) {
      out.push(`${h(2)} ${mdEscape(s.title)}`, '');
      for (const b of s.blocks) out.push(...block(b), '');
    }
  }
  for (const n of layout.notes) out.push(`> ${mdEscape(n)}`, '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'text':
      return [mdEscape(b.text)];
    case 'list':
      return b.items.map((i) => `- ${mdEscape(i)}`);
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(mdEscape).join(' | ')} |`;
      return [row(b.table.head), `|${b.table.head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...b.table.rows.map(row)];
    }
    case 'bars':
      return b.bars.length === 0 ? [] : ['```text', ...bars(b.bars).map((l) => l.slice(2)), '```'];
  }
}
