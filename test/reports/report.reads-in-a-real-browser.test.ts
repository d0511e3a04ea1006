// The report as a person meets it: opened in a real browser (headless Chromium, Debian's
// `chromium`, driven by playwright-core), a sweep whose grid names are long. Every chart's labels
// must be distinct and whole — not cut with an ellipsis, not running past the chart's edge — the
// table must give every full name, candidates far from the frontier must be folded, and the page
// must raise no console error. A missing browser fails this test rather than skipping it (CI
// installs it: .ci/run); `SERVETWIN_CHROMIUM` points it at another binary.
/// <reference lib="dom" />
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { plan } from '../../planner/plan.js';
import { findCapacity } from '../../planner/capacity.js';
import { writeReport } from '../../reports/write.js';

const CHROMIUM = process.env.SERVETWIN_CHROMIUM ?? '/usr/bin/chromium';
/** The launch flags that work in a container as root. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-browser-'));
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
let candidateNames: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), or set SERVETWIN_CHROMIUM`);
  // A real sweep: 12 candidates named t[max_batch_size=…,replicas=…,instances=…], and the capacity of three.
  const loaded = loadScenario(path.resolve(import.meta.dirname, '../planner/fixtures/small-grid.yaml'));
  const result = await plan(loaded, { workers: 0 });
  candidateNames = result.candidates.map((c) => c.name);
  const capacity = await findCapacity(loaded, { workers: 0, tolerance: 0.1, candidates: result.frontier.slice(0, 3) });
  await writeReport(result, dir, { format: 'html', capacity });
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
}, 120_000);

afterAll(async () => {
  await context?.close();
});

interface Label {
  chart: string;
  group: string;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  svg: { left: number; right: number; top: number; bottom: number };
}

/** Every axis and legend label of every chart, with where the browser laid it out. */
async function chartLabels(): Promise<Label[]> {
  return page.evaluate(() => {
    const out: Label[] = [];
    for (const figure of document.querySelectorAll('figure')) {
      const svg = figure.querySelector('svg')!;
      const s = svg.getBoundingClientRect();
      figure.querySelectorAll('g.role-axis-label, g.role-legend-label').forEach((group, g) => {
        for (const t of group.querySelectorAll('text')) {
          const r = t.getBoundingClientRect();
          out.push({ chart: figure.id, group: `${group.getAttribute('class')}#${g}`, text: t.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom, svg: { left: s.left, right: s.right, top: s.top, bottom: s.bottom } });
        }
      });
    }
    return out;
  });
}

describe('the report in a browser', () => {
  it('raises no console error', () => {
    expect(problems).toEqual([]);
  });

  it('draws every chart, the latency-vs-load one included', async () => {
    const ids = await page.$$eval('figure', (fs) => fs.map((f) => f.id));
    expect(ids).toEqual(expect.arrayContaining(['cost-latency', 'latency-load', 'latency-percentiles', 'latency-breakdown', 'batch-sizes', 'timeseries']));
  });

  it('labels every chart with distinct, whole labels that stay inside the chart', async () => {
    const labels = await chartLabels();
    expect(labels.length).toBeGreaterThan(40);
    const byGroup = new Map<string, string[]>();
    for (const l of labels) {
      if (l.text === '') continue; // a log axis's unlabelled minor ticks
      expect(l.text, `${l.chart}: label cut short`).not.toMatch(/…$/);
      expect(l.left, `${l.chart}: "${l.text}" runs past the chart's left edge`).toBeGreaterThanOrEqual(l.svg.left - 0.5);
      expect(l.right, `${l.chart}: "${l.text}" runs past the chart's right edge`).toBeLessThanOrEqual(l.svg.right + 0.5);
      expect(l.top, `${l.chart}: "${l.text}" runs past the chart's top`).toBeGreaterThanOrEqual(l.svg.top - 0.5);
      expect(l.bottom, `${l.chart}: "${l.text}" runs past the chart's bottom`).toBeLessThanOrEqual(l.svg.bottom + 0.5);
      const key = `${l.chart} ${l.group}`;
      byGroup.set(key, [...(byGroup.get(key) ?? []), l.text]);
    }
    for (const [group, texts] of byGroup) expect(new Set(texts).size, `${group}: two labels read the same: ${texts.join(' | ')}`).toBe(texts.length);
    // The per-candidate charts name candidates by what varies (b4 · 2 rep · 1 inst), not by a cut name.
    const rows = labels.filter((l) => l.chart === 'latency-percentiles' && l.group.includes('axis')).map((l) => l.text);
    expect(rows.some((t) => /^(★ )?b\d+ · \d rep · \d inst$/.test(t))).toBe(true);
  });

  it('gives every candidate’s full name in the table, and a tooltip with it on the chart marks', async () => {
    const text = (await page.locator('section').filter({ hasText: 'Candidates' }).first().textContent()) ?? '';
    for (const name of candidateNames) expect(text).toContain(name);
    const titles = await page.$$eval('figure#latency-percentiles svg title', (ts) => ts.map((t) => t.textContent ?? ''));
    for (const name of candidateNames.filter((n) => titles.some((t) => t.startsWith(`${n}:`)))) expect(titles.some((t) => t.startsWith(`${name}: p99`))).toBe(true);
    expect(titles.some((t) => candidateNames.some((n) => t.startsWith(`${n}: p99`)))).toBe(true);
  });

  it('folds the candidates far from the frontier, and opens them on a click', async () => {
    const folded = page.locator('details.folded').first();
    await expect.poll(() => folded.count()).toBe(1);
    const rows = folded.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().isVisible()).toBe(false);
    await folded.locator('summary').click();
    expect(await rows.first().isVisible()).toBe(true);
  });
});
