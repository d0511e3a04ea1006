// The overload soak: `servetwin serve` (a child process) offered a multiple of its own capacity, with
// JSON and then with binary payloads, from a client in a process of its own (bench/soak-client).
// What must hold: only 200s and 503s (with Retry-After), no connection refused, reset or timed out,
// the client never late, the server's resident memory within 64 MiB of its idle figure throughout,
// and the 200s' latency within what the caps allow. `npm run bench -- soak` runs it for 60 s per
// payload (SOAK_SECONDS to change); test/engine/serve.overload-is-a-fast-503.test.ts runs it for a
// few seconds so that a regression fails CI.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../common/servetwin-files.js';
import { encodeBinaryRequest, encodeJsonRequest } from '../engine/protocol/client.js';
import type { Benchmark } from './benchmark.js';
import type { SoakPhasePlan, SoakPhaseResult } from './soak-client.js';

const ROOT = projectRoot();
const ITEM = 3 * 48 * 192;
const MAX_BATCH = 16;

/**
 * The engine under test: every queue and cap explicit; one instance, so that on a 2-core machine
 * the HTTP thread and the client have a core between them while ONNX Runtime is saturated.
 */
export const SOAK_SERVING = {
  schema: 'servetwin.serving/v1',
  models: [
    {
      model: 'ppocr-cls',
      instances: 1,
      intra_op_threads: 1,
      batching: { max_batch_size: MAX_BATCH, max_queue_delay_ms: 1, max_queue_size: 32, queue_timeout_ms: 500 },
    },
  ],
  server: { host: '127.0.0.1', port: 0, max_inflight_requests: 16, drain_delay_ms: 0 },
} as const;

export interface SoakOptions {
  /** Open-loop seconds per payload. */
  seconds: number;
  capacitySeconds: number;
  /** Offered load as a multiple of the measured capacity. */
  overload: number;
}

export interface SoakReport {
  /** The server's resident memory after a warm-up, before any load, bytes (each phase also has its own idle figure, after its capacity run). */
  idleRss: number;
  phases: SoakPhaseResult[];
  /**
   * What the caps allow a 200, ms, per phase: at most max_inflight_requests requests ahead of it on
   * the HTTP thread, which gets through them at the rate it answered 200s, then at most
   * queue_timeout_ms in the queue, then its batch (the p99 forward pass).
   */
  okBoundMs: number[];
  serverExit: number | null;
}

function rss(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

async function startServer(config: string): Promise<{ proc: ChildProcess; url: string; exited: Promise<number | null> }> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'servetwin.js'), 'serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${err}`)));
  });
  return { proc, url, exited };
}

function runPhase(plan: SoakPhasePlan): Promise<SoakPhaseResult> {
  const client = path.join(ROOT, 'dist', 'bench', 'soak-client.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [client, JSON.stringify(plan)], { maxBuffer: 1 << 20, timeout: (plan.seconds + plan.capacity.seconds) * 1000 + 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`soak client failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as SoakPhaseResult);
    });
  });
}

