// Benchmark of the live engine on the bundled classifier, all in one run so the ratios mean
// something on a busy machine: the raw ONNX Runtime ceiling (the engine's own instance workers, no
// HTTP), the engine's throughput at saturation over HTTP with binary tensors as a fraction of it,
// the gain of dynamic batching over max_batch_size 1, the latency the engine adds at low load over a
// bare forward pass, and the cost of a JSON request body against a binary one.
// The server runs as a child process (`servetwin serve`), the load generator (bench/load-generator)
// in this one; on a 2-core machine they share the cores with the two instance workers.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveModel } from '../common/model-file.js';
import { InstancePool } from '../engine/instance-pool.js';
import { buildSignature } from '../engine/model-signature.js';
import { encodeBinaryRequest, encodeJsonRequest } from '../engine/protocol/client.js';
import { decodeInferRequest } from '../engine/protocol/decode-request.js';
import { closedLoop, percentile, type LoadResult } from './load-generator.js';
import type { Benchmark } from './benchmark.js';

const INSTANCES = 2;
const THREADS = 1;
const MAX_BATCH = 16;
const ITEM_FLOATS = 3 * 48 * 192;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const out = (line: string) => process.stdout.write(`  ${line}\n`);
const ms = (v: number) => `${v.toFixed(2)} ms`;

function randomItems(rows: number): Float32Array {
  const a = new Float32Array(rows * ITEM_FLOATS);
  for (let i = 0; i < a.length; i++) a[i] = Math.random();
  return a;
}

/** The raw ceiling: the engine's own instance workers running max-size batches back to back, no HTTP. */
class Ceiling {
  private constructor(
    private readonly pool: InstancePool,
    private readonly slabs: SharedArrayBuffer[],
  ) {}

  static async start(file: string): Promise<Ceiling> {
    const { pool } = await InstancePool.start(file, INSTANCES, THREADS);
    // One input slab per instance, filled once: copying request bytes into it is engine overhead,
    // so the ceiling leaves it out.
    return new Ceiling(pool, pool.instances.map(() => slabOf(MAX_BATCH)));
  }

  async run(durationMs: number): Promise<Round> {
    let items = 0;
    const end = performance.now() + durationMs;
    const cpu = threadCpuS(process.pid);
    const t0 = performance.now();
    await Promise.all(
      this.pool.instances.map(async (instance) => {
        while (performance.now() < end) {
          await this.pool.run(instance, [{ name: 'x', type: 'float32', dims: [MAX_BATCH, 3, 48, 192], slab: this.slabs[instance.index]! }]);
          items += MAX_BATCH;
        }
      }),
    );
    return { itemsPerS: items / ((performance.now() - t0) / 1000), cpu: cpuPerItem(cpu, threadCpuS(process.pid), items), meanBatch: MAX_BATCH };
  }

  /** Batch-1 passes one at a time: in-worker compute time and the round trip through the worker. */
  async bare(count: number): Promise<{ computeMs: number[]; roundTripMs: number[] }> {
    const one = slabOf(1);
    const computeMs: number[] = [];
    const roundTripMs: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      const r = await this.pool.run(this.pool.instances[0]!, [{ name: 'x', type: 'float32', dims: [1, 3, 48, 192], slab: one }]);
      roundTripMs.push(performance.now() - t);
      computeMs.push(r.computeMs);
    }
    return { computeMs: computeMs.slice(count / 8), roundTripMs: roundTripMs.slice(count / 8) };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function slabOf(rows: number): SharedArrayBuffer {
  const slab = new SharedArrayBuffer(rows * ITEM_FLOATS * 4);
  new Float32Array(slab).set(randomItems(rows));
  return slab;
}

/**
 * CPU seconds of a process's threads from /proc (Linux): its main thread (for the server, the HTTP
 * thread) and all others (instance workers, GC helpers). Undefined elsewhere.
 */
function threadCpuS(pid: number): { main: number; other: number } | undefined {
  try {
    let main = 0;
    let other = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
      if (Number(tid) === pid) main += seconds;
      else other += seconds;
    }
    return { main, other };
  } catch {
    return undefined;
  }
}

interface CpuPerItem {
  /** ms of CPU per item on the main (HTTP) thread and on the other threads (instance workers). */
  mainMs: number;
  otherMs: number;
}

function cpuPerItem(before: ReturnType<typeof threadCpuS>, after: ReturnType<typeof threadCpuS>, items: number): CpuPerItem | undefined {
  if (!before || !after || items === 0) return undefined;
  return { mainMs: ((after.main - before.main) * 1000) / items, otherMs: ((after.other - before.other) * 1000) / items };
}

interface Round {
  itemsPerS: number;
  meanBatch: number;
  cpu?: CpuPerItem;
  /** Load generator's CPU per item (this process), for HTTP rounds. */
  loadGenMs?: number;
  failures?: Record<string, number>;
}

