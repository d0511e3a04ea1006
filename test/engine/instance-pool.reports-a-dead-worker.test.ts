// Instance workers (compiled dist/engine/instance-worker.js, a real ONNX Runtime session each):
// a batch runs and comes back; a worker that dies with a batch in flight fails that batch and is reported, never
// handed work again; a file ONNX Runtime cannot load is an input error naming the file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../common/model-file.js';
import { InputError } from '../../common/errors.js';
import { InstancePool } from '../../engine/instance-pool.js';

const x = (rows: number) => ({ name: 'x', type: 'float32' as const, dims: [rows, 3, 48, 192], slab: new SharedArrayBuffer(rows * 3 * 48 * 192 * 4) });

describe('InstancePool', () => {
  it('runs a batch, and reports a worker that dies during one', async () => {
    const { pool, model } = await InstancePool.start(resolveModel('ppocr-cls').file, 2, 1);
    try {
      expect(model.inputs[0]).toMatchObject({ name: 'x', type: 'float32' });
      const result = await pool.run(pool.free()!, [x(2)]);
      expect(result.outputs[0]!.dims).toEqual([2, 2]);
      expect(result.computeMs).toBeGreaterThan(0);

      const deaths: string[] = [];
      pool.onDeath((instance, reason) => deaths.push(`${instance.index} ${reason}`));
      // The worker is stopped while idle and the batch handed to it after: it is in flight when
      // the worker's exit arrives, and no forward pass is cut short (terminating a thread inside
      // ONNX Runtime's native run can take the whole process down, which is not what is tested).
      const victim = pool.free()!;
      const dying = victim.worker.terminate();
      const batch = pool.run(victim, [x(32)]);
      await dying;
      await expect(batch).rejects.toThrow(/instance \d .*during a batch/);
      expect(deaths).toHaveLength(1);
      expect(pool.alive).toBe(1);
      expect(pool.free()).not.toBe(victim);
      expect((await pool.run(pool.free()!, [x(1)])).outputs[0]!.dims).toEqual([1, 2]);
    } finally {
      await pool.close();
    }
  });

  it('names the file it cannot load', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'servetwin-')), 'broken.onnx');
    writeFileSync(file, 'not an onnx model');
    const err = await InstancePool.start(file, 1, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(file);
  });
});