export async function soak(opts: SoakOptions): Promise<SoakReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'servetwin-soak-'));
  const config = path.join(dir, 'serving.json');
  writeFileSync(config, JSON.stringify(SOAK_SERVING));
  const server = await startServer(config);
  try {
    const pid = server.proc.pid!;
    // Warm: what an idle server that has served looks like: JSON decoded, buffers pooled, and ONNX
    // Runtime's memory arena grown to the largest batch the config allows (its high-water mark).
    const infer = async ({ body, headers }: { body: Buffer; headers: Record<string, string> }) =>
      (await fetch(`${server.url}/v2/models/ppocr-cls/infer`, { method: 'POST', body: body as unknown as Uint8Array<ArrayBuffer>, headers })).arrayBuffer();
    const item = new Float32Array(ITEM).fill(0.5);
    const full = new Float32Array(MAX_BATCH * ITEM).fill(0.5);
    for (let i = 0; i < 10; i++) await infer(encodeJsonRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: item }]));
    for (let i = 0; i < 10; i++) await infer(encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: item }]));
    for (let i = 0; i < 3; i++) await infer(encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [MAX_BATCH, 3, 48, 192], data: full }]));
    await new Promise((r) => setTimeout(r, 500));
    const idleRss = rss(pid);
    const phases: SoakPhaseResult[] = [];
    for (const payload of ['json', 'binary'] as const) {
      phases.push(
        await runPhase({
          url: server.url,
          pid,
          payload,
          capacity: { concurrency: 8, seconds: opts.capacitySeconds },
          overload: opts.overload,
          seconds: opts.seconds,
          connectTimeoutMs: 2000,
          responseTimeoutMs: 10_000,
          lateMs: 100,
          rssSampleMs: 100,
        }),
      );
    }
    const { server: caps, models } = SOAK_SERVING;
    const okBoundMs = phases.map((p) => (caps.max_inflight_requests * 1000) / p.okRps + models[0].batching.queue_timeout_ms + p.serverP99.compute);
    server.proc.kill('SIGTERM');
    return { idleRss, phases, okBoundMs, serverExit: await server.exited };
  } finally {
    if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const MiB = 2 ** 20;

const benchmark: Benchmark = {
  name: 'soak',
  description: `serve offered 3× its measured capacity for ${process.env.SOAK_SECONDS ?? 60} s per payload (JSON, binary): only 200/503, no resets or timeouts, RSS ≤ idle + 64 MiB, 200s within the caps`,
  async run() {
    const report = await soak({ seconds: Number(process.env.SOAK_SECONDS ?? 60), capacitySeconds: 3, overload: 3 });
    const out = (line: string) => process.stdout.write(`  ${line}\n`);
    out(`server config: ${JSON.stringify(SOAK_SERVING.models[0].batching)}, instances ${SOAK_SERVING.models[0].instances}, max_inflight_requests ${SOAK_SERVING.server.max_inflight_requests}`);
    out(`idle RSS after warm-up ${(report.idleRss / MiB).toFixed(0)} MiB; server exit ${report.serverExit}`);
    report.phases.forEach((p, i) => {
      const failures = Object.entries(p.statuses).filter(([s]) => s !== '200' && s !== '503');
      out(`${p.payload}: capacity ${p.capacityRps.toFixed(0)} rps closed loop, offered ${p.offeredRps.toFixed(0)} rps open loop: ${p.sent} sent over ${p.connectionsOpened} connections, ${p.okRps.toFixed(0)} 200s per second`);
      out(`  statuses ${JSON.stringify(p.statuses)}; errors ${JSON.stringify(p.errors)}; other statuses ${JSON.stringify(Object.fromEntries(failures))}; 503 without Retry-After ${p.noRetryAfter}`);
      out(`  client late ${p.late} (max ${p.maxLateMs.toFixed(1)} ms)`);
      out(`  200s at the client: p50 ${p.ok.p50.toFixed(1)} ms, p99 ${p.ok.p99.toFixed(1)} ms, max ${p.ok.max.toFixed(1)} ms; 503s shed: p50 ${p.shed.p50.toFixed(1)} ms, p99 ${p.shed.p99.toFixed(1)} ms`);
      out(`  200s in the server: p50 ${p.okServer.p50.toFixed(1)} ms, p99 ${p.okServer.p99.toFixed(1)} ms, max ${p.okServer.max.toFixed(1)} ms (bound from the caps ${report.okBoundMs[i]!.toFixed(0)} ms)`);
      out(`  503s shed, in the server: p50 ${p.shedServer.p50.toFixed(2)} ms, p99 ${p.shedServer.p99.toFixed(2)} ms, max ${p.shedServer.max.toFixed(2)} ms; queue timeouts ${p.queueTimeouts}`);
      out(`  server p99: ingress ${p.serverP99.ingress.toFixed(2)} ms, queue ${p.serverP99.queue.toFixed(2)} ms, compute ${p.serverP99.compute.toFixed(2)} ms`);
      out(
        `  RSS max ${(p.rss.max / MiB).toFixed(0)} MiB = idle after the capacity run (${(p.rss.idle / MiB).toFixed(0)} MiB) + ${((p.rss.max - p.rss.idle) / MiB).toFixed(1)} MiB (target ≤ 64); idle after warm-up + ${((p.rss.max - report.idleRss) / MiB).toFixed(1)} MiB`,
      );
      out(`  RSS max in each tenth of the run, MiB: ${p.rss.maxByTenth.map((b) => (b / MiB).toFixed(0)).join(' ')}`);
    });
  },
};

export default benchmark;
