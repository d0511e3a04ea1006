// The controls panel, built from levers.ts: per lever a slider and a number box (the slider for
// moving, the box for typing any value, which the scenario schema then judges), a sentence of help,
// and the schema's message for that field when there is one; the profile picker and the traffic
// pattern. It reports changes with the input event's time (for the latency benchmark) and shows
// what it is given; the page (main.ts) owns the settings.
import { LEVERS, leverNudge, leverPosition, leverValueAt, sliderRange, type Lever } from '../levers.js';
import { PATTERNS, type Pattern, type Settings } from '../settings.js';
import type { Checked } from '../check-settings.js';
import { defaultMaxQueueSize } from '../../config/batching.js';

const GROUPS: Record<Lever['group'], string> = { traffic: 'Traffic', batching: 'Batching', fleet: 'Fleet', run: 'Run and SLO' };
const PATTERN_LABELS: Record<Pattern, [string, string]> = {
  poisson: ['Steady', 'Poisson arrivals: random, at a constant average rate.'],
  diurnal: ['Daily curve', 'The rate rises and falls once over the run, like a day squeezed into it.'],
  mmpp: ['Bursty', 'Calm stretches and sudden bursts (a Markov-modulated Poisson process).'],
};

export interface ProfileOption {
  value: string;
  label: string;
}

