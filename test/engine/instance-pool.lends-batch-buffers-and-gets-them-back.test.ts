// A batch in an ArrayBuffer travels to its instance worker without a copy and comes back with the
// result, bytes intact, ready for the next batch; ONNX Runtime computes on it what it computes on
// the same values sent in a SharedArrayBuffer (which the worker copies). Real workers
// (dist/engine/instance-worker.js), the bundled classifier.
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../common/model-file.js';
import { InstancePool } from '../../engine/instance-pool.js';

const ITEM = 3 * 48 * 192;

describe('InstancePool batch buffers', () => {
  it('transfers an ArrayBuffer batch to the worker and back, and computes what the shared copy computes', async () => {
    const { pool } = await InstancePool.start(resolveModel('ppocr-cls').file, 1, 1);
    try {
      const rows = 3;
      const values = Float32Array.from({ length: 16 * ITEM }, (_, i) => ((i * 7919) % 1000) / 1000);
      const lent = new ArrayBuffer(16 * ITEM * 4);
      new Float32Array(lent).set(values);
      const shared = new SharedArrayBuffer(rows * ITEM * 4);
      new Float32Array(shared).set(values.subarray(0, rows * ITEM));

      const instance = pool.free()!;
      const running = pool.run(instance, [{ name: 'x', type: 'float32', dims: [rows, 3, 48, 192], slab: lent }]);
      expect(lent.byteLength).toBe(0); // transferred, not copied
      const result = await running;
      const back = result.returned?.[0];
      expect(back?.byteLength).toBe(16 * ITEM * 4);
      expect(new Float32Array(back!)).toEqual(values);

      const reference = await pool.run(pool.free()!, [{ name: 'x', type: 'float32', dims: [rows, 3, 48, 192], slab: shared }]);
      expect(reference.returned).toEqual([]);
      const floats = (r: typeof result) => Array.from(new Float32Array(r.outputs[0]!.buffer));
      expect(floats(result)).toEqual(floats(reference));
      expect(result.outputs[0]!.dims).toEqual([rows, 2]);

      // The buffer given back serves the next batch as it is.
      const again = await pool.run(pool.free()!, [{ name: 'x', type: 'float32', dims: [rows, 3, 48, 192], slab: back! }]);
      expect(floats(again)).toEqual(floats(reference));
    } finally {
      await pool.close();
    }
  });
});
