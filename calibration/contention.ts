// The contention curve: how much slower a forward pass runs when `busy` instances run passes at
// the same time on this host's cores, for busy = 1…N. It uses the engine's own instance workers
// (engine/instance-pool.ts: one worker thread and ONNX Runtime session each, as `serve` runs
// them) and times each pass inside its worker (the same `compute` the engine reports).
// The measurement is cut into blocks; each block runs every busy level once, in a seeded shuffled
// order, for the same time; within a level the first pass of each worker and every pass that ends
// after the level's deadline are left out, so each kept pass ran while all `busy` workers were
// running. A block's slowdown is a ratio within the block, so drift between blocks cancels, and the
// blocks are independent: the 95 % interval comes from their spread (calibration/statistics.ts).
// Called by calibration/calibrate.ts; the result is the profile's `contention` (config/profile-cpu.ts).
import { performance } from 'node:perf_hooks';
import { InstancePool, type Instance } from '../engine/instance-pool.js';
import type { WireInput } from '../engine/instance-messages.js';
import type { OrtTensorType } from '../engine/protocol/datatypes.js';
import type { Tensor } from '../engine/ort-session.js';
import type { Contention } from '../config/profile-cpu.js';
import { stream, type Uniform } from '../common/rng.js';
import { InputError } from '../common/errors.js';
import { blockInterval, meanOf, round } from './statistics.js';

export interface ContentionSettings {
  /** The model file the workers load. */
  file: string;
  intraOpThreads: number;
  batchSize: number;
  /** The inputs of one batch of `batchSize` (calibration/synthesize-inputs.ts's makeFeeds). */
  feeds: Record<string, Tensor>;
  /** Busy levels 1…maxBusy. */
  maxBusy: number;
  /** Seconds of passes per busy level, over all blocks (warm-up not included). */
  durationS: number;
  blocks: number;
  /** host.cpus while measuring (recorded with the curve). */
  cpus: number;
  seed: number | string;
  /** Called after each level of each block: levels done, levels in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Seconds every worker runs passes, unrecorded, before the first block. */
export function contentionWarmupS(durationS: number): number {
  return Math.min(1, Math.round(10 * durationS) / 100);
}

/** Copies each feed into a SharedArrayBuffer, the form an instance worker takes its batch in. */
function wireInputs(feeds: Record<string, Tensor>): WireInput[] {
  return Object.entries(feeds).map(([name, tensor]) => {
    const data = tensor.data as ArrayBufferView;
    const slab = new SharedArrayBuffer(data.byteLength);
    new Uint8Array(slab).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return { name, type: tensor.type as OrtTensorType, dims: [...tensor.dims], slab };
  });
}

/** Forward passes (ms) that `workers` ran back to back until `deadline`, each worker's first one left out. */
async function runLevel(pool: InstancePool, workers: Instance[], inputs: WireInput[], deadline: number): Promise<number[]> {
  const kept: number[] = [];
  await Promise.all(
    workers.map(async (instance) => {
      let first = true;
      while (performance.now() < deadline) {
        const { computeMs } = await pool.run(instance, inputs);
        if (!first && performance.now() <= deadline) kept.push(computeMs);
        first = false;
      }
    }),
  );
  return kept;
}

function shuffled(n: number, u: Uniform): number[] {
  const order = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export async function measureContention(s: ContentionSettings): Promise<Contention> {
  const { pool } = await InstancePool.start(s.file, s.maxBusy, s.intraOpThreads);
  try {
    const inputs = wireInputs(s.feeds);
    const all = pool.instances;
    await runLevel(pool, all, inputs, performance.now() + contentionWarmupS(s.durationS) * 1000);

    const levelMs = (s.durationS * 1000) / s.blocks;
    const u = stream(s.seed, 'calibrate:contention');
    // passes[busy - 1][block]: the kept passes of that level in that block
    const passes: number[][][] = Array.from({ length: s.maxBusy }, () => []);
    let done = 0;
    for (let block = 0; block < s.blocks; block++) {
      for (const busy of shuffled(s.maxBusy, u)) {
        passes[busy - 1]![block] = await runLevel(pool, all.slice(0, busy), inputs, performance.now() + levelMs);
        s.onProgress?.(++done, s.blocks * s.maxBusy);
      }
    }
    // A block where a level (or busy = 1) finished no kept pass — a neighbour held the cores for
    // the whole level — gives that level no ratio; the interval then rests on the other blocks.
    const alone = passes[0]!;
    const usable = (blocks: number[][]) => blocks.flatMap((b, k) => (b.length > 0 && alone[k]!.length > 0 ? [k] : []));
    for (const [i, blocks] of passes.entries()) {
      if (usable(blocks).length < 2) {
        throw new InputError(
          `contention: with ${i + 1} instance(s) busy, ${s.blocks - usable(blocks).length} of ${s.blocks} blocks (${(levelMs / 1000).toFixed(2)} s each) saw no complete forward pass of batch ${s.batchSize}; measure longer or with a smaller batch (--contention-duration-s, --contention-batch-size)`,
          { source: '--contention-duration-s' },
        );
      }
    }

    const aloneMs = meanOf(alone.flat());
    const points = passes.map((blocks, i) => {
      const forward = meanOf(blocks.flat());
      const slowdown = i === 0 ? 1 : round(forward / aloneMs);
      const perBlock = usable(blocks).map((k) => meanOf(blocks[k]!) / meanOf(alone[k]!));
      return {
        busy: i + 1,
        forward_pass_ms: round(forward),
        slowdown,
        ci95: i === 0 ? ([1, 1] as [number, number]) : blockInterval(slowdown, perBlock),
        passes: blocks.reduce((a, b) => a + b.length, 0),
      };
    });
    return {
      source: `calibrate: ${s.maxBusy} instance worker(s) of ${s.intraOpThreads} intra-op thread(s), batch ${s.batchSize}, ${s.durationS} s per busy level in ${s.blocks} blocks (levels shuffled per block) after ${contentionWarmupS(s.durationS)} s warm-up, on ${s.cpus} cpu(s), ${new Date().toISOString()}`,
      cpus: s.cpus,
      batch_size: s.batchSize,
      intra_op_threads: s.intraOpThreads,
      points,
    };
  } finally {
    await pool.close();
  }
}
