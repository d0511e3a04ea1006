// calibrate() on a BERT-like model (int64 input_ids and attention_mask with a symbolic sequence
// length pinned by --dim): the inputs are synthesised from metadata and the profile validates.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../calibration/calibrate.js';
import { MeasuredProfileSchema } from '../../config/profile.js';
import { ELEM, writeIdentityModel } from './tiny-onnx.js';

describe('calibrate on an int64 model', () => {
  it('measures every batch size and records the inputs it synthesised', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'servetwin-bert-')), 'bert.onnx');
    writeIdentityModel(file, [
      { name: 'input_ids', elem: ELEM.int64, shape: ['batch', 'sequence'] },
      { name: 'attention_mask', elem: ELEM.int64, shape: ['batch', 'sequence'] },
    ]);
    const passes: number[] = [];
    const profile = await calibrate({ model: file, batchSizes: [4, 1], warmup: 1, iterations: 3, threads: 1, dims: ['sequence=32'], onStart: (n) => passes.push(n) });
    expect(MeasuredProfileSchema.parse(profile)).toEqual(profile);
    expect(passes).toEqual([8]);
    expect(profile.model.name).toBe('bert');
    expect(profile.model.inputs).toEqual([
      { name: 'input_ids', dtype: 'int64', shape: [-1, -1], synthesized_shape: [-1, 32], item_bytes: 256 },
      { name: 'attention_mask', dtype: 'int64', shape: [-1, -1], synthesized_shape: [-1, 32], item_bytes: 256 },
    ]);
    expect(profile.batches.map((b) => [b.batch_size, b.samples_ms.length])).toEqual([
      [1, 3],
      [4, 3],
    ]);
    expect(profile.settings).toEqual({ warmup: 1, iterations: 3, order: 'interleaved-shuffled', seed: 1 });
  });
});
