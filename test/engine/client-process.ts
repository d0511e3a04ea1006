// Runs a client script of test/engine/clients/ in a Node process of its own, apart from the test and
// from the server, as a user's client would be. Node 20 cannot run TypeScript, so the script is
// bundled with esbuild into dist/test-clients/ first (its npm imports stay imports). The script
// reads one JSON argument and prints its result as one line of JSON.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { ROOT } from './helpers.js';

const built = new Set<string>();

function bundle(name: string): string {
  const outfile = path.join(ROOT, 'dist', 'test-clients', `${name}.mjs`);
  if (!built.has(name)) {
    buildSync({
      entryPoints: [path.join(ROOT, 'test', 'engine', 'clients', `${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    built.add(name);
  }
  return outfile;
}

/** Runs test/engine/clients/NAME.ts with `input`; resolves with what it printed, rejects if it failed. */
export function runClient<T>(name: string, input: unknown, timeoutMs = 60_000): Promise<T> {
  const file = bundle(name);
  return new Promise<T>((resolve, reject) => {
    const proc = spawn(process.execPath, [file, JSON.stringify(input)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`client ${name} exited with ${signal ?? code}:\n${err}${out}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}
