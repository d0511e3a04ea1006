// `servetwin playground` as a server and as an exporter. Served: its three files on loopback and
// nothing else (a path outside them, however spelled, is a 404; a method other than GET or HEAD a
// 405), with a content security policy that lets the page load and fetch nothing from elsewhere.
// Exported: the same page runs opened from disk (file://, the worker from a blob URL) and from
// another static server, with no network; --scenario opens it on that scenario; bad input exits 2.
/// <reference lib="dom" />
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TIMEOUT_MS, launchBrowser, servetwin, shownP99, startPlayground, waitForAnswer, type Browser, type Served } from './browser.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-playground-export-'));
let served: Served;
let browser: Browser;

beforeAll(async () => {
  served = await startPlayground();
  browser = await launchBrowser();
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await browser?.context.close();
  await served?.stop();
});

/** A raw request, the path sent as written (no normalising by a client). */
function raw(method: string, rawPath: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(served.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The simplest static server there is: files of `root` by name. */
function staticServer(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    const file = path.join(root, name);
    if (!existsSync(file) || path.dirname(file) !== root) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': name.endsWith('.js') ? 'text/javascript' : name.endsWith('.css') ? 'text/css' : 'text/html' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

describe('servetwin playground, served', { timeout: BROWSER_TIMEOUT_MS * 2 }, () => {
  it('binds to loopback and serves its page with a policy that allows nothing from elsewhere', async () => {
    expect(new URL(served.url).hostname).toBe('127.0.0.1');
    const index = await raw('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'.*worker-src blob:.*connect-src 'none'/);
    // Isolated, so the page may share memory with its worker (to cancel a run and keep the worker warm).
    expect([index.headers['cross-origin-opener-policy'], index.headers['cross-origin-embedder-policy']]).toEqual(['same-origin', 'require-corp']);
    for (const file of ['/index.html', '/style.css', '/playground.js']) expect((await raw('GET', file)).status).toBe(200);
    expect((await raw('HEAD', '/playground.js')).body).toBe('');
  });

  it('answers 404 for any path outside its files, and 405 for other methods', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/dist/playground/index.html', '/etc/passwd', '/playground.js/', '//playground.js', '/favicon.ico', '/index.html?x=../../package.json#']) {
      const r = await raw('GET', p);
      expect(r.status === 404 || (p.startsWith('/index.html?') && r.status === 200), `${p} → ${r.status}`).toBe(true);
      expect(r.body).not.toMatch(/"name": "servetwin"/);
    }
    expect((await raw('POST', '/')).status).toBe(405);
  });
});

describe('servetwin playground --export', { timeout: BROWSER_TIMEOUT_MS * 2 }, () => {
  let exported: string;
  let servedP99: { text: string; ms: number };

  it('writes the page’s files', () => {
    exported = path.join(dir, 'site');
    const r = servetwin('playground', '--export', exported);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/open .*index\.html from disk/);
    expect(readdirSync(exported).sort()).toEqual(['index.html', 'playground.js', 'style.css']);
  });

  it('runs the same from the server, from disk and from another static server, with no network', async () => {
    const page = await browser.newPage();
    await page.goto(served.url);
    await waitForAnswer(page);
    servedP99 = await shownP99(page);
    await page.goto(pathToFileURL(path.join(exported, 'index.html')).href);
    await waitForAnswer(page);
    expect(await shownP99(page)).toEqual(servedP99);
    const other = await staticServer(exported);
    try {
      await page.goto(other.url);
      await waitForAnswer(page);
      expect(await shownP99(page)).toEqual(servedP99);
    } finally {
      other.server.close();
    }
    await page.close();
  });

  it('opens on the --scenario given, and names what the levers left out', async () => {
    const site = path.join(dir, 'bursty');
    expect(servetwin('playground', '--scenario', 'scenarios/bursty-mmpp.yaml', '--export', site).code).toBe(0);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    await waitForAnswer(page);
    expect(await page.isChecked('#arrivals-mmpp')).toBe(true);
    expect(await page.inputValue('#lever-burst_ratio')).toBe('4');
    expect(await page.textContent('[data-notice="file"] p')).toBe('Loaded bursty-mmpp.yaml: shows candidate "no-batching", the first of 3.');
    await page.close();
  });

  it('opens with the --profile given, named in its link by file name only, and answers as with the same profile bundled', async () => {
    const site = path.join(dir, 'with-profile');
    expect(servetwin('playground', '--profile', 'calibration/profiles/ppocr-cls.cpu-2core.json', '--export', site).code).toBe(0);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    await waitForAnswer(page);
    expect(await page.inputValue('#profile')).toBe('file:ppocr-cls.cpu-2core.json');
    expect(page.url()).toContain('profile=file%3Appocr-cls.cpu-2core.json');
    expect(await shownP99(page)).toEqual(servedP99);
    await page.close();
  });

  it('exits 2 naming the file and field of a bad --scenario or --profile', () => {
    const badScenario = servetwin('playground', '--scenario', 'no/such.yaml', '--export', path.join(dir, 'x'));
    expect(badScenario.code).toBe(2);
    expect(badScenario.stderr).toMatch(/no\/such\.yaml: expected a scenario YAML file, but it cannot be read \(no such file\)/);
    const badProfile = servetwin('playground', '--profile', 'scenarios/mm1.yaml', '--export', path.join(dir, 'y'));
    expect(badProfile.code).toBe(2);
    expect(badProfile.stderr).toMatch(/scenarios\/mm1\.yaml: expected a profile JSON file, but it is not valid JSON/);
  });

  it('raised no console error and asked nothing of the outside network', () => {
    expect(browser.problems).toEqual([]);
    expect(browser.outside).toEqual([]);
  });
});
