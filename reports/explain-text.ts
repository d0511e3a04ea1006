// `servetwin explain` in the terminal: the explanation's layout (reports/explain-view.ts) as plain
// monospace text — wrapped paragraphs, aligned tables, and the latency budget as a bar of letters.
import type { Explanation } from '../config/explain.js';
import { layoutExplanation, type Bar, type Block } from './explain-view.js';

const WIDTH = 100;
const BAR_WIDTH = 56;

/** One letter per part of the latency budget, in the bar and its legend. */
export const BAR_LETTERS: Record<string, string> = { network: 'N', serving_overhead: 'H', batch_wait: 'B', queue: 'Q', forward_pass: 'F' };

export function formatExplanation(e: Explanation): string {
  const layout = layoutExplanation(e);
  const out: string[] = [layout.title, ...layout.intro.flatMap((t) => wrap(t, WIDTH, ''))];
  for (const c of layout.candidates) {
    out.push('', `━━ ${c.headline}`);
    for (const s of c.sections) {
      out.push('', s.title);
      for (const b of s.blocks) out.push(...block(b));
    }
  }
  for (const n of layout.notes) out.push('', ...wrap(`note: ${n}`, WIDTH, ''));
  return out.join('\n');
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'text':
      return wrap(b.text, WIDTH, '  ');
    case 'list':
      return b.items.flatMap((item) => wrap(item, WIDTH, '  - ', '    '));
    case 'table':
      return table([b.table.head, ...b.table.rows]).map((l) => `  ${l}`);
    case 'bars':
      return bars(b.bars);
  }
}

/** Columns padded to their widest cell: the first left-aligned, the rest right-aligned. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}

/** The latency budget as bars of letters on one scale (the longest total fills BAR_WIDTH). */
export function bars(list: readonly Bar[]): string[] {
  if (list.length === 0) return [];
  const longest = Math.max(...list.map((b) => b.totalMs), 1e-9);
  const labelWidth = Math.max(...list.map((b) => b.label.length));
  const lines = list.map((b) => {
    const cells = b.segments.map((s) => (BAR_LETTERS[s.part] ?? '?').repeat(Math.max(1, Math.round((s.ms / longest) * BAR_WIDTH)))).join('');
    return `  ${b.label.padEnd(labelWidth)}  ${cells.padEnd(BAR_WIDTH)}  ${fmtMs(b.totalMs)} ms`;
  });
  const used = new Set(list.flatMap((b) => b.segments.map((s) => s.part)));
  const legend = list.flatMap((b) => b.segments).filter((s, i, all) => all.findIndex((x) => x.part === s.part) === i && used.has(s.part));
  lines.push(`  ${''.padEnd(labelWidth)}  ${legend.map((s) => `${BAR_LETTERS[s.part]} ${s.label.replace(/ \(.*\)$/, '')}`).join(' · ')}`);
  return lines;
}

function fmtMs(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** Words wrapped to `width`, the first line after `first`, the others after `rest`. */
export function wrap(text: string, width: number, first: string, rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
