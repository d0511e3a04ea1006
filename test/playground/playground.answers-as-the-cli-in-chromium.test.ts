// The playground as a person meets it: `servetwin playground` started as its own process, the page
// opened in headless Chromium with every request outside this machine aborted. A slider moved with
// the keyboard and a number typed; the page's p99 is then exactly the CLI's: "Download scenario"
// gives a YAML that `servetwin simulate` runs to the same p99 and price, and the page's
// "Download result" is byte for byte the simulator part of the CLI's result JSON (so the bundle in
// Chromium and Node compute the same numbers, to the last digit). The page's address, opened in a
// fresh tab, shows the same configuration and answer. A long run streams its figures so far and
// the next change cancels it. No console error, no outside request.
/// <reference lib="dom" />
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TIMEOUT_MS, launchBrowser, longRunThenChange, servetwin, shownP99, startPlayground, waitForAnswer, type Browser, type Served } from './browser.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-playground-'));
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await startPlayground();
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(served.url);
  await waitForAnswer(page);
}, BROWSER_TIMEOUT_MS * 2);

afterAll(async () => {
  await browser?.context.close();
  await served?.stop();
});

/** Saves what clicking `selector` downloads. */
async function download(p: Page, selector: string, name: string): Promise<string> {
  const [d] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  const file = path.join(dir, name);
  await d.saveAs(file);
  return file;
}

interface CliRun {
  p99: number;
  perHour: number;
  resultJson: Record<string, unknown>;
}

function simulateWithCli(scenario: string): CliRun {
  const json = path.join(dir, `${path.basename(scenario)}.cli.json`);
  const run = servetwin('simulate', scenario, '--json', json);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(readFileSync(json, 'utf8')) as { candidates: { latency_ms: { p99: number }; cost: { per_hour_usd: number } }[] };
  return { p99: result.candidates[0]!.latency_ms.p99, perHour: result.candidates[0]!.cost.per_hour_usd, resultJson: result as unknown as Record<string, unknown> };
}

describe('the playground in Chromium', { timeout: BROWSER_TIMEOUT_MS * 2 }, () => {
  let afterChange: { text: string; ms: number };
  let cli: CliRun;
  let scenarioFile: string;

  it('answers a slider moved and a number typed', async () => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const before = await shownP99(page);
    // Over twice the default rate, a longer batch window: the queue grows, and so does the p99.
    await page.focus('#slider-rate_rps');
    await page.keyboard.press('PageUp');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.fill('#lever-max_queue_delay_ms', '5');
    await waitForAnswer(page);
    expect(Number(await page.inputValue('#lever-rate_rps'))).toBeGreaterThan(400);
    expect(await page.inputValue('#lever-max_queue_delay_ms')).toBe('5');
    afterChange = await shownP99(page);
    expect(afterChange.ms).not.toBe(before.ms);
    expect(afterChange.text).toBe(`${String(afterChange.ms)} ms`);
  });

  it('gives the YAML `servetwin simulate` runs to exactly the p99 and the price the page shows', async () => {
    scenarioFile = await download(page, '#download-scenario', 'from-the-page.yaml');
    expect(readFileSync(scenarioFile, 'utf8')).toMatch(/^# Made in the servetwin playground/);
    cli = simulateWithCli(scenarioFile);
    expect(afterChange.ms).toBe(cli.p99);
    expect(afterChange.text).toBe(`${String(cli.p99)} ms`);
    expect(await page.textContent('#tile-cost .tile-value')).toBe(`$${Number(cli.perHour.toPrecision(3))} / h`);
  });

  it('computes in Chromium byte for byte the simulator part of the CLI’s result', async () => {
    const fromPage = readFileSync(await download(page, '#download-result', 'from-the-page.result.json'), 'utf8');
    const page_ = JSON.parse(fromPage) as { scenario: Record<string, unknown>; candidates: Record<string, unknown>[] };
    const cli_ = cli.resultJson as { scenario: Record<string, unknown>; candidates: Record<string, unknown>[] };
    // The planner adds these to each candidate (prices, verdicts per seed, serving config); the page runs the simulator alone.
    const simulatorPart = (c: Record<string, unknown>) => Object.fromEntries(Object.entries(c).filter(([k]) => !['position', 'cost', 'seeds', 'serving_config'].includes(k)));
    expect(JSON.stringify(page_.candidates.map(simulatorPart), null, 2)).toBe(JSON.stringify(cli_.candidates.map(simulatorPart), null, 2));
    // The scenario block differs only in the file name, which the page has not got.
    expect({ ...page_.scenario, file: 'x' }).toEqual({ ...cli_.scenario, file: 'x' });
    expect(page_.scenario.file).toBeNull();
  });

  it('opens its own address in a new tab to the same configuration and answer', async () => {
    const link = page.url();
    expect(link).toMatch(/#v=2&/);
    const other = await browser.newPage();
    await other.goto(link);
    await waitForAnswer(other);
    expect(await other.inputValue('#lever-max_queue_delay_ms')).toBe('5');
    expect(await other.inputValue('#lever-rate_rps')).toBe(await page.inputValue('#lever-rate_rps'));
    expect(await shownP99(other)).toEqual(afterChange);
    await other.close();
  });

  it('streams a long run’s figures so far, and cancels it for the next change (shared memory: the worker stays)', async () => {
    const workers = page.workers().length;
    const { long, next, shown } = await longRunThenChange(page);
    expect(next).toBeGreaterThan(long);
    expect(shown).not.toContain(String(long));
    expect(shown[shown.length - 1]).toBe(String(next));
    expect(page.workers().length).toBe(workers);
  });

  it('raised no console error and asked nothing of the outside network', () => {
    expect(browser.problems).toEqual([]);
    expect(browser.outside).toEqual([]);
  });
});
