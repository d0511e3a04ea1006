// The bar above the results: which view (the results, or the explain view), and A/B — compare the
// configuration with a copy of it (B), switch the side the controls edit, copy the edited side over
// the other. It reports what was pressed; main.ts owns the state and tells it what to show.
// changedLevers names, for the comparison, each lever where B differs from A.
import { LEVERS } from '../levers.js';
import { CHOICES, TEXTS } from '../choices.js';
import type { Settings } from '../settings.js';

export type Lane = 'a' | 'b';

/** Each with the input event's time (for the latency benchmark). */
export interface ViewBarEvents {
  compare(on: boolean, inputAt: number): void;
  edit(lane: Lane, inputAt: number): void;
  copy(inputAt: number): void;
  view(view: 'results' | 'explain', inputAt: number): void;
}

function button(id: string, text: string, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.textContent = text;
  for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
  return b;
}

export class ViewBar {
  private readonly tabs: Record<'results' | 'explain', HTMLButtonElement>;
  private readonly compare: HTMLButtonElement;
  private readonly lanes: Record<Lane, HTMLButtonElement>;
  private readonly copy: HTMLButtonElement;
  private readonly pair: HTMLElement;

  constructor(root: HTMLElement, events: ViewBarEvents) {
    const tablist = document.createElement('div');
    tablist.className = 'tabs';
    tablist.setAttribute('role', 'tablist');
    tablist.setAttribute('aria-label', 'View');
    this.tabs = {
      results: button('tab-results', 'Results', { role: 'tab', 'aria-controls': 'results' }),
      explain: button('tab-explain', 'Explain', { role: 'tab', 'aria-controls': 'results', title: 'The closed forms beside the simulation, as `servetwin explain` computes them' }),
    };
    for (const [name, b] of Object.entries(this.tabs) as ['results' | 'explain', HTMLButtonElement][]) {
      b.addEventListener('click', (e) => events.view(name, e.timeStamp));
      tablist.append(b);
    }
    this.compare = button('compare-toggle', 'Compare A/B', { 'aria-pressed': 'false', title: 'Run a copy of this configuration beside it, on the same seeds, and change one side' });
    this.compare.addEventListener('click', (e) => events.compare(this.compare.getAttribute('aria-pressed') !== 'true', e.timeStamp));
    this.pair = document.createElement('div');
    this.pair.className = 'pair';
    this.pair.setAttribute('role', 'group');
    this.pair.setAttribute('aria-label', 'Side the controls edit');
    const label = document.createElement('span');
    label.textContent = 'Editing';
    this.lanes = { a: button('edit-a', 'A', { 'aria-pressed': 'false' }), b: button('edit-b', 'B', { 'aria-pressed': 'false' }) };
    this.lanes.a.addEventListener('click', (e) => events.edit('a', e.timeStamp));
    this.lanes.b.addEventListener('click', (e) => events.edit('b', e.timeStamp));
    this.copy = button('copy-side', 'Copy to the other side');
    this.copy.addEventListener('click', (e) => events.copy(e.timeStamp));
    this.pair.append(label, this.lanes.a, this.lanes.b, this.copy);
    root.append(tablist, this.compare, this.pair);
  }

  render(comparing: boolean, editing: Lane, view: 'results' | 'explain'): void {
    for (const [name, b] of Object.entries(this.tabs)) b.setAttribute('aria-selected', String(name === view));
    this.compare.setAttribute('aria-pressed', String(comparing));
    this.compare.textContent = comparing ? 'Stop comparing' : 'Compare A/B';
    this.pair.hidden = !comparing;
    for (const [lane, b] of Object.entries(this.lanes)) b.setAttribute('aria-pressed', String(lane === editing));
    this.copy.textContent = `Copy ${editing.toUpperCase()} to ${editing === 'a' ? 'B' : 'A'}`;
    document.body.dataset.editing = comparing ? editing : '';
  }
}

/** Each lever where B differs from A: "Max batch size: 4 → 8". */
export function changedLevers(a: Settings, b: Settings): string[] {
  const out: string[] = [];
  const text = (v: unknown) => (v === null ? 'default' : typeof v === 'object' ? 'as loaded' : String(v));
  for (const c of CHOICES) {
    if (JSON.stringify(a[c.field]) === JSON.stringify(b[c.field])) continue;
    const label = (v: unknown) => c.options.find(([o]) => o === v)?.[1] ?? text(v);
    out.push(c.field === 'profile' ? 'Latency profile' : `${c.label}: ${label(a[c.field])} → ${label(b[c.field])}`);
  }
  for (const t of TEXTS) if (a[t.field] !== b[t.field]) out.push(`${t.label}: ${a[t.field]} → ${b[t.field]}`);
  for (const l of LEVERS) if (!Object.is(a[l.field], b[l.field])) out.push(`${l.label}: ${text(a[l.field])} → ${text(b[l.field])}`);
  if (JSON.stringify(a.sites) !== JSON.stringify(b.sites)) out.push('Client sites');
  return out;
}
