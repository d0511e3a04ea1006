// The controls panel, built from levers.ts and choices.ts: per numeric lever a slider and a number
// box (the slider for moving, the box for typing any value, which the scenario schema then judges),
// a sentence of help, its default while it keeps one, and the schema's message for its field when
// there is one; per choice radio buttons or a drop-down; the schedule as a line of text. A control
// shows only where it means something (an HPA knob with the HPA). It reports changes with the input
// event's time (for the latency benchmark) and shows what it is given; the page (main.ts) owns the
// settings.
import { LEVERS, leverNudge, leverPosition, leverValue, leverValueAt, sliderRange, type Lever } from '../levers.js';
import { CHOICES, TEXTS, type Choice } from '../choices.js';
import { GROUPS, type Group, type Settings } from '../settings.js';
import type { Checked } from '../check-settings.js';

const GROUP_TITLES: Record<Group, string> = {
  model: 'Model',
  traffic: 'Traffic',
  network: 'Network and payload',
  batching: 'Batching',
  fleet: 'Fleet',
  autoscaler: 'Autoscaler',
  placement: 'Placement: edge or cloud',
  prices: 'Prices',
  run: 'Run and SLO',
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
  return value === null || !Number.isFinite(value) ? '' : String(Number(value.toPrecision(10)));
}

interface ChoiceControl {
  choice: Choice;
  row: HTMLElement;
  help: HTMLElement;
  /** Radio inputs by value, or the drop-down. */
  radios: Map<string, HTMLInputElement>;
  select: HTMLSelectElement | null;
}

export class Controls {
  private readonly profileNote: HTMLElement;
  private readonly levers = new Map<string, { lever: Lever; slider: HTMLInputElement; box: HTMLInputElement; row: HTMLElement }>();
  private readonly choices = new Map<string, ChoiceControl>();
  private readonly texts = new Map<string, { when: (s: Settings) => boolean; input: HTMLInputElement; row: HTMLElement }>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly general: HTMLElement;
  private profileOptions = '';

  constructor(root: HTMLElement, private readonly events: ControlsEvents) {
    this.general = el('div', { id: 'errors-general', class: 'errors-general', role: 'alert' });
    root.append(this.general);
    const groups = new Map<Group, HTMLFieldSetElement>();
    for (const id of GROUPS) {
      const g = el('fieldset', { class: 'group', id: `group-${id}` });
      g.append(el('legend', {}, GROUP_TITLES[id]));
      groups.set(id, g);
      root.append(g);
    }
    for (const choice of CHOICES) groups.get(choice.group)!.append(this.choiceRow(choice));
    this.profileNote = el('p', { class: 'help', id: 'profile-note' });
    this.choices.get('profile')!.row.insertBefore(this.profileNote, this.errors.get('profile')!);
    for (const t of TEXTS) {
      const row = el('div', { class: 'lever', 'data-control': t.field });
      const input = el('input', { type: 'text', id: `text-${t.field}`, spellcheck: 'false', autocomplete: 'off' });
      input.addEventListener('input', (e) => this.events.change({ [t.field]: input.value }, e.timeStamp));
      input.addEventListener('change', () => this.events.commit());
      row.append(el('label', { for: `text-${t.field}` }, t.label), input, el('p', { class: 'help' }, t.help), this.errorSlot(t.field));
      this.texts.set(t.field, { when: t.when, input, row });
      groups.get(t.group)!.append(row);
    }
    for (const lever of LEVERS) groups.get(lever.group)!.append(this.leverRow(lever));
  }

  private errorSlot(id: string): HTMLElement {
    const e = el('p', { class: 'error', id: `error-${id}`, role: 'alert' });
    e.hidden = true;
    this.errors.set(id, e);
    return e;
  }

