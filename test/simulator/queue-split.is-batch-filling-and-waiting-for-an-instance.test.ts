// The wait in a replica's batcher splits in two: while one of the replica's instances is free the
// request waits for its batch to fill (max_queue_delay_ms), otherwise for an instance. Hand-worked
// cases of each, and the identity queue = batch wait + instance wait where nothing waits for a
// ready replica.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario, withArrivals } from './helpers.js';

const run = (times: number[], candidate: Record<string, unknown>) =>
  simulate(withArrivals(makeScenario({ duration_s: 1, profile: { kind: 'deterministic', mean_ms: 10 } }, candidate), times)).candidates[0]!;

describe('the queue split', () => {
  it('a batch filling while its instance is free is batch wait', () => {
    // Arrivals at 0, 1, 2; delay 5: one batch at 5. Waits 5, 4, 3, all with the instance free.
    const c = run([0, 1, 2], { batching: { max_batch_size: 4, max_queue_delay_ms: 5, max_queue_size: 100 } });
    expect(c.batch_wait_ms!.mean).toBeCloseTo(4, 9);
    expect(c.batch_wait_ms!.max).toBeCloseTo(5, 9);
    expect(c.instance_wait_ms!.max).toBe(0);
    expect(c.queue_ms.mean).toBeCloseTo(4, 9);
  });

  it('waiting while every instance is busy is instance wait', () => {
    // Delay 0: 0 runs 0–10; 1 and 4 wait for the instance (9 and 6 ms); then 1 runs 10–20, 4 runs 20–30 (batch size 1).
    const c = run([0, 1, 4], { batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 100 } });
    expect(c.instance_wait_ms!.max).toBeCloseTo(16, 9); // request 4 waited 4 → 20
    expect(c.instance_wait_ms!.mean).toBeCloseTo((0 + 9 + 16) / 3, 3); // the result rounds to 0.1 µs
    expect(c.batch_wait_ms!.max).toBe(0);
  });

  it('a wait that spans both: the instance frees, then the batch waits out the rest of its delay', () => {
    // Delay 15, max batch 4: 0 waits alone (instance free) until 15, runs 15–25. 16 arrives while it
    // runs: instance busy 16–25 (9 ms), then free 25–31 until its own deadline 16 + 15 = 31 (6 ms).
    const c = run([0, 16], { batching: { max_batch_size: 4, max_queue_delay_ms: 15, max_queue_size: 100 } });
    expect(c.queue_ms.max).toBeCloseTo(15, 9);
    expect(c.batch_wait_ms!.mean).toBeCloseTo((15 + 6) / 2, 9);
    expect(c.instance_wait_ms!.mean).toBeCloseTo((0 + 9) / 2, 9);
  });
});
