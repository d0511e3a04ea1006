// Shared by the engine tests: start the real `servetwin serve` (compiled dist/, bundled model) on a
// free port, talk HTTP to it, read /metrics, and run the same model directly in ONNX Runtime for
// reference outputs.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { resolveModel } from '../../common/model-file.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ITEM = 3 * 48 * 192; // floats per ppocr-cls item
export const CLS_OUTPUT = 'softmax_0.tmp_0';

export interface Server {
  url: string;
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  pid: number;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Spawns `node bin/servetwin.js serve --port 0 ...args` and waits for its `listening on` line. No
 * drain delay unless `args` set one: nothing routes to a test's server after its SIGTERM.
 */
export async function startServer(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const drain = args.includes('--drain-delay-ms') ? [] : ['--drain-delay-ms', '0'];
  const proc = spawn(process.execPath, ['bin/servetwin.js', 'serve', '--port', '0', ...drain, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${out}\n${err}`)), 30_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
  return {
    url,
    proc,
    pid: proc.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json<T = Record<string, unknown>>(): T;
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(method: string, url: string, body?: Buffer | string, headers: Record<string, string> = {}, opts: { agent?: http.Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) }, agent: opts.agent ?? agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buf, json: <T>() => JSON.parse(buf.toString()) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const get = (url: string) => request('GET', url);

/** A metric's value from Prometheus text, matching every label given. */
export function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const l = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`))) return Number(m[3]);
  }
  return undefined;
}

/** Deterministic pseudo-random inputs in [0, 1). */
export function inputs(rows: number, seed: number): Float32Array {
  const a = new Float32Array(rows * ITEM);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < a.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    a[i] = (s >>> 0) / 4294967296;
  }
  return a;
}

let session: Promise<ort.InferenceSession> | undefined;

/** The classifier run directly in this process: the reference the server must agree with. */
export async function direct(x: Float32Array, rows: number): Promise<Float32Array> {
  session ??= ort.InferenceSession.create(resolveModel('ppocr-cls').file, { intraOpNumThreads: 1 });
  const s = await session;
  const out = await s.run({ x: new ort.Tensor('float32', x, [rows, 3, 48, 192]) });
  return out[CLS_OUTPUT]!.data as Float32Array;
}
