// Batching arithmetic (explain/batching.ts): with an instance always free, a batch is what the delay
// window collects — E[min(1 + N(W), limit)] requests, N ~ Poisson(λW) — and a request waits the
// window's mean share of it. The simulator's Triton batcher, given many idle instances, must agree
// (within 2 %) on the mean batch and on the mean wait in the queue, which is then all batch filling.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { explain } from '../../explain/explain.js';
import { delayWindow } from '../../explain/batching.js';
import { makeScenario } from '../simulator/helpers.js';

describe('the delay window at light load', () => {
  it('collects E[min(1 + N, m)] requests: hand-worked values', () => {
    // λW = 2, m = 2: E[min(1 + N, 2)] = 1·e⁻² + 2·(1 − e⁻²).
    expect(delayWindow(0.2, 10, 2).batchRequests).toBeCloseTo(2 - Math.exp(-2), 12);
    // No window, or a batch of one: one request and no wait.
    expect(delayWindow(0.2, 0, 8)).toEqual({ limitRequests: 8, batchRequests: 1, waitMs: 0 });
    expect(delayWindow(0.2, 10, 1)).toEqual({ limitRequests: 1, batchRequests: 1, waitMs: 0 });
    // No cap (m large): the first request waits W, the others W/2 on average, E[Σ] = W + λW·W/2.
    const w = delayWindow(0.05, 4, 1000);
    expect(w.batchRequests).toBeCloseTo(1.2, 9);
    expect(w.waitMs).toBeCloseTo((4 + 0.2 * 2) / 1.2, 6);
  });

  it.each([
    { lambda: 200, delay: 10, batch: 8 },
    { lambda: 1000, delay: 10, batch: 8 },
    { lambda: 300, delay: 5, batch: 4 },
  ])('λ = $lambda/s, delay $delay ms, max_batch_size $batch: the simulation agrees within 2 %', ({ lambda, delay, batch }) => {
    const loaded = makeScenario(
      { duration_s: 600, warmup_s: 10, profile: { kind: 'deterministic', mean_ms: 0.5 }, traffic: { arrivals: { kind: 'poisson', rate_rps: lambda } } },
      { instances: 64, batching: { max_batch_size: batch, max_queue_delay_ms: delay, max_queue_size: 100_000 } },
    );
    const b = explain(loaded, loaded.scenario.candidates, simulate(loaded)).candidates[0]!.pools[0]!.batching;
    expect(Math.abs(b.mean_batch_items.simulated! / b.mean_batch_items.formula! - 1)).toBeLessThan(0.02);
    expect(Math.abs(b.split.queue_ms / b.window_wait_ms - 1)).toBeLessThan(0.02);
  });
});
