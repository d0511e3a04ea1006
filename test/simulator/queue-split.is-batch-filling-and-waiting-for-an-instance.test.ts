// The wait in the queues splits by what a request waited for: a ready replica (held), its batch to
// fill while one of its replica's instances was free (max_queue_delay_ms), or an instance (every one
// busy). Hand-worked cases of each; the three means add up to queue_ms's.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario, withArrivals } from './helpers.js';

const run = (times: number[], candidate: Record<string, unknown>) =>
  simulate(withArrivals(makeScenario({ duration_s: 1, profile: { kind: 'deterministic', mean_ms: 10 } }, candidate), times)).candidates[0]!;

describe('the queue split', () => {
  it('a batch filling while its instance is free is batch-fill wait', () => {
    // Arrivals at 0, 1, 2; delay 5: one batch at 5. Waits 5, 4, 3, all with the instance free.
    const c = run([0, 1, 2], { batching: { max_batch_size: 4, max_queue_delay_ms: 5, max_queue_size: 100 } });
    expect(c.queue_split_ms).toEqual({ replica_mean: 0, batch_fill_mean: 4, instance_mean: 0 });
    expect(c.queue_ms.mean).toBe(4);
  });

  it('waiting while every instance is busy is instance wait', () => {
    // Delay 0, batch size 1: 0 runs 0–10; 1 waits 1 → 10 (9 ms), 4 waits 4 → 20 (16 ms), all with the instance busy.
    const c = run([0, 1, 4], { batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 100 } });
    expect(c.queue_split_ms).toEqual({ replica_mean: 0, batch_fill_mean: 0, instance_mean: 8.3333 });
  });

  it('a wait that spans both: the instance frees, then the batch waits out the rest of its delay', () => {
    // Delay 15, max batch 4: 0 waits alone (instance free) until 15, runs 15–25. 16 arrives while it
    // runs: instance busy 16–25 (9 ms), then free 25–31 until its own deadline 16 + 15 = 31 (6 ms).
    const c = run([0, 16], { batching: { max_batch_size: 4, max_queue_delay_ms: 15, max_queue_size: 100 } });
    expect(c.queue_split_ms).toEqual({ replica_mean: 0, batch_fill_mean: (15 + 6) / 2, instance_mean: (0 + 9) / 2 });
  });

  it('a request held for a ready replica: replica wait', () => {
    // A schedule with no replica until 20 ms: a request at 0 is held until then, runs at once.
    const c = run([0], {
      autoscaler: { kind: 'schedule', entries: [{ at_s: 0, replicas: 0 }, { at_s: 0.02, replicas: 1 }] },
      batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 100 },
    });
    expect(c.queue_split_ms!.batch_fill_mean + c.queue_split_ms!.instance_mean).toBe(0);
    expect(c.queue_split_ms!.replica_mean).toBe(c.queue_ms.mean);
    expect(c.queue_ms.mean).toBeGreaterThanOrEqual(20);
  });
});
