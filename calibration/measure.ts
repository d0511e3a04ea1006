// The measuring loop: warm-up, then recorded forward passes with the batch sizes interleaved in
// seeded shuffled rounds (every round runs each size once, in a fresh random order), so drift and
// noise on a shared machine spread over all sizes instead of biasing the one measured last.
// Times `await session.run(feeds)` with performance.now(). Called by calibration/calibrate.ts.
import { performance } from 'node:perf_hooks';
import { stream, type Uniform } from '../common/rng.js';

/** What measure needs of an onnxruntime session (a fake in tests). */
export interface Runnable<F> {
  run(feeds: F): Promise<unknown>;
}

export interface MeasureSettings {
  batchSizes: readonly number[];
  warmup: number;
  iterations: number;
  seed: number | string;
}

/** Fisher–Yates with the given stream. */
function shuffle<T>(items: T[], u: Uniform): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** `rounds` shuffled rounds of every batch size, as one run order. Pure: same seed, same order. */
export function interleavedOrder(batchSizes: readonly number[], rounds: number, u: Uniform): number[] {
  const order: number[] = [];
  for (let r = 0; r < rounds; r++) order.push(...shuffle([...batchSizes], u));
  return order;
}

/**
 * Runs the warm-up and recorded passes; returns the recorded latencies (ms) per batch size, in
 * measurement order. `onProgress(done, total)` is called after every pass.
 */
export async function measure<F>(
  session: Runnable<F>,
  feedsFor: (batchSize: number) => F,
  settings: MeasureSettings,
  onProgress?: (done: number, total: number) => void,
): Promise<Map<number, number[]>> {
  const u = stream(settings.seed, 'calibrate:order');
  const warmup = interleavedOrder(settings.batchSizes, settings.warmup, u);
  const recorded = interleavedOrder(settings.batchSizes, settings.iterations, u);
  const total = warmup.length + recorded.length;
  let done = 0;
  for (const size of warmup) {
    await session.run(feedsFor(size));
    onProgress?.(++done, total);
  }
  const samples = new Map<number, number[]>(settings.batchSizes.map((s) => [s, []]));
  for (const size of recorded) {
    const feeds = feedsFor(size);
    const start = performance.now();
    await session.run(feeds);
    samples.get(size)!.push(performance.now() - start);
    onProgress?.(++done, total);
  }
  return samples;
}
