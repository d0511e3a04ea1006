// Benchmark of the live engine against what ONNX Runtime alone does on the same cores. Per mode —
// pinned (the engine on one core, the load generator in its own process on another, `taskset -c` as
// cli/cpu-pinning.ts does it) and unpinned (every process on every core, as users first deploy) —
// and per case (binary and JSON tensors, 1-item and 8-item requests, and 1-item requests with
// max_batch_size 1 for the gain of dynamic batching):
//   1. the engine's saturation throughput, by an open-loop ramp (bench/engine-ramp.ts) from the load
//      generator's process (bench/engine-client.ts);
//   2. its ratio to the ceiling — the engine's own instance workers running back-to-back batches of
//      max_batch_size (or 1) with no HTTP, same instances and intra-op threads, on the engine's cores
//      (bench/engine-ceiling.ts) — from pairs of windows a few seconds apart (bench/engine-ratio.ts);
// and prints each ratio with the engine's HTTP-thread CPU per item beside it (what the ratio is made
// of) and the ratio of CPU per item (ceiling ÷ engine: what the ratio comes to on quiet cores), and
// the JSON decoder's cost per value. ENGINE_BENCH_BASELINE=DIR adds the engine of another built
// checkout (e.g. the commit before a change), measured in the same run, case by case, against the
// same ceiling: before and after side by side.
import os from 'node:os';
import { resolveModel } from '../common/model-file.js';
import { formatCpuList } from '../common/cpu-list.js';
import { allowedCpus, hostFacts, launchPrefix, resolvePinning } from '../cli/cpu-pinning.js';
import { buildSignature } from '../engine/model-signature.js';
import { encodeBinaryRequest, encodeJsonRequest } from '../engine/protocol/client.js';
import { decodeInferRequest } from '../engine/protocol/decode-request.js';
import { hostLoad, snapshot } from '../replay/host-load.js';
import type { Benchmark } from './benchmark.js';
import type { CeilingInit, CeilingRequest, CeilingResult } from './engine-ceiling.js';
import type { StepRequest, StepResult } from './engine-client.js';
import path from 'node:path';
import { Helper, Server } from './engine-processes.js';
import { pairedRatio, type PairedRatio } from './engine-ratio.js';
import { ramp, type Saturation } from './engine-ramp.js';
import { percentile } from './load-generator.js';

const INSTANCES = 1;
const THREADS = 1;
const MAX_BATCH = 16;
const ITEM_DIMS = [3, 48, 192];
const ITEM_FLOATS = 3 * 48 * 192;
const env = (name: string, fallback: number) => (process.env[name] === undefined ? fallback : Number(process.env[name]));
/** Seconds per ramp step and per paired window (after a warm-up); pairs per case. */
const STEP_S = env('ENGINE_BENCH_STEP_S', 2);
const PAIRS = env('ENGINE_BENCH_PAIRS', 3);
const WARMUP_MS = 600;

const TARGETS = { multi: 0.9, single: 0.8, gainKept: 0.9 };

const out = (line: string) => process.stdout.write(`  ${line}\n`);

/** An engine to measure: this checkout's, and a baseline checkout's when ENGINE_BENCH_BASELINE names one. */
interface Variant {
  label: string;
  root?: string;
}

function variants(): Variant[] {
  const baseline = process.env.ENGINE_BENCH_BASELINE;
  return baseline ? [{ label: 'this build' }, { label: `baseline ${path.resolve(baseline)}`, root: path.resolve(baseline) }] : [{ label: 'this build' }];
}

interface Case {
  key: 'single' | 'multi' | 'singleJson' | 'multiJson' | 'unbatched';
  label: string;
  rows: number;
  payload: 'binary' | 'json';
  batched: boolean;
}

const CASES: Case[] = [
  { key: 'single', label: 'binary, 1 item/request', rows: 1, payload: 'binary', batched: true },
  { key: 'multi', label: 'binary, 8 items/request', rows: 8, payload: 'binary', batched: true },
  { key: 'unbatched', label: 'binary, 1 item/request, max_batch_size 1', rows: 1, payload: 'binary', batched: false },
  { key: 'singleJson', label: 'JSON, 1 item/request', rows: 1, payload: 'json', batched: true },
  { key: 'multiJson', label: 'JSON, 8 items/request', rows: 8, payload: 'json', batched: true },
];

