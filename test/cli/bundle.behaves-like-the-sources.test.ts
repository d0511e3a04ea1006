// The bundled CLI (dist/bundle/, built by bundle.mjs in `npm test`) is what bin/servetwin.js runs.
// It must answer as the unbundled tsc output (dist/cli/main.js) does — help, version, usage errors,
// results — and it must work on its own: copied with only package.json and node_modules beside it
// (no dist/engine, no dist/planner), its worker threads (the sweep's, serve's ONNX Runtime
// instances) and servetwin's package.json still resolve, from any working directory.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-bundle-'));
const VERBS = ['calibrate', 'simulate', 'serve', 'replay', 'check', 'report', 'export', 'import', 'merge', 'start'];

/** A copy of the installed command: bin/, dist/bundle/, package.json, and node_modules linked. */
const copy = path.join(dir, 'servetwin');
mkdirSync(path.join(copy, 'dist'), { recursive: true });
cpSync(path.join(root, 'bin'), path.join(copy, 'bin'), { recursive: true });
cpSync(path.join(root, 'dist', 'bundle'), path.join(copy, 'dist', 'bundle'), { recursive: true });
cpSync(path.join(root, 'package.json'), path.join(copy, 'package.json'));
symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');

const elsewhere = mkdtempSync(path.join(tmpdir(), 'servetwin-cwd-'));
const scenario = path.join(elsewhere, 'mmc.yaml');
writeFileSync(scenario, readFileSync(path.join(root, 'scenarios', 'mmc.yaml'), 'utf8').replace('duration_s: 3600', 'duration_s: 60').replace('warmup_s: 300', 'warmup_s: 5'));

type Run = { code: number | null; stdout: string; stderr: string };
function run(script: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const bundled = (...args: string[]) => run(path.join(copy, 'bin', 'servetwin.js'), args);
const sources = (...args: string[]) => run(path.join(root, 'dist', 'cli', 'main.js'), args);

describe('the bundled servetwin', () => {
  it('prints the version in package.json, from any working directory, with or without a verb', () => {
    const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(bundled('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(bundled('simulate', '--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(sources('--version')).toEqual(bundled('--version'));
  });

  it.each(['', ...VERBS])('prints the same help as the sources for %s', (verb) => {
    const args = verb ? [verb, '--help'] : ['--help'];
    const b = bundled(...args);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/Options:/);
    expect(b).toEqual(sources(...args));
  });

  it.each([[['simulate', '--bogus', scenario]], [['simulat']], [[]]])('fails %j with exit 2 and the same message as the sources', (args) => {
    const b = bundled(...args);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/servetwin: /);
    expect(b).toEqual(sources(...args));
  });

  it('simulates on its own sweep worker threads, with the same result bytes as the sources', () => {
    const b = bundled('simulate', scenario, '--seeds', '2', '--workers', '2', '--json', path.join(elsewhere, 'bundled.json'));
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/on 2 thread\(s\)/);
    expect(sources('simulate', scenario, '--seeds', '2', '--workers', '0', '--json', path.join(elsewhere, 'sources.json')).code).toBe(0);
    expect(readFileSync(path.join(elsewhere, 'bundled.json'), 'utf8')).toBe(readFileSync(path.join(elsewhere, 'sources.json'), 'utf8'));
  });

  it('serves the bundled model from its own instance worker threads', async () => {
    const proc = spawn(process.execPath, [path.join(copy, 'bin', 'servetwin.js'), 'serve', '--port', '0', '--instances', '1'], { cwd: elsewhere, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    let timer: NodeJS.Timeout | undefined;
    try {
      // `listening on` is printed once every instance worker has loaded its ONNX Runtime session.
      const url = await new Promise<string>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${out}\n${err}`)), 30_000);
        proc.stdout.on('data', () => {
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${out}\n${err}`)));
      });
      expect(await statusOf(`${url}/v2/health/ready`)).toBe(200);
    } finally {
      clearTimeout(timer);
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});

function statusOf(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}
