// Part 2 of the playground as a person meets it: `servetwin playground` in its own process, the page
// in headless Chromium, every request outside this machine aborted. An invalid combination (fewer
// replicas above most, edge placement without edge devices) gets the schema's own message by its
// control. An autoscaler you can watch — Knative on bursts — draws replicas against the load with
// its panic marked, and its p99 and price are exactly the CLI's on the downloaded scenario. A/B:
// a copy of a configuration shows no difference; one more replica on B is an effect beyond the
// spread over seeds, and B's p99 is the CLI's too; different traffic is said to be not like for
// like; the page's own link reopens the pair. The explain view shows `servetwin explain`'s own
// utilisation, and finds the knee by simulation. An automated accessibility check — axe-core's WCAG
// 2.1 A/AA rules, of which no serious or critical violation is allowed, and Chromium's own
// accessibility tree (every control named, every chart labelled, ids unique) — finds nothing, and
// at 1280×800 and at a phone's width nothing overflows sideways. No console error, no outside request.
/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TIMEOUT_MS, launchBrowser, root, servetwin, shownP99, startPlayground, waitForAnswer, type Browser, type Served } from './browser.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-playground2-'));
/** SERVETWIN_SCREENSHOTS=docs writes the screenshots into docs/ (as docs/playground.md shows them); else a temporary folder. */
const shots = process.env.SERVETWIN_SCREENSHOTS === 'docs' ? path.join(root, 'docs') : path.join(dir, 'shots');
mkdirSync(shots, { recursive: true });
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await startPlayground();
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(served.url);
  await waitForAnswer(page);
}, BROWSER_TIMEOUT_MS * 2);

afterAll(async () => {
  await browser?.context.close();
  await served?.stop();
});

async function download(p: Page, name: string): Promise<string> {
  const [d] = await Promise.all([p.waitForEvent('download'), p.click('#download-scenario')]);
  const file = path.join(dir, name);
  await d.saveAs(file);
  return file;
}

function cliRun(scenario: string): { p99: number; perHour: number } {
  const json = path.join(dir, `${path.basename(scenario)}.json`);
  const run = servetwin('simulate', scenario, '--json', json);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const c = (JSON.parse(readFileSync(json, 'utf8')) as { candidates: { latency_ms: { p99: number }; cost: { per_hour_usd: number } }[] }).candidates[0]!;
  return { p99: c.latency_ms.p99, perHour: c.cost.per_hour_usd };
}

async function waitForSpread(p: Page): Promise<void> {
  await p.waitForFunction(() => document.body.dataset.spread === 'done' && document.body.dataset.status === 'done', undefined, { timeout: BROWSER_TIMEOUT_MS });
}

async function verdicts(p: Page): Promise<Record<string, string>> {
  return p.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLElement>('#compare-table tbody tr')].map((r) => [r.dataset.figure!, r.dataset.verdict!])));
}

/** axe-core's browser build, injected into the page by the DevTools protocol (no script tag: the page's own scripts are untouched). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

/**
 * What axe-core calls serious or critical under the WCAG 2.1 A and AA rules, as `axe: rule (impact)
 * at selectors`; then what Chromium's own accessibility tree shows (every control named, every chart
 * labelled, ids unique, one top-level heading, a language).
 */
async function accessibilityProblems(p: Page): Promise<string[]> {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Runtime.evaluate', { expression: AXE_SOURCE });
  const violations = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const problems = (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; properties?: { name: string; value: { value: unknown } }[] }[] };
  await cdp.detach();
  const needName = new Set(['button', 'slider', 'spinbutton', 'combobox', 'radio', 'textbox', 'tab', 'checkbox', 'link', 'image', 'img', 'radiogroup', 'table']);
  problems.push(...nodes.filter((n) => !n.ignored && needName.has(n.role?.value ?? '') && !(n.name?.value ?? '').trim()).map((n) => `a ${n.role!.value} without a name`));
  const page = await p.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const visible = (e: Element) => (e as HTMLElement).offsetParent !== null;
    return {
      lang: document.documentElement.lang,
      duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
      unlabelledInputs: [...document.querySelectorAll('input:not([type=hidden]), select')].filter((e) => visible(e) && !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).map((e) => e.id),
      chartsWithoutLabel: [...document.querySelectorAll('svg.chart')].filter((s) => !s.getAttribute('aria-label')).length,
      headings: [...document.querySelectorAll('h1')].length,
    };
  });
  if (page.lang !== 'en') problems.push('the page has no language');
  problems.push(...page.duplicateIds.map((id) => `the id ${id} is used twice`), ...page.unlabelledInputs.map((id) => `the control ${id} has no label`));
  if (page.chartsWithoutLabel > 0) problems.push(`${page.chartsWithoutLabel} chart(s) without a text alternative`);
  if (page.headings !== 1) problems.push(`${page.headings} top-level headings`);
  return problems;
}