interface Mode {
  name: 'pinned' | 'unpinned';
  describe: string;
  engine: readonly string[];
  generator: readonly string[];
}

function modes(): Mode[] {
  const unpinned: Mode = { name: 'unpinned', describe: 'unpinned: engine, ceiling and load generator on every core', engine: [], generator: [] };
  const cpus = allowedCpus();
  if (cpus.length < 2) return [unpinned];
  try {
    const engineCpus = formatCpuList(cpus.slice(-1));
    const pinning = resolvePinning({ engineCpus }, hostFacts());
    if (!pinning) return [unpinned];
    return [
      {
        name: 'pinned',
        describe: `pinned with taskset -c: engine and ceiling on core ${formatCpuList(pinning.engine)}, load generator on core(s) ${formatCpuList(pinning.generator)}`,
        engine: launchPrefix(pinning, pinning.engine),
        generator: launchPrefix(pinning, pinning.generator),
      },
      unpinned,
    ];
  } catch (err) {
    out(`pinned mode skipped: ${(err as Error).message}`);
    return [unpinned];
  }
}

/**
 * Decoding one item's request body on the HTTP thread, per value: JSON on the typed path, JSON on
 * the reference path (JSON.parse of the whole body: the decoder before, kept as the fallback), and
 * binary. The three take turns for 40 rounds and the fastest of each counts: on a shared machine
 * the least disturbed run is the best estimate of the code's own cost.
 */
function decodeCosts(): void {
  const x = new Float32Array(ITEM_FLOATS);
  for (let i = 0; i < x.length; i++) x[i] = Math.fround(Math.random());
  const tensor = [{ name: 'x', datatype: 'FP32' as const, shape: [1, ...ITEM_DIMS], data: x }];
  const json = encodeJsonRequest(tensor);
  const binary = encodeBinaryRequest(tensor);
  const signature = buildSignature('ppocr-cls', [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 3, 'H', 'W'] }], [], { x: ITEM_DIMS });
  const opts = { modelName: 'ppocr-cls', signature, maxBatchSize: MAX_BATCH, allowNonFinite: false };
  const runs = {
    typed: () => decodeInferRequest(json.body, undefined, opts),
    parsed: () => decodeInferRequest(json.body, undefined, { ...opts, typedJson: false }),
    binary: () => decodeInferRequest(binary.body, binary.headers['inference-header-content-length'], opts),
  };
  const best = { typed: Infinity, parsed: Infinity, binary: Infinity };
  for (let round = 0; round < 50; round++) {
    for (const key of ['typed', 'parsed', 'binary'] as const) {
      const t = performance.now();
      runs[key]();
      if (round >= 10) best[key] = Math.min(best[key], performance.now() - t);
    }
  }
  const ns = (ms: number) => `${((ms * 1e6) / ITEM_FLOATS).toFixed(1)} ns`;
  out(
    `decode + validate one 1×3×48×192 FP32 item (${ITEM_FLOATS} values), per value: JSON ${ns(best.typed)} (${best.typed.toFixed(2)} ms for ${(json.body.length / 1024).toFixed(0)} kB) ` +
      `against ${ns(best.parsed)} through JSON.parse (the decoder before, kept as its fallback; ${(best.parsed / best.typed).toFixed(1)}× more); binary ${ns(best.binary)} (${best.binary.toFixed(3)} ms)`,
  );
}

const median = (values: number[]) => percentile(values, 50);

interface CaseFigures {
  saturation: Saturation;
  ratio: PairedRatio;
}

interface ModeFigures {
  /** The ceiling at max_batch_size and at batch 1, every window measured. */
  ceiling16: CeilingResult[];
  ceiling1: CeilingResult[];
  /** Per variant (by label), per case. */
  cases: Map<string, Map<Case['key'], CaseFigures>>;
}

