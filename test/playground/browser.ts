// Shared by the playground's browser tests: Debian's chromium (headless, driven by
// playwright-core) with a fresh profile and every request outside this machine aborted and
// recorded, console errors collected, `servetwin playground` started as a separate process, and
// the waits for the page's answer. A missing browser fails the test rather than skipping it (CI
// installs it: .ci/run); SERVETWIN_CHROMIUM points at another binary.
/// <reference lib="dom" />
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const root = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.SERVETWIN_CHROMIUM ?? '/usr/bin/chromium';
/** The launch flags that work in a container as root, and nothing that phones home. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Generous: two busy cores, a browser and a simulation sharing them. */
export const BROWSER_TIMEOUT_MS = 90_000;

export interface Browser {
  context: BrowserContext;
  /** Requests the page tried outside this machine (aborted). */
  outside: string[];
  /** Console errors and warnings, uncaught page errors. */
  problems: string[];
  newPage(): Promise<Page>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), or set SERVETWIN_CHROMIUM`);
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'servetwin-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1360, height: 1000 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  const outside: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = ['file:', 'blob:', 'data:'].includes(url.protocol) || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (local) return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  return {
    context,
    outside,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      return page;
    },
  };
}

/** Waits until the page shows the result of its latest settings. */
export async function waitForAnswer(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.status === 'done' && document.body.dataset.shownJob === document.body.dataset.latestJob, undefined, { timeout: BROWSER_TIMEOUT_MS });
}

/** The p99 the page shows: its text, and the number it was written from. */
export async function shownP99(page: Page): Promise<{ text: string; ms: number }> {
  const el = page.locator('#p99');
  return { text: (await el.textContent()) ?? '', ms: Number(await el.getAttribute('data-ms')) };
}

export interface Served {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `servetwin playground --port 0 …` as a separate process; resolves with the URL it prints. */
export function startPlayground(...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [path.join(root, 'bin/servetwin.js'), 'playground', '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /servetwin playground: (http:\/\/\S+)/.exec(out);
      if (m) {
        resolve({
          url: m[1]!,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`servetwin playground exited with ${code} before printing its URL: ${out}${err}`)));
  });
}

/** A `servetwin` command run to its end. */
export function servetwin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/servetwin.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A long run shows its figures so far with its progress, and the next change cancels it: its
 * result is never shown, the new one is. Returns the two job ids.
 */
export async function longRunThenChange(page: Page): Promise<{ long: number; next: number; shown: string[] }> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __shownJobs: string[] }).__shownJobs = seen;
    new MutationObserver(() => {
      const job = document.body.dataset.shownJob ?? '';
      if (seen[seen.length - 1] !== job) seen.push(job);
    }).observe(document.body, { attributes: true, attributeFilter: ['data-shown-job'] });
  });
  // 10 hours at 200 requests/s: 7.2 million requests, many seconds of simulation (under the size that asks first).
  await page.fill('#lever-rate_rps', '200');
  await page.fill('#lever-duration_s', '600');
  await waitForAnswer(page);
  await page.fill('#lever-duration_s', '36000');
  const long = Number(await page.getAttribute('body', 'data-latest-job'));
  await page.locator('.headline.partial').waitFor({ timeout: BROWSER_TIMEOUT_MS });
  await page.waitForFunction(() => /^Simulating… \d+ % of the run/.test(document.getElementById('status-text')?.textContent ?? ''));
  await page.fill('#lever-duration_s', '300');
  await waitForAnswer(page);
  const next = Number(await page.getAttribute('body', 'data-latest-job'));
  const shown = await page.evaluate(() => (window as unknown as { __shownJobs: string[] }).__shownJobs);
  return { long, next, shown };
}
