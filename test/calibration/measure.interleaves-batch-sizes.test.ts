// Batch sizes are measured in seeded shuffled rounds, not one block after another: every round runs
// each size once, the order differs between rounds, the same seed gives the same order, and
// warm-up passes are not recorded.
import { describe, expect, it } from 'vitest';
import { stream } from '../../common/rng.js';
import { interleavedOrder, measure } from '../../calibration/measure.js';

describe('interleaved measuring order', () => {
  it('runs every size once per round, in a seeded shuffled order', () => {
    const sizes = [1, 2, 4, 8, 16, 32];
    const order = interleavedOrder(sizes, 20, stream(5, 'order'));
    for (let r = 0; r < 20; r++) expect([...order.slice(r * 6, r * 6 + 6)].sort((a, b) => a - b)).toEqual(sizes);
    const rounds = new Set(Array.from({ length: 20 }, (_, r) => order.slice(r * 6, r * 6 + 6).join(',')));
    expect(rounds.size).toBeGreaterThan(10);
    expect(interleavedOrder(sizes, 20, stream(5, 'order'))).toEqual(order);
    expect(interleavedOrder(sizes, 20, stream(6, 'order'))).not.toEqual(order);
  });

  it('records iterations per size after unrecorded warm-up passes', async () => {
    const runs: number[] = [];
    const session = { run: async (n: number) => void runs.push(n) };
    const progress: number[] = [];
    const samples = await measure(session, (n) => n, { batchSizes: [1, 4], warmup: 2, iterations: 3, seed: 9 }, (done, total) => {
      progress.push(done);
      expect(total).toBe(10);
    });
    expect(runs).toHaveLength(10);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(samples.get(1)).toHaveLength(3);
    expect(samples.get(4)).toHaveLength(3);
    expect([...samples.values()].flat().every((ms) => ms >= 0)).toBe(true);
  });
});