async function measureMode(mode: Mode, file: string, engines: Variant[]): Promise<ModeFigures> {
  const init: CeilingInit = { file, instances: INSTANCES, intraOpThreads: THREADS, itemFloats: ITEM_FLOATS, inputName: 'x', itemDims: ITEM_DIMS, maxBatchSize: MAX_BATCH };
  const ceiling = await Helper.start<CeilingRequest, CeilingResult>('engine-ceiling.js', init, mode.engine);
  const client = await Helper.start<StepRequest, StepResult>('engine-client.js', {}, mode.generator);
  const common = ['--instances', String(INSTANCES), '--intra-op-threads', String(THREADS)];
  const servers = await Promise.all(
    engines.map(async (v) => ({
      variant: v,
      batched: await Server.start([...common, '--max-batch-size', String(MAX_BATCH)], mode.engine, v.root),
      unbatched: await Server.start([...common, '--max-batch-size', '1'], mode.engine, v.root),
    })),
  );
  const figures: ModeFigures = { ceiling16: [], ceiling1: [], cases: new Map(engines.map((v) => [v.label, new Map()])) };
  const pids = () => [ceiling.pid, client.pid, ...servers.flatMap((s) => [s.batched.pid, s.unbatched.pid])];
  const measureCeiling = async (batch: number) => {
    const c = await ceiling.ask({ batch, warmupMs: 300, durationMs: STEP_S * 1000 });
    (batch === 1 ? figures.ceiling1 : figures.ceiling16).push(c);
    return c;
  };
  try {
    const before = snapshot(pids());
    await measureCeiling(MAX_BATCH);
    await measureCeiling(1);
    // Variants take turns case by case, so a neighbour's burst is seen on every side.
    for (const c of CASES) {
      for (const { variant, batched, unbatched } of servers) {
        const server = c.batched ? batched : unbatched;
        const batch = c.batched ? MAX_BATCH : 1;
        const reference = median((c.batched ? figures.ceiling16 : figures.ceiling1).map((x) => x.itemsPerS));
        const step = (rateRps: number) =>
          client.ask({ url: server.inferUrl, serverPid: server.pid, rows: c.rows, payload: c.payload, rateRps, warmupMs: WARMUP_MS, durationMs: STEP_S * 1000 });
        const saturation = await ramp(step, c.rows, { startRps: Math.max(1, ((c.payload === 'json' ? 0.15 : 0.6) * reference) / c.rows) });
        // The paired windows offer what the ramp's best step offered: the engine saturated, shedding
        // little (a shed request still costs its body's reading).
        const ratio = await pairedRatio(() => measureCeiling(batch), () => step(saturation.best.offeredRps), PAIRS);
        figures.cases.get(variant.label)!.set(c.key, { saturation, ratio });
      }
    }
    const load = hostLoad(before, snapshot(pids()));
    if (load) out(`machine while measuring: ${load.busy_cores.toFixed(2)} of ${os.cpus().length} cores busy on average, ${load.other_cores.toFixed(2)} of them by other processes`);
  } finally {
    await Promise.all([ceiling.close(), client.close(), ...servers.flatMap((s) => [s.batched.stop(), s.unbatched.stop()])]);
  }
  return figures;
}

const range = (v: number[], digits: number) => (v.length > 1 ? ` [${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)}]` : '');

