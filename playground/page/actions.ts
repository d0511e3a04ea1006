// The page's actions outside the levers: a preset to start from, a file to open (picked or dropped
// anywhere on the page), the scenario and the result to download, the link to copy. main.ts says
// what the settings and the last result are and what opening a file does.
import type { SimulationResult } from '../../config/result.js';
import { PRESETS, type Preset } from '../bundled.js';
import { scenarioFileName, scenarioYaml } from '../scenario-yaml.js';
import type { Settings } from '../settings.js';

export interface PageState {
  settings(): Settings;
  result(): SimulationResult | null;
  /** Opens a file's text as a scenario or a profile. */
  open(name: string, text: string): void;
  /** Opens a preset: its candidate, and the one to compare it with. */
  preset(preset: Preset): void;
  /** Back to the default view. */
  reset(): void;
}

function $<T extends HTMLElement = HTMLElement>(selector: string): T {
  const e = document.querySelector<T>(selector);
  if (!e) throw new Error(`the page has no ${selector}`);
  return e;
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function wireActions(page: PageState): void {
  const presets = $<HTMLSelectElement>('#preset');
  for (const p of PRESETS) presets.append(new Option(`${p.title}${p.compare ? ' (A/B)' : ''}`, p.id));
  presets.addEventListener('change', () => {
    const preset = PRESETS.find((p) => p.id === presets.value);
    if (preset) page.preset(preset);
    else if (presets.value === 'default') page.reset();
    presets.value = '';
  });

  const picker = $<HTMLInputElement>('#open-input');
  $('#open-file').addEventListener('click', () => picker.click());
  picker.addEventListener('change', async () => {
    for (const file of picker.files ?? []) page.open(file.name, await file.text());
    picker.value = '';
  });

  $('#download-scenario').addEventListener('click', () => download(scenarioFileName(page.settings()), scenarioYaml(page.settings()), 'application/yaml'));
  $('#download-result').addEventListener('click', () => {
    const result = page.result();
    if (result) download(scenarioFileName(page.settings()).replace(/\.yaml$/, '.result.json'), `${JSON.stringify(result, null, 2)}\n`, 'application/json');
  });

  const copy = $('#copy-link');
  copy.addEventListener('click', async () => {
    // The link shown too: a page opened from disk, or without clipboard permission, cannot copy it.
    const field = $<HTMLInputElement>('#share-link');
    field.value = location.href;
    field.hidden = false;
    field.select();
    try {
      await navigator.clipboard.writeText(location.href);
      copy.textContent = 'Link copied';
    } catch {
      copy.textContent = 'Copy the link below';
    }
    setTimeout(() => (copy.textContent = 'Copy link'), 2500);
  });

  // A file dropped anywhere on the page; the overlay shows while one is dragged over it.
  let depth = 0;
  document.addEventListener('dragenter', (e) => {
    e.preventDefault();
    depth++;
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', () => {
    if (--depth <= 0) document.body.classList.remove('dropping');
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', async (e) => {
    e.preventDefault();
    depth = 0;
    document.body.classList.remove('dropping');
    for (const file of e.dataTransfer?.files ?? []) page.open(file.name, await file.text());
  });
}