/** Server-side cost of decoding one request body, µs (median of repeated decodes). */
function decodeCostUs(body: Buffer, headerLength: string | undefined): number {
  const signature = buildSignature('ppocr-cls', [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 3, 'H', 'W'] }], [], { x: [3, 48, 192] });
  const opts = { modelName: 'ppocr-cls', signature, maxBatchSize: MAX_BATCH, allowNonFinite: false };
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    decodeInferRequest(body, headerLength, opts);
    times.push(performance.now() - t);
  }
  return percentile(times.slice(50), 50) * 1000;
}

class Server {
  private constructor(
    readonly url: string,
    readonly proc: ChildProcess,
  ) {}

  static async start(args: string[]): Promise<Server> {
    const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'servetwin.js'), 'serve', '--port', '0', '--drain-delay-ms', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      proc.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
    });
    return new Server(url, proc);
  }

  stop(): Promise<void> {
    if (this.proc.exitCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGTERM');
    });
  }

  private async batchStats(): Promise<{ batches: number; items: number }> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const pick = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    return { batches: pick('servetwin_batch_size_count'), items: pick('servetwin_batch_size_sum') };
  }

  /**
   * Closed-loop saturation with binary requests of `rows` items each. Items, CPU and wall time are
   * all taken between the same two points (the server's own batch counter), so queue fill-up and
   * drain at the edges count the same on every side.
   */
  async saturate(rows: number, concurrency: number, durationMs: number): Promise<Round> {
    const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [rows, 3, 48, 192], data: randomItems(rows) }]);
    const url = `${this.url}/v2/models/ppocr-cls/infer`;
    const before = await this.batchStats();
    const cpu = threadCpuS(this.proc.pid!);
    const ownCpu = process.cpuUsage();
    const t0 = performance.now();
    const r: LoadResult = await closedLoop({ url, body, headers, concurrency, durationMs, warmupMs: 0 });
    const seconds = (performance.now() - t0) / 1000;
    const own = process.cpuUsage(ownCpu);
    const after = await this.batchStats();
    const items = after.items - before.items;
    return {
      itemsPerS: items / seconds,
      meanBatch: items / (after.batches - before.batches),
      cpu: cpuPerItem(cpu, threadCpuS(this.proc.pid!), items),
      loadGenMs: (own.user + own.system) / 1000 / items,
      failures: r.failures,
    };
  }

  /** One request at a time: client-measured latencies, ms. */
  async lowLoad(encoded: { body: Buffer; headers: Record<string, string> }): Promise<number[]> {
    const r = await closedLoop({ url: `${this.url}/v2/models/ppocr-cls/infer`, ...encoded, concurrency: 1, durationMs: 2500, warmupMs: 400 });
    return r.latenciesMs;
  }
}

const median = (values: number[]) => percentile(values, 50);

const ROUNDS = 4;

