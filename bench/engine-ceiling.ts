// The ceiling of the engine bench, a process of its own (`node dist/bench/engine-ceiling.js`, started
// by bench/engine.ts under `taskset -c` on the engine's cores in the pinned mode): what ONNX Runtime
// does on those cores with no HTTP at all. It starts the engine's own instance workers
// (engine/instance-pool.ts, sessions from engine/ort-session.ts) and, per request over IPC, runs
// batches of a given size back to back on every instance for a while, each in a buffer transferred
// to the worker and back as the model runner does, and answers items/s and CPU per item.
import { readFileSync } from 'node:fs';
import { InstancePool } from '../engine/instance-pool.js';
import type { WireInput } from '../engine/instance-messages.js';

export interface CeilingInit {
  file: string;
  instances: number;
  intraOpThreads: number;
  /** Items of one input row, float32 (the classifier: 3 × 48 × 192). */
  itemFloats: number;
  inputName: string;
  itemDims: number[];
  maxBatchSize: number;
}

export interface CeilingRequest {
  batch: number;
  warmupMs: number;
  durationMs: number;
}

export interface CeilingResult {
  itemsPerS: number;
  /** CPU of the whole process per item, ms (the instance workers, almost all of it). */
  cpuMsPerItem: number;
}

/** CPU seconds this process has used (every thread), from /proc; process.cpuUsage() elsewhere. */
function processCpuS(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
}

async function main(): Promise<void> {
  const init = JSON.parse(process.argv[2]!) as CeilingInit;
  const { pool } = await InstancePool.start(init.file, init.instances, init.intraOpThreads);
  // One buffer per instance, filled once with values in [0, 1): copying request bytes in is the
  // engine's work, not ONNX Runtime's, so the ceiling leaves it out.
  const buffers = pool.instances.map(() => {
    const b = new ArrayBuffer(init.maxBatchSize * init.itemFloats * 4);
    const f = new Float32Array(b);
    for (let i = 0; i < f.length; i++) f[i] = (i % 251) / 251;
    return b;
  });

  const runFor = async (batch: number, ms: number): Promise<number> => {
    let items = 0;
    const end = performance.now() + ms;
    await Promise.all(
      pool.instances.map(async (instance) => {
        while (performance.now() < end) {
          const input: WireInput = { name: init.inputName, type: 'float32', dims: [batch, ...init.itemDims], slab: buffers[instance.index]! };
          const r = await pool.run(instance, [input]);
          buffers[instance.index] = r.returned?.[0] ?? buffers[instance.index]!;
          items += batch;
        }
      }),
    );
    return items;
  };

  process.on('message', (msg: CeilingRequest | 'close') => {
    if (msg === 'close') {
      void pool.close().then(() => process.exit(0));
      return;
    }
    void (async () => {
      await runFor(msg.batch, msg.warmupMs);
      const cpu0 = processCpuS();
      const t0 = performance.now();
      const items = await runFor(msg.batch, msg.durationMs);
      const seconds = (performance.now() - t0) / 1000;
      const result: CeilingResult = { itemsPerS: items / seconds, cpuMsPerItem: ((processCpuS() - cpu0) * 1000) / items };
      process.send!(result);
    })();
  });
  process.send!('ready');
}

await main();
