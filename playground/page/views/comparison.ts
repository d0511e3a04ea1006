// A/B side by side: what B changes, every compared figure of A and B with the difference — marked as
// an effect only when it stands out of the spread over the seeds (compare-figures.ts), as noise
// otherwise — then each side's headline, replicas against load and latency over time in two
// columns (one above the other on a narrow screen). Side B's element ids carry a `-b`.
import type { Difference } from '../../compare-figures.js';
import { ms, percent, rps, usd } from './format.js';
import { chartWidth, resultParts, type Shown } from './results.js';

export interface Comparison {
  a: Shown & { kind: 'result' };
  b: Shown & { kind: 'result' };
  differences: Difference[];
  /** "Max batch size: 4 → 8", one per lever where B differs. */
  changes: string[];
  /** What makes the pair not like for like (traffic, seed, …); empty when it is. */
  notLike: string[];
  editing: 'a' | 'b';
  /** Seeds each side runs on for the spread, and how many have run. */
  seeds: { wanted: number; done: number; skipped: string | null };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function value(d: Difference, v: number | null): string {
  if (v === null) return '—';
  switch (d.figure.unit) {
    case 'ms':
      return ms(v);
    case 'share':
      return percent(v, 2);
    case 'rps':
      return rps(v);
    case 'usd_h':
      return `${usd(v)} / h`;
    case 'usd_m':
      return usd(v);
    case 'count':
      return String(Number(v.toPrecision(3)));
  }
}

function signed(d: Difference, v: number): string {
  const text = value(d, Math.abs(v));
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : '±0';
}

function verdictText(d: Difference): string {
  if (d.delta === null) return '';
  switch (d.verdict) {
    case 'same':
      return 'the same';
    case 'pending':
      return 'spread over seeds: running…';
    case 'noise':
      return `within the noise (seeds move it by up to ${value(d, d.spread ?? 0)})`;
    case 'effect': {
      const better = (d.delta < 0) === (d.figure.better === 'lower');
      return `an effect: B is ${d.delta < 0 ? 'lower' : 'higher'} (${better ? 'better' : 'worse'}) by more than the spread, ${value(d, d.spread ?? 0)}`;
    }
  }
}

function table(c: Comparison): HTMLElement {
  const t = el('table', 'compare-table');
  t.id = 'compare-table';
  const cap = el('caption', '', 'A and B on the same seed; each difference set against how much the figure moves from seed to seed.');
  const head = el('tr');
  for (const h of ['', 'A', 'B', 'B − A', 'Effect or noise?']) head.append(Object.assign(el('th', '', h), { scope: 'col' }));
  t.append(cap, el('thead'), el('tbody'));
  t.tHead!.append(head);
  for (const d of c.differences) {
    const row = el('tr', `diff-${d.verdict}`);
    row.dataset.figure = d.figure.id;
    row.dataset.verdict = d.verdict;
    row.append(Object.assign(el('th', '', d.figure.label), { scope: 'row' }), el('td', '', value(d, d.a)), el('td', '', value(d, d.b)), el('td', 'delta', d.delta === null ? '—' : signed(d, d.delta)), el('td', 'verdict-cell', verdictText(d)));
    t.tBodies[0]!.append(row);
  }
  return t;
}

/** Side B's ids get a suffix, so the page keeps one of each. */
function suffixIds(parts: Element[], suffix: string): Element[] {
  for (const p of parts) {
    if (p.id) p.id += suffix;
    for (const e of p.querySelectorAll('[id]')) e.id += suffix;
  }
  return parts;
}

function spreadCaption(c: Comparison): HTMLElement {
  const { wanted, done, skipped } = c.seeds;
  const p = el('p', 'caption', skipped ?? `Spread from ${done} of ${wanted} seeds per side (the shown seed and the next ${wanted - 1}). A difference counts as an effect when it is larger than the larger side's range over those seeds and points the same way on each of them.`);
  p.id = 'spread-caption';
  return p;
}

/** A seed of the spread came in: only the table and its caption change (the charts are the shown seed's). False when no comparison is drawn. */
export function updateDifferences(root: HTMLElement, c: Comparison): boolean {
  const old = root.querySelector('#compare-table');
  const caption = root.querySelector('#spread-caption');
  if (!root.classList.contains('compare') || !old || !caption) return false;
  old.replaceWith(table(c));
  caption.replaceWith(spreadCaption(c));
  return true;
}

export function renderComparison(root: HTMLElement, c: Comparison): void {
  root.classList.add('compare');
  const summary = el('section', 'card compare-summary');
  summary.id = 'card-compare';
  const h = el('h2', '', 'A/B: the same traffic, the same dice');
  summary.append(h);
  summary.append(el('p', 'caption', c.changes.length > 0 ? `B differs from A in: ${c.changes.join('; ')}.` : 'A and B are the same configuration: change a lever while editing B.'));
  if (c.notLike.length > 0) {
    const warn = el('p', 'not-like', `Not like for like: A and B differ in ${c.notLike.join(', ')}, so they do not see the same requests; their differences mix the change with the traffic.`);
    warn.id = 'not-like';
    warn.setAttribute('role', 'note');
    summary.append(warn);
  }
  summary.append(table(c), spreadCaption(c));
  const columns = el('div', 'compare-columns');
  const width = chartWidth(root, root.clientWidth >= 760 ? 2 : 1);
  for (const [side, shown] of [['a', c.a], ['b', c.b]] as const) {
    const col = el('section', `compare-column side-${side}${c.editing === side ? ' editing' : ''}`);
    col.setAttribute('aria-label', `Configuration ${side.toUpperCase()}`);
    col.append(el('h2', 'side-title', `${side.toUpperCase()}${c.editing === side ? ' (editing)' : ''}`));
    const parts = resultParts(shown, width).filter((p) => p.classList.contains('headline') || p.id === 'card-scaling' || p.id === 'card-latency');
    col.append(...(side === 'b' ? suffixIds(parts, '-b') : parts));
    columns.append(col);
  }
  root.replaceChildren(summary, columns);
}