export interface ControlsEvents {
  change(patch: Partial<Settings>, inputAt: number): void;
  profile(value: string, inputAt: number): void;
  /** The reader let go of a control (a slider released, a box left): its last value is the one to answer. */
  commit(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A number box's text: as typed when it parses to the value, else the value itself. */
function shown(value: number | null): string {
  return value === null || Number.isNaN(value) ? '' : String(Number(value.toPrecision(10)));
}

/** A nullable lever's value when left automatic: the queue bound the scenario schema derives. */
function autoValue(lever: Lever, s: Settings): number {
  return lever.field === 'max_queue_size' ? defaultMaxQueueSize(s.max_batch_size, s.instances) : lever.min;
}

export class Controls {
  private readonly profileSelect: HTMLSelectElement;
  private readonly profileNote: HTMLElement;
  private readonly patternInputs = new Map<Pattern, HTMLInputElement>();
  private readonly patternHelp: HTMLElement;
  private readonly levers = new Map<string, { lever: Lever; slider: HTMLInputElement; box: HTMLInputElement; row: HTMLElement }>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly general: HTMLElement;
  private profileOptions = '';

  constructor(root: HTMLElement, private readonly events: ControlsEvents) {
    this.general = el('div', { id: 'errors-general', class: 'errors-general', role: 'alert' });
    root.append(this.general);

    const model = el('fieldset', { class: 'group' });
    model.append(el('legend', {}, 'Model'));
    const field = el('div', { class: 'lever', 'data-control': 'profile' });
    field.append(el('label', { for: 'profile' }, 'Latency profile'));
    this.profileSelect = el('select', { id: 'profile' });
    this.profileSelect.addEventListener('change', (e) => this.events.profile(this.profileSelect.value, e.timeStamp));
    this.profileNote = el('p', { class: 'help', id: 'profile-note' });
    field.append(this.profileSelect, this.profileNote, this.errorSlot('profile'));
    model.append(field);
    root.append(model);

    const groups = new Map<Lever['group'], HTMLFieldSetElement>();
    for (const [id, title] of Object.entries(GROUPS) as [Lever['group'], string][]) {
      const g = el('fieldset', { class: 'group', id: `group-${id}` });
      g.append(el('legend', {}, title));
      groups.set(id, g);
      root.append(g);
    }
    const traffic = groups.get('traffic')!;
    const patterns = el('div', { class: 'lever', 'data-control': 'arrivals' });
    patterns.append(el('span', { class: 'label' }, 'Pattern'));
    const seg = el('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Traffic pattern' });
    for (const p of PATTERNS) {
      const input = el('input', { type: 'radio', name: 'arrivals', id: `arrivals-${p}`, value: p });
      input.addEventListener('change', (e) => input.checked && this.events.change({ arrivals: p }, e.timeStamp));
      seg.append(input, el('label', { for: `arrivals-${p}` }, PATTERN_LABELS[p][0]));
      this.patternInputs.set(p, input);
    }
    this.patternHelp = el('p', { class: 'help' });
    patterns.append(seg, this.patternHelp, this.errorSlot('arrivals'));
    traffic.append(patterns);
    for (const lever of LEVERS) groups.get(lever.group)!.append(this.leverRow(lever));
  }

  private errorSlot(id: string): HTMLElement {
    const e = el('p', { class: 'error', id: `error-${id}`, role: 'alert' });
    e.hidden = true;
    this.errors.set(id, e);
    return e;
  }

  private leverRow(lever: Lever): HTMLElement {
    const row = el('div', { class: 'lever', 'data-control': lever.field });
    const label = el('label', { for: `lever-${lever.field}` }, lever.label);
    if (lever.unit) label.append(el('span', { class: 'unit' }, lever.unit));
    const range = sliderRange(lever);
    const slider = el('input', { type: 'range', id: `slider-${lever.field}`, min: String(range.min), max: String(range.max), step: String(range.step), 'aria-label': `${lever.label} slider` });
    const box = el('input', { type: 'number', id: `lever-${lever.field}`, step: 'any', inputmode: 'decimal' });
    slider.addEventListener('input', (e) => {
      const value = leverValueAt(lever, Number(slider.value));
      box.value = shown(value);
      this.events.change({ [lever.field]: value }, e.timeStamp);
    });
    box.addEventListener('input', (e) => {
      const text = box.value.trim();
      // An empty box is the lever's automatic value where it has one; otherwise NaN, which the schema names.
      const value = text === '' ? (lever.auto ? null : Number.NaN) : box.valueAsNumber;
      this.events.change({ [lever.field]: value }, e.timeStamp);
    });
    slider.addEventListener('keydown', (e) => {
      const direction = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : 0;
      const current = Number.isFinite(box.valueAsNumber) ? box.valueAsNumber : leverValueAt(lever, Number(slider.value));
      const value = direction === 0 ? null : leverNudge(lever, current, direction);
      if (value === null) return;
      e.preventDefault();
      box.value = shown(value);
      slider.value = String(leverPosition(lever, value));
      this.events.change({ [lever.field]: value }, e.timeStamp);
      this.events.commit();
    });
    slider.addEventListener('change', () => this.events.commit());
    box.addEventListener('change', () => this.events.commit());
    const inputs = el('div', { class: 'lever-inputs' });
    inputs.append(slider, box);
    row.append(label, inputs, el('p', { class: 'help' }, lever.help), this.errorSlot(lever.field));
    this.levers.set(lever.field, { lever, slider, box, row });
    return row;
  }

  /** The picker's options (rebuilt only when they change, so an open picker is left alone). */
  setProfiles(options: readonly ProfileOption[]): void {
    const key = JSON.stringify(options);
    if (key === this.profileOptions) return;
    this.profileOptions = key;
    this.profileSelect.replaceChildren(...options.map((o) => el('option', { value: o.value }, o.label)));
  }

  render(settings: Settings, checked: Checked, profileValue: string, profileNote: string): void {
    if (this.profileSelect.value !== profileValue) this.profileSelect.value = profileValue;
    this.profileNote.textContent = profileNote;
    for (const [p, input] of this.patternInputs) input.checked = settings.arrivals === p;
    this.patternHelp.textContent = PATTERN_LABELS[settings.arrivals][1];
    for (const { lever, slider, box, row } of this.levers.values()) {
      const value = settings[lever.field];
      row.hidden = lever.patterns !== undefined && !lever.patterns.includes(settings.arrivals);
      slider.value = String(leverPosition(lever, value ?? autoValue(lever, settings)));
      if (lever.auto) box.placeholder = `auto (${autoValue(lever, settings)})`;
      // The box being typed in keeps its text ("0." is on its way to "0.5").
      if (document.activeElement !== box && shown(value) !== box.value) box.value = shown(value);
    }
    for (const [id, slot] of this.errors) {
      const messages = checked.byControl.get(id) ?? [];
      slot.textContent = messages.join('\n');
      slot.hidden = messages.length === 0;
      slot.closest('.lever')?.classList.toggle('invalid', messages.length > 0);
    }
    this.general.replaceChildren(...checked.general.map((m) => el('p', { class: 'error' }, m)));
    this.general.hidden = checked.general.length === 0;
  }
}