  private choiceRow(choice: Choice): HTMLElement {
    const row = el('div', { class: 'lever', 'data-control': choice.field });
    const help = el('p', { class: 'help' });
    const control: ChoiceControl = { choice, row, help, radios: new Map(), select: null };
    if (choice.style === 'radio') {
      row.append(el('span', { class: 'label', id: `label-${choice.field}` }, choice.label));
      const seg = el('div', { class: 'segmented', role: 'radiogroup', 'aria-labelledby': `label-${choice.field}` });
      for (const [value, label] of choice.options) {
        const id = `${choice.field}-${value}`;
        const input = el('input', { type: 'radio', name: choice.field, id, value });
        input.addEventListener('change', (e) => input.checked && this.events.change({ [choice.field]: value }, e.timeStamp));
        seg.append(input, el('label', { for: id }, label));
        control.radios.set(value, input);
      }
      row.append(seg);
    } else {
      row.append(el('label', { for: choice.field }, choice.label));
      const select = el('select', { id: choice.field });
      for (const [value, label] of choice.options) select.append(el('option', { value }, label));
      select.addEventListener('change', (e) => (choice.field === 'profile' ? this.events.profile(select.value, e.timeStamp) : this.events.change({ [choice.field]: select.value }, e.timeStamp)));
      row.append(select);
      control.select = select;
    }
    row.append(help, this.errorSlot(choice.field));
    this.choices.set(choice.field, control);
    return row;
  }

  private leverRow(lever: Lever): HTMLElement {
    const row = el('div', { class: 'lever', 'data-control': lever.field });
    const label = el('label', { for: `lever-${lever.field}` }, lever.label);
    if (lever.unit) label.append(el('span', { class: 'unit' }, lever.unit));
    const range = sliderRange(lever);
    const slider = el('input', { type: 'range', id: `slider-${lever.field}`, min: String(range.min), max: String(range.max), step: String(range.step), 'aria-label': `${lever.label} slider${lever.unit ? ` (${lever.unit})` : ''}` });
    const box = el('input', { type: 'number', id: `lever-${lever.field}`, step: 'any', inputmode: 'decimal', 'aria-describedby': `help-${lever.field}` });
    slider.addEventListener('input', (e) => {
      const value = leverValueAt(lever, Number(slider.value));
      box.value = shown(value);
      this.events.change({ [lever.field]: value }, e.timeStamp);
    });
    box.addEventListener('input', (e) => {
      const text = box.value.trim();
      // An empty box is the lever's default where it has one; otherwise NaN, which the schema names.
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
    row.append(label, inputs, el('p', { class: 'help', id: `help-${lever.field}` }, lever.help), this.errorSlot(lever.field));
    this.levers.set(lever.field, { lever, slider, box, row });
    return row;
  }

  /** The profile picker's options (rebuilt only when they change, so an open picker is left alone). */
  setProfiles(options: readonly ProfileOption[]): void {
    const key = JSON.stringify(options);
    if (key === this.profileOptions) return;
    this.profileOptions = key;
    this.choices.get('profile')!.select!.replaceChildren(...options.map((o) => el('option', { value: o.value }, o.label)));
  }

  render(settings: Settings, checked: Checked, profileValue: string, profileNote: string): void {
    this.profileNote.textContent = profileNote;
    for (const { choice, row, help, radios, select } of this.choices.values()) {
      row.hidden = choice.when !== undefined && !choice.when(settings);
      const value = choice.field === 'profile' ? profileValue : String(settings[choice.field]);
      if (select && select.value !== value) select.value = value;
      for (const [v, input] of radios) input.checked = v === value;
      help.textContent = choice.options.find(([v]) => v === value)?.[2] ?? '';
    }
    for (const { when, input, row } of this.texts.values()) {
      row.hidden = !when(settings);
      if (document.activeElement !== input && input.value !== settings.schedule) input.value = settings.schedule;
    }
    for (const { lever, slider, box, row } of this.levers.values()) {
      const value = settings[lever.field];
      row.hidden = lever.when !== undefined && !lever.when(settings);
      if (row.hidden) continue;
      const showing = leverValue(lever, settings);
      slider.value = String(leverPosition(lever, showing ?? lever.min));
      if (lever.auto) {
        const v = lever.auto.value(settings);
        box.placeholder = v === null ? (lever.auto.none ?? 'required') : `default ${v}`;
        box.title = `Empty: ${lever.auto.says}${v === null ? '' : ` (${v})`}`;
      }
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
