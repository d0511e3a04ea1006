import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandGrid, gridSize } from '../../planner/grid.js';
import { parseShard, shardPositions } from '../../planner/shard.js';
import { InputError } from '../../common/errors.js';

const base = { name: 'peak', replicas: 1, instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0 } };

describe('expandGrid', () => {
  it('varies nested fields, last key fastest, with readable names', () => {
    const out = expandGrid([base], { 'batching.max_batch_size': [4, 8], replicas: [1, 2] }, 's.yaml');
    expect(out.map((c) => c.name)).toEqual([
      'peak[max_batch_size=4,replicas=1]',
      'peak[max_batch_size=4,replicas=2]',
      'peak[max_batch_size=8,replicas=1]',
      'peak[max_batch_size=8,replicas=2]',
    ]);
    expect(out[3]).toMatchObject({ replicas: 2, batching: { max_batch_size: 8, max_queue_delay_ms: 0 } });
    expect(base.batching.max_batch_size).toBe(1); // templates are not mutated
  });

  it('without a grid returns the templates as they are', () => {
    expect(expandGrid([base], undefined, 's.yaml')).toEqual([base]);
  });

  it('names the grid key when it cannot be applied or is empty', () => {
    expect(() => expandGrid([base], { 'replicas.count': [1] }, 's.yaml')).toThrow(/grid\.replicas\.count: replicas is not an object/);
    expect(() => expandGrid([base], { replicas: [] }, 's.yaml')).toThrow(InputError);
  });

  it('yields gridSize × templates distinct names', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (sizes) => {
        const grid = Object.fromEntries(sizes.map((n, k) => [`k${k}`, Array.from({ length: n }, (_, v) => v)]));
        const out = expandGrid([base, { ...base, name: 'other' }], grid, 's.yaml');
        expect(out.length).toBe(2 * gridSize(grid));
        expect(new Set(out.map((c) => c.name)).size).toBe(out.length);
      }),
      { seed: 4, numRuns: 50 },
    );
  });
});

describe('shards', () => {
  it('parses i/N and rejects nonsense with the flag named', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/3', '4/3', 'x', '1/0', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard: expected i\/N/);
  });

  it('partitions every position into exactly one shard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 12 }), (total, count) => {
        const seen = Array.from({ length: count }, (_, i) => shardPositions(total, { index: i + 1, count })).flat();
        expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
      }),
      { seed: 9, numRuns: 100 },
    );
  });
});
