// `replay --serve`: starts `servetwin serve` on a free loopback port with exactly the candidate's
// configuration (batching, instances, replicas, router, the profile's intra-op threads), so what is
// measured is the architecture that was predicted; stops it (SIGTERM, drain) afterwards. Used by
// cli/commands/replay.ts and bench/fidelity.ts. Runs the compiled CLI (bin/servetwin.js).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Candidate } from '../config/scenario.js';
import { projectRoot } from '../common/servetwin-files.js';

export interface LocalEngine {
  url: URL;
  pid: number | undefined;
  /** What the engine printed (stdout and stderr), for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface LocalEngineOptions {
  model: string;
  intraOpThreads: number;
  /** How long to wait for `listening on` (default 60 s). */
  startTimeoutMs?: number;
}

export async function startLocalEngine(candidate: Candidate, opts: LocalEngineOptions): Promise<LocalEngine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-replay-'));
  const config = path.join(dir, 'serving.json');
  writeFileSync(
    config,
    JSON.stringify({
      schema: 'servetwin.serving/v1',
      models: [
        {
          model: opts.model,
          instances: candidate.instances,
          replicas: candidate.replicas,
          router: candidate.router,
          intra_op_threads: opts.intraOpThreads,
          batching: candidate.batching,
        },
      ],
      // Nothing routes to this private loopback engine once it is told to stop: no drain delay.
      server: { host: '127.0.0.1', port: 0, drain_delay_ms: 0 },
    }),
  );
  const child = spawn(process.execPath, [path.join(projectRoot(), 'bin', 'servetwin.js'), 'serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no "listening on" line within ${(opts.startTimeoutMs ?? 60_000) / 1000} s`), opts.startTimeoutMs ?? 60_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      cleanup();
      reject(new Error(`servetwin serve did not start (${why}):\n${output.trim()}`));
    };
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(new URL(m[1]!));
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => fail(`it exited with ${signal ?? `code ${code}`}`));
  });

  return {
    url,
    pid: child.pid,
    output: () => output,
    stop: () => stopChild(child).finally(cleanup),
  };
}

/** SIGTERM (the engine drains), then SIGKILL if it is still there after 15 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