function report(mode: Mode, f: ModeFigures): void {
  const items = (cs: CeilingResult[]) => cs.map((c) => c.itemsPerS);
  const c16 = median(items(f.ceiling16));
  const c1 = median(items(f.ceiling1));
  out(
    `ceiling, ONNX Runtime alone on the engine's cores (${INSTANCES} instance × ${THREADS} intra-op thread, no HTTP): batch ${MAX_BATCH} ${c16.toFixed(0)} items/s${range(items(f.ceiling16), 0)}, ` +
      `${median(f.ceiling16.map((c) => c.cpuMsPerItem)).toFixed(2)} ms CPU/item; batch 1 ${c1.toFixed(0)} items/s${range(items(f.ceiling1), 0)}; the model's own batching gain ${(c16 / c1).toFixed(2)}×`,
  );
  for (const [label, cases] of f.cases) {
    if (f.cases.size > 1) out(`${label}:`);
    const ratioOf = (key: Case['key']) => median(cases.get(key)!.ratio.pairs.map((p) => p.ratio));
    const cpuRatioOf = (key: Case['key']) => median(cases.get(key)!.ratio.pairs.map((p) => p.cpuRatio));
    for (const c of CASES) {
      const { saturation, ratio } = cases.get(c.key)!;
      const pairs = ratio.pairs;
      const valid = saturation.valid && pairs.length > 0;
      const r = pairs.length > 0 ? ratioOf(c.key) : Number.NaN;
      const cpu = pairs.length > 0 ? cpuRatioOf(c.key) : Number.NaN;
      const target = mode.name === 'pinned' && c.payload === 'binary' && c.batched ? TARGETS[c.key === 'multi' ? 'multi' : 'single'] : undefined;
      const verdict = !valid
        ? 'INVALID'
        : target === undefined
          ? ''
          : `target ≥ ${target}: ${r >= target ? 'met' : 'NOT met'} by the wall-clock ratio, ${cpu >= target ? 'met' : 'NOT met'} by CPU`;
      const httpMs = median(pairs.map((p) => p.engine.httpMsPerItem));
      const s = saturation.best;
      out(
        `${c.label.padEnd(42)} ${s.itemsPerS.toFixed(0).padStart(5)} items/s at saturation; ${r.toFixed(2)}× ceiling${c.batched ? '' : ' at batch 1'}${range(pairs.map((p) => p.ratio), 2)}, ` +
          `CPU ratio ${cpu.toFixed(2)}${range(pairs.map((p) => p.cpuRatio), 2)}; HTTP thread ${httpMs.toFixed(3)} ms CPU/item, other engine threads ${median(pairs.map((p) => p.engine.otherMsPerItem)).toFixed(2)} ms; ` +
          `mean batch ${median(pairs.map((p) => p.engine.meanBatch)).toFixed(1)}; generator ${s.clientMsPerItem.toFixed(3)} ms/item${verdict ? ` — ${verdict}` : ''}`,
      );
      if (saturation.note) out(`    ${saturation.note}`);
      if (ratio.late > 0) out(`    ${ratio.late} of ${ratio.late + pairs.length} paired windows left out: the load generator could not reach the rate in them`);
    }
    // (engine at 16 / engine at 1) / (ceiling at 16 / ceiling at 1), from the paired ratios.
    const kept = ratioOf('single') / ratioOf('unbatched');
    const gainVerdict = mode.name === 'pinned' ? ` — target ≥ ${TARGETS.gainKept} ${kept >= TARGETS.gainKept ? 'met' : 'NOT met'}` : '';
    out(`dynamic batching keeps ${(kept * 100).toFixed(0)} % of the model's own gain (1-item requests at max_batch_size ${MAX_BATCH} over 1, against the ceiling at ${MAX_BATCH} over 1)${gainVerdict}`);
  }
}

const bench: Benchmark = {
  name: 'engine',
  description: `servetwin serve on ppocr-cls (${INSTANCES} instance × ${THREADS} thread, max_batch_size ${MAX_BATCH}) at saturation against ONNX Runtime alone on the same cores, pinned and unpinned`,
  async run() {
    const file = resolveModel('ppocr-cls').file;
    out(`host: ${os.cpus().length} cores (this process may use ${formatCpuList(allowedCpus())}), load average ${os.loadavg()[0]!.toFixed(2)} at start; figures are noisy when others share the cores`);
    out(
      `per case: an open-loop ramp of ${STEP_S} s steps (ENGINE_BENCH_STEP_S) after ${WARMUP_MS} ms of warm-up each, then ${PAIRS} pairs (ENGINE_BENCH_PAIRS) of ceiling and engine windows ` +
        `at the rate of the ramp's best step; throughput = items answered 200 per second; ratios are medians over the pairs [range]`,
    );
    decodeCosts();
    const engines = variants();
    for (const mode of modes()) {
      out('');
      out(`── ${mode.describe}`);
      const figures = await measureMode(mode, file, engines);
      report(mode, figures);
    }
    out('');
    out(`load average ${os.loadavg()[0]!.toFixed(2)} at the end`);
  },
};

export default bench;