const bench: Benchmark = {
  name: 'engine',
  description: `servetwin serve on ppocr-cls (${INSTANCES} instances × ${THREADS} thread, max_batch_size ${MAX_BATCH}): ORT ceiling, HTTP throughput, batching gain, added latency, JSON vs binary`,
  async run() {
    const file = resolveModel('ppocr-cls').file;
    out(`host: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)} at start (figures are noisy when others share the cores)`);

    const x = randomItems(1);
    const tensor = [{ name: 'x', datatype: 'FP32' as const, shape: [1, 3, 48, 192], data: x }];
    const binary = encodeBinaryRequest(tensor);
    const json = encodeJsonRequest(tensor);
    const binUs = decodeCostUs(binary.body, binary.headers['inference-header-content-length']);
    const jsonUs = decodeCostUs(json.body, undefined);

    // The ceiling and two servers stay up together; an idle one costs no CPU. Measuring them in
    // interleaved rounds and taking medians keeps a neighbour's burst from landing on one figure.
    const ceiling = await Ceiling.start(file);
    const common = ['--instances', String(INSTANCES), '--intra-op-threads', String(THREADS), '--max-queue-size', '256'];
    const batched = await Server.start([...common, '--max-batch-size', String(MAX_BATCH)]);
    const unbatched = await Server.start([...common, '--max-batch-size', '1']);
    try {
      await ceiling.run(800);
      const rounds: Record<'ceiling' | 'single' | 'multi' | 'unbatched', Round[]> = { ceiling: [], single: [], multi: [], unbatched: [] };
      for (let i = 0; i < ROUNDS; i++) {
        rounds.ceiling.push(await ceiling.run(2000));
        rounds.single.push(await batched.saturate(1, 4 * MAX_BATCH, 2500));
        rounds.multi.push(await batched.saturate(8, 2 * MAX_BATCH, 2000));
        rounds.unbatched.push(await unbatched.saturate(1, 4 * MAX_BATCH, 2500));
      }
      const bare = await ceiling.bare(400);
      const binLat = await batched.lowLoad(binary);
      const jsonLat = await batched.lowLoad(json);

      const summary = (rs: Round[]) => {
        const cpu = rs.flatMap((r) => (r.cpu ? [r.cpu] : []));
        return {
          itemsPerS: median(rs.map((r) => r.itemsPerS)),
          spread: `${Math.min(...rs.map((r) => r.itemsPerS)).toFixed(0)}–${Math.max(...rs.map((r) => r.itemsPerS)).toFixed(0)}`,
          meanBatch: median(rs.map((r) => r.meanBatch)),
          mainMs: cpu.length ? median(cpu.map((c) => c.mainMs)) : Number.NaN,
          otherMs: cpu.length ? median(cpu.map((c) => c.otherMs)) : Number.NaN,
          loadGenMs: median(rs.map((r) => r.loadGenMs ?? Number.NaN)),
          failures: rs.reduce((n, r) => n + Object.values(r.failures ?? {}).reduce((a, b) => a + b, 0), 0),
        };
      };
      const c = summary(rounds.ceiling);
      out(`baseline: raw ORT ceiling, ${INSTANCES} worker instances at batch ${MAX_BATCH}, no HTTP: ${c.itemsPerS.toFixed(0)} items/s (rounds ${c.spread}); CPU/item ${(c.mainMs + c.otherMs).toFixed(2)} ms`);
      const line = (label: string, s: ReturnType<typeof summary>) =>
        out(
          `${label} ${s.itemsPerS.toFixed(0)} items/s (rounds ${s.spread}) = ${(s.itemsPerS / c.itemsPerS).toFixed(2)}× ceiling; mean batch ${s.meanBatch.toFixed(1)}; ` +
            `CPU/item: HTTP thread ${s.mainMs.toFixed(2)} ms, instance workers ${s.otherMs.toFixed(2)} ms, load generator ${s.loadGenMs.toFixed(2)} ms` +
            `${s.failures ? `; ${s.failures} non-200` : ''}`,
        );
      const single = summary(rounds.single);
      const multi = summary(rounds.multi);
      const one = summary(rounds.unbatched);
      line('HTTP saturation, binary, 1 item/request: ', single);
      line('HTTP saturation, binary, 8 items/request:', multi);
      line(`max_batch_size 1, binary, 1 item/request:`, one);
      out(
        `dynamic batching gain (max_batch_size ${MAX_BATCH} over 1, same load and queue): throughput ${(single.itemsPerS / one.itemsPerS).toFixed(2)}×; ` +
          `CPU per item ${((one.mainMs + one.otherMs) / (single.mainMs + single.otherMs)).toFixed(2)}× less (forward passes alone ${(one.otherMs / single.otherMs).toFixed(2)}×)`,
      );
      // Where the cores go: at the ceiling every CPU-ms is a forward pass; over HTTP the HTTP thread
      // and the load generator take their share of the same cores.
      const cores = os.cpus().length;
      const bound = (s: ReturnType<typeof summary>) => (c.mainMs + c.otherMs) / (s.mainMs + s.otherMs + s.loadGenMs);
      out(`CPU-bound estimate of the ratio on ${cores} cores (ceiling CPU/item ÷ total CPU/item over HTTP): 1 item/request ${bound(single).toFixed(2)}, 8 items/request ${bound(multi).toFixed(2)}`);

      const bareP50 = percentile(bare.computeMs, 50);
      const bareP99 = percentile(bare.computeMs, 99);
      out(`bare forward pass, batch 1 (in the worker): p50 ${ms(bareP50)}  p99 ${ms(bareP99)}; with the worker round trip p50 ${ms(percentile(bare.roundTripMs, 50))}  p99 ${ms(percentile(bare.roundTripMs, 99))}`);
      const p = percentile;
      out(`low load (1 request at a time), binary: e2e p50 ${ms(p(binLat, 50))}  p99 ${ms(p(binLat, 99))}  → added over the bare pass: p50 +${ms(p(binLat, 50) - bareP50)}  p99 +${ms(p(binLat, 99) - bareP99)}`);
      out(`low load (1 request at a time), JSON:   e2e p50 ${ms(p(jsonLat, 50))}  p99 ${ms(p(jsonLat, 99))}  → added over the bare pass: p50 +${ms(p(jsonLat, 50) - bareP50)}  p99 +${ms(p(jsonLat, 99) - bareP99)}`);
      out(`request body for one 1×3×48×192 FP32 item: JSON ${(json.body.length / 1024).toFixed(0)} kB, binary ${(binary.body.length / 1024).toFixed(0)} kB`);
      out(`server decode + validate per request: JSON ${jsonUs.toFixed(0)} µs, binary ${binUs.toFixed(0)} µs (JSON ${(jsonUs / binUs).toFixed(0)}× binary; the batch-1 forward pass is ${(bareP50 * 1000).toFixed(0)} µs)`);
    } finally {
      await Promise.all([ceiling.close(), batched.stop(), unbatched.stop()]);
    }
  },
};

export default bench;