/** Sideways overflow at a width, and a screenshot there when it is named (docs/playground.md shows those). */
async function overflowAt(p: Page, width: number, height: number, name: string | null = null): Promise<number> {
  await p.setViewportSize({ width, height });
  await p.waitForTimeout(400); // the charts redraw at their new width on the next frame
  if (name !== null) await p.screenshot({ path: path.join(shots, name) });
  return p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('the playground’s autoscalers, A/B and explain view in Chromium', { timeout: BROWSER_TIMEOUT_MS * 3 }, () => {
  it('shows an invalid combination by its control, in the schema’s words', async () => {
    // The default view as it opens, for docs/playground.md.
    expect(await overflowAt(page, 390, 844, 'playground-phone.png')).toBe(0);
    expect(await overflowAt(page, 1280, 800, 'playground.png')).toBe(0);
    await page.selectOption('#autoscaler', 'hpa');
    await page.fill('#lever-min_replicas', '9');
    await page.fill('#lever-max_replicas', '4');
    await expect.poll(() => page.textContent('#error-min_replicas')).toBe('candidates[0].autoscaler.min_replicas: min_replicas must be <= max_replicas');
    expect(await page.getAttribute('body', 'data-status')).toBe('invalid');
    await page.fill('#lever-min_replicas', '1');
    await page.selectOption('#autoscaler', 'none');
    await page.click('label[for="placement-edge_only"]');
    await page.fill('#lever-edge_replicas', '0');
    await expect.poll(() => page.textContent('#error-placement')).toBe('candidates[0].edge: edge_only and hybrid placements need an `edge` section');
    await page.fill('#lever-edge_replicas', '1');
    await page.click('label[for="placement-cloud_only"]');
    await waitForAnswer(page);
  });

  it('watches Knative on bursts: replicas against load, panic marked, the CLI’s p99 and price', async () => {
    await page.fill('#lever-duration_s', '300');
    await page.click('label[for="arrivals-mmpp"]');
    await page.fill('#lever-rate_rps', '400');
    await page.selectOption('#autoscaler', 'kpa');
    await page.fill('#lever-kpa_target', '2');
    await page.fill('#lever-max_replicas', '10');
    await page.selectOption('#provisioning', 'deterministic');
    await page.fill('#lever-provisioning_s', '3');
    await waitForAnswer(page);
    expect(await page.locator('#card-scaling svg.chart').count()).toBe(1);
    expect(await page.locator('#card-scaling .band-panic').count()).toBeGreaterThan(0);
    expect(await page.locator('#card-scaling .area-starting, #card-scaling .area-loading').count()).toBeGreaterThan(0);
    expect(await page.locator('#card-latency .ready-mark').count()).toBeGreaterThan(0);
    expect(await overflowAt(page, 1280, 800)).toBe(0);
    await page.locator('#card-scaling').screenshot({ path: path.join(shots, 'playground-autoscaler.png') });
    await page.locator('#card-latency').screenshot({ path: path.join(shots, 'playground-cold-starts.png') });
    const cli = cliRun(await download(page, 'kpa.yaml'));
    const shown = await shownP99(page);
    expect(shown.ms).toBe(cli.p99);
    expect(await page.textContent('#tile-cost .tile-value')).toBe(`$${Number(cli.perHour.toPrecision(3))} / h`);
  });

  it('compares A and B on the same seeds: a copy is the same, one more replica is an effect, B is the CLI’s', async () => {
    await page.selectOption('#autoscaler', 'none');
    await page.click('label[for="arrivals-poisson"]');
    await page.fill('#lever-rate_rps', '420');
    await page.fill('#lever-duration_s', '120');
    await waitForAnswer(page);
    await page.click('#compare-toggle');
    await waitForAnswer(page);
    await waitForSpread(page);
    expect(new Set(Object.values(await verdicts(page)))).toEqual(new Set(['same']));
    expect(await page.getAttribute('body', 'data-editing')).toBe('b');
    await page.focus('#slider-replicas');
    await page.keyboard.press('ArrowRight');
    await waitForAnswer(page);
    await waitForSpread(page);
    const v = await verdicts(page);
    expect(v.p99).toBe('effect');
    expect(v.per_hour).toBe('effect');
    expect(await page.locator('#not-like').count()).toBe(0);
    expect(await page.textContent('#card-compare')).toContain('Replicas: 1 → 2');
    expect(await overflowAt(page, 1280, 800, 'playground-ab.png')).toBe(0);
    const cliB = cliRun(await download(page, 'b.yaml'));
    expect(Number(await page.getAttribute('#p99-b', 'data-ms'))).toBe(cliB.p99);
    // The link holds both sides: a new tab shows the same pair.
    const link = page.url();
    expect(link).toMatch(/#v=2&.*ab=b&b\.replicas=2/);
    const other = await browser.newPage();
    await other.goto(link);
    await waitForAnswer(other);
    expect(Number(await other.getAttribute('#p99-b', 'data-ms'))).toBe(cliB.p99);
    expect(await shownP99(other)).toEqual(await shownP99(page));
    await other.close();
    // Different traffic on B: said to be not like for like.
    await page.fill('#lever-rate_rps', '300');
    await waitForAnswer(page);
    await expect.poll(() => page.locator('#not-like').textContent()).toMatch(/Not like for like: A and B differ in traffic/);
    expect(await overflowAt(page, 1280, 800)).toBe(0);
    expect(await overflowAt(page, 390, 844)).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.click('#compare-toggle');
    await waitForAnswer(page);
  });

  it('explains the run with `servetwin explain`’s own figures', async () => {
    await page.fill('#lever-rate_rps', '300');
    await waitForAnswer(page);
    await page.click('#tab-explain');
    await page.locator('#explain-stations').waitFor();
    const file = await download(page, 'explained.yaml');
    const run = servetwin('explain', file, '--json=-', '--seeds', '1');
    expect(run.code).toBe(0);
    const cli = JSON.parse(run.stdout) as { candidates: { pools: { stations: { utilization: { formula: number; simulated: number } }[] }[] }[] };
    const station = cli.candidates[0]!.pools[0]!.stations[0]!;
    const cells = await page.locator('#explain-stations tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(-2)).toEqual([station.utilization.formula.toFixed(3), station.utilization.simulated.toFixed(3)]);
    expect(await page.locator('#explain-forms tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#explain-budget tbody tr').count()).toBeGreaterThan(1);
    // The knee by simulation: servetwin capacity's search, in the worker.
    await page.click('#find-knee');
    await page.locator('#knee-status[data-done="true"]').waitFor({ timeout: BROWSER_TIMEOUT_MS });
    expect(await page.textContent('#knee-status')).toMatch(/^The SLO holds up to ×[\d.]+ of this load: [\d,]+ req\/s offered; \d+ levels tried\.$/);
    expect(await overflowAt(page, 1280, 800, 'playground-explain.png')).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.click('#tab-results');
    await waitForAnswer(page);
  });

  it('passes the accessibility check and fits 1280×800 and a phone without sideways scrolling', async () => {
    await page.selectOption('#preset', 'default');
    await waitForAnswer(page);
    expect(await accessibilityProblems(page)).toEqual([]);
    // The check can fail: a button with no name and a duplicated id are caught.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { id: 'p99', className: 'probe' })));
    expect(await accessibilityProblems(page)).toEqual(['axe: button-name (critical) at .probe', 'a button without a name', 'the id p99 is used twice']);
    await page.evaluate(() => document.querySelector('button.probe')!.remove());
    expect(await overflowAt(page, 1280, 800)).toBe(0);
    expect(await overflowAt(page, 390, 844)).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    // Every control is reachable by the keyboard: Tab moves through them in order.
    const focusable = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#controls input, #controls select, #view-bar button')].filter((e) => e.offsetParent !== null && e.tabIndex >= 0).length);
    expect(focusable).toBeGreaterThan(20);
  });

  it('raised no console error and asked nothing of the outside network', () => {
    expect(browser.problems).toEqual([]);
    expect(browser.outside).toEqual([]);
  });
});
