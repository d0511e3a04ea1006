// `replay --serve`: starts one `servetwin serve` process per replica of the candidate (a replica is
// a pod: one process, its own HTTP thread, its own cores), each on a free loopback port with the
// candidate's configuration and `replicas: 1`, written by the one translation
// (config/serving-translation.ts) so that what is measured is the architecture that was predicted;
// stops them (SIGTERM, drain) afterwards. An engine can start under a launch prefix (e.g. the
// caller's `taskset -c 1`), which is how it gets its cores. Used by replay/run-replay.ts. Runs the
// compiled CLI (bin/servetwin.js).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Candidate } from '../config/scenario.js';
import type { ParametricProfile, Profile } from '../config/profile.js';
import { modelOfProfile, servingConfigFor } from '../config/serving-translation.js';
import { projectRoot } from '../common/servetwin-files.js';

export interface LocalEngine {
  url: URL;
  pid: number | undefined;
  /** What the engine printed (stdout and stderr), for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface LocalEngineOptions {
  /** A builtin model name or an .onnx file (default: the profile's model). */
  model?: string;
  /** A command the engine runs under, e.g. ['taskset', '-c', '1'] (default: none). */
  launchPrefix?: readonly string[];
  /** How long to wait for `listening on` (default 60 s). */
  startTimeoutMs?: number;
}

/**
 * One engine per replica, started together; `prefixOf(replica)` is each one's launch prefix. If
 * one fails to start, those that did are stopped and the error is passed on.
 */
export async function startLocalEngines(candidate: Candidate, profile: Profile | ParametricProfile, opts: LocalEngineOptions & { prefixOf?: (replica: number) => readonly string[] } = {}): Promise<LocalEngine[]> {
  const started = await Promise.allSettled(Array.from({ length: candidate.replicas }, (_, i) => startLocalEngine(candidate, profile, { ...opts, launchPrefix: opts.prefixOf?.(i) ?? opts.launchPrefix })));
  const engines = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(engines.map((e) => e.stop()));
    throw failed.reason;
  }
  return engines;
}

/** One engine process serving one replica of `candidate` (its `replicas` are the caller's business). */
export async function startLocalEngine(candidate: Candidate, profile: Profile | ParametricProfile, opts: LocalEngineOptions = {}): Promise<LocalEngine> {
  const model = opts.model ?? modelOfProfile(profile);
  // The config lives in a temporary folder, against which serve would resolve a relative file.
  const file = model.endsWith('.onnx') || model.includes('/') ? path.resolve(model) : model;
  // Nothing routes to this private loopback engine once it is told to stop: no drain delay.
  const serving = servingConfigFor({ ...candidate, replicas: 1 }, profile, { model: file, server: { host: '127.0.0.1', port: 0, drain_delay_ms: 0 } });
  const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-replay-'));
  const config = path.join(dir, 'serving.json');
  writeFileSync(config, JSON.stringify(serving));
  const [command, ...prefixArgs] = [...(opts.launchPrefix ?? []), process.execPath];
  // The listening settings as flags too: serve takes SERVETWIN_* variables over its config file (the
  // container image sets SERVETWIN_HOST=0.0.0.0), and this engine is private, on loopback, whatever the environment says.
  const listen = ['--host', '127.0.0.1', '--port', '0', '--drain-delay-ms', '0'];
  const child = spawn(command!, [...prefixArgs, path.join(projectRoot(), 'bin', 'servetwin.js'), 'serve', '--config', config, ...listen], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    child.once('error', (err) => fail(`${command} could not be run: ${err.message}`));
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
