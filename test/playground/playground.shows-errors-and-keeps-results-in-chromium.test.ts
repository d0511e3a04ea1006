// What goes wrong, as a person meets it in the page (headless Chromium, outside network aborted):
// a typed value the scenario schema refuses gets the CLI's path-qualified message next to its
// control; a dropped file that is not a valid scenario is refused with its file, line or field; a
// link of a newer format says why it is not opened; a configuration of hundreds of millions of
// requests asks before running; and a failure inside the simulation worker is shown with its
// message while the previous results stay. No console error through all of it.
/// <reference lib="dom" />
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TIMEOUT_MS, launchBrowser, longRunThenChange, root, shownP99, waitForAnswer, type Browser } from './browser.js';

const PAGE = pathToFileURL(path.join(root, 'dist/playground/index.html')).href;
let browser: Browser;
let page: Page;
let first: { text: string; ms: number };

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(PAGE);
  await waitForAnswer(page);
  first = await shownP99(page);
}, BROWSER_TIMEOUT_MS * 2);

afterAll(async () => {
  await browser?.context.close();
});

/** Drops a file named `name` holding `text` on the page, as a drag from the desktop would. */
async function drop(name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/yaml' }));
      return dt;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
}

async function notice(key: string): Promise<string> {
  const el = page.locator(`[data-notice="${key}"] p`);
  await el.waitFor();
  return (await el.textContent()) ?? '';
}

describe('the playground’s errors in Chromium', { timeout: BROWSER_TIMEOUT_MS * 2 }, () => {
  it('shows the schema’s message by the control, and keeps the last figures', async () => {
    await page.fill('#lever-rate_rps', '-3');
    await expect.poll(() => page.textContent('#error-rate_rps')).toBe('traffic.arrivals.rate_rps: expected a positive number, got -3');
    expect(await page.getAttribute('body', 'data-status')).toBe('invalid');
    await page.fill('#lever-max_batch_size', '2.5');
    await expect.poll(() => page.textContent('#error-max_batch_size')).toBe('candidates[0].batching.max_batch_size: expected an integer, got 2.5');
    expect(await shownP99(page)).toEqual(first);
    await page.fill('#lever-rate_rps', '200');
    await page.fill('#lever-max_batch_size', '4');
    await waitForAnswer(page);
    expect(await page.isHidden('#error-rate_rps')).toBe(true);
    expect(await shownP99(page)).toEqual(first);
  });

  it('refuses a dropped file that is not a valid scenario, naming its field or line', async () => {
    await drop('bad-rate.yaml', 'schema: servetwin.scenario/v1\nname: x\nduration_s: 60\nprofile: { kind: exponential, mean_ms: 5 }\ntraffic:\n  arrivals: { kind: poisson, rate_rps: -3 }\nslo: { latency_ms: 20 }\ncandidates:\n  - { name: a, batching: { max_batch_size: 1 } }\n');
    expect(await notice('file')).toBe('Could not load bad-rate.yaml: bad-rate.yaml: traffic.arrivals.rate_rps: expected a positive number, got -3');
    await drop('broken.yaml', 'schema: servetwin.scenario/v1\nname: [unclosed\n');
    expect(await notice('file')).toMatch(/^Could not load broken\.yaml: broken\.yaml: line \d+, column \d+: invalid YAML/);
    expect(await shownP99(page)).toEqual(first);
  });

  it('loads a valid dropped scenario and says what it left out', async () => {
    await drop('steady.yaml', 'schema: servetwin.scenario/v1\nname: steady\nseed: 3\nduration_s: 60\nprofile: { kind: exponential, mean_ms: 5 }\ntraffic:\n  arrivals: { kind: poisson, rate_rps: 120 }\nslo: { latency_ms: 20 }\ncandidates:\n  - { name: a, batching: { max_batch_size: 1 } }\n  - { name: b, batching: { max_batch_size: 2 } }\n');
    expect(await notice('file')).toBe('Loaded steady.yaml: shows candidate "a", the first of 2.');
    await waitForAnswer(page);
    expect(await page.inputValue('#lever-rate_rps')).toBe('120');
    expect(await page.inputValue('#profile')).toBe('inline');
  });

  it('says why it does not open a link of a newer format', async () => {
    const other = await browser.newPage();
    await other.goto(`${PAGE}#v=7&rate_rps=10`);
    await waitForAnswer(other);
    expect(await other.textContent('[data-notice="link"] p')).toMatch(/made by a newer playground \(link format v7\)/);
    await other.close();
  });

  it('opens a link that expects a profile from a file on the bundled one, saying which it expected', async () => {
    const other = await browser.newPage();
    await other.goto(`${PAGE}#v=1&profile=file%3Aa10g.json&rate_rps=300`);
    await waitForAnswer(other);
    expect(await other.textContent('[data-notice="profile"] p')).toMatch(/^This configuration expects the profile a10g\.json, which its author loaded from a file \(links carry no profile files\)\. Showing .* instead: open a10g\.json here/);
    expect(await other.inputValue('#profile')).toBe('bundled:ppocr-cls.cpu-2core');
    expect(await other.inputValue('#lever-rate_rps')).toBe('300');
    await other.close();
  });

  it('asks before a run of hundreds of millions of requests', async () => {
    await page.fill('#lever-duration_s', '86400');
    await page.fill('#lever-rate_rps', '5000');
    expect(await notice('ask')).toMatch(/about 432 million requests/);
    expect(await page.getAttribute('body', 'data-status')).toBe('asking');
    await page.fill('#lever-duration_s', '60');
    await waitForAnswer(page);
    expect(await page.locator('[data-notice="ask"]').count()).toBe(0);
  });

  it('from disk too, streams a long run and cancels it for the next change (by ending its worker)', async () => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const { long, next, shown } = await longRunThenChange(page);
    expect(next).toBeGreaterThan(long);
    expect(shown).not.toContain(String(long));
    expect(shown[shown.length - 1]).toBe(String(next));
  });

  it('shows a failure inside the worker with its message, and keeps the previous results', async () => {
    const before = await shownP99(page);
    // A fault injected into the simulator's own code in each worker: the histogram's bucket index throws.
    // (A worker ended to cancel a long run may still be listed for a moment: it cannot be reached.)
    let patched = 0;
    for (const worker of page.workers()) {
      try {
        await worker.evaluate(() => {
          Math.clz32 = () => {
            throw new Error('injected fault: no bucket for this latency');
          };
        });
        patched++;
      } catch {}
    }
    expect(patched).toBeGreaterThan(0);
    await page.fill('#lever-replicas', '2');
    expect(await notice('run')).toBe('The simulation stopped: injected fault: no bucket for this latency. The figures below are from the previous run.');
    await expect.poll(() => page.getAttribute('body', 'data-status')).toBe('error');
    expect(await shownP99(page)).toEqual(before);
    expect(await page.locator('#card-latency svg').count()).toBe(1);
  });

  it('raised no console error and asked nothing of the outside network', () => {
    expect(browser.problems).toEqual([]);
    expect(browser.outside).toEqual([]);
  });
});
