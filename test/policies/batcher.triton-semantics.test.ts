// The dynamic batcher against Triton's documented rules, on hand-worked queues, plus properties
// over random arrival sequences (batch limit, FIFO, no waiting past the delay while dispatchable).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DynamicBatcher } from '../../policies/batcher.js';
import { BatchingSchema, type BatchingInput } from '../../config/batching.js';

const make = (cfg: BatchingInput) => new DynamicBatcher(BatchingSchema.parse(cfg));
const takeAll = (b: DynamicBatcher, k: number) => Array.from({ length: k }, () => b.shift());

describe('DynamicBatcher (Triton semantics)', () => {
  it('with delay 0 dispatches whatever waits as soon as asked', () => {
    const b = make({ max_batch_size: 8, max_queue_delay_ms: 0 });
    b.offer(0, 1);
    b.offer(0, 2);
    expect(b.ready(0)).toBe(2);
    expect(takeAll(b, 2)).toEqual([1, 2]);
    expect(b.ready(0)).toBe(0);
    expect(b.nextWake(true)).toBe(Infinity);
  });

  it('holds a partial batch until the oldest request has waited max_queue_delay_ms', () => {
    const b = make({ max_batch_size: 4, max_queue_delay_ms: 10 });
    b.offer(100, 1);
    b.offer(103, 2);
    expect(b.ready(105)).toBe(0);
    expect(b.nextWake(true)).toBe(110);
    expect(b.ready(109.999)).toBe(0);
    expect(b.ready(110)).toBe(2);
  });

  it('dispatches a full batch at once and leaves the rest queued', () => {
    const b = make({ max_batch_size: 3, max_queue_delay_ms: 1000 });
    for (let i = 0; i < 5; i++) b.offer(i, i);
    expect(b.ready(5)).toBe(3);
    expect(takeAll(b, 3)).toEqual([0, 1, 2]);
    expect(b.ready(5)).toBe(0);
    expect(b.nextWake(true)).toBe(3 + 1000);
  });

  it('sends the largest preferred size that can be formed, without waiting', () => {
    const b = make({ max_batch_size: 16, max_queue_delay_ms: 1000, preferred_batch_sizes: [4, 8] });
    for (let i = 0; i < 7; i++) b.offer(0, i);
    expect(b.ready(0)).toBe(4); // 7 waiting: 4 is the largest preferred size formable (Triton docs' example)
    takeAll(b, 4);
    expect(b.ready(0)).toBe(0); // 3 left: no preferred size, within the delay
    expect(b.ready(1000)).toBe(3);
  });

  it('counts items, not requests, and never skips a request to fit a later one', () => {
    const b = make({ max_batch_size: 8, max_queue_delay_ms: 50 });
    expect(b.offer(0, 1, 5)).toBe('accepted');
    expect(b.offer(0, 2, 4)).toBe('accepted');
    expect(b.offer(0, 3, 1)).toBe('accepted');
    expect(b.queuedItems).toBe(10);
    expect(b.ready(0)).toBe(1); // 5 + 4 > 8: the batch is as full as FIFO allows
    expect(b.offer(0, 4, 9)).toBe('too_large');
  });

  it('rejects arrivals beyond max_queue_size', () => {
    const b = make({ max_batch_size: 4, max_queue_delay_ms: 0, max_queue_size: 2 });
    expect(b.offer(0, 1)).toBe('accepted');
    expect(b.offer(0, 2)).toBe('accepted');
    expect(b.offer(0, 3)).toBe('queue_full');
    b.shift();
    expect(b.offer(0, 4)).toBe('accepted');
  });

  it('expires requests that outwaited queue_timeout_ms, oldest first', () => {
    const b = make({ max_batch_size: 4, max_queue_delay_ms: 100, queue_timeout_ms: 20 });
    b.offer(0, 1);
    b.offer(5, 2);
    b.offer(30, 3);
    expect(b.nextWake(true)).toBe(20);
    const expired: number[] = [];
    expect(b.expire(25, (id) => expired.push(id))).toBe(2);
    expect(expired).toEqual([1, 2]);
    expect(b.length).toBe(1);
    expect(b.nextWake(true)).toBe(50);
  });

  it('keeps FIFO order across ring-buffer growth', () => {
    const b = make({ max_batch_size: 1, max_queue_delay_ms: 0 });
    for (let i = 0; i < 10; i++) b.offer(i, i);
    takeAll(b, 7);
    for (let i = 10; i < 300; i++) b.offer(i, i);
    expect(takeAll(b, b.length)).toEqual(Array.from({ length: 293 }, (_, i) => i + 7));
  });
});

describe('DynamicBatcher properties', () => {
  const config = fc.record({
    max_batch_size: fc.integer({ min: 1, max: 16 }),
    max_queue_delay_ms: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true })),
    preferred: fc.array(fc.integer({ min: 1, max: 16 }), { maxLength: 3 }),
  });
  const arrivals = fc.array(fc.record({ gap: fc.double({ min: 0, max: 20, noNaN: true }), items: fc.integer({ min: 1, max: 4 }) }), {
    minLength: 1,
    maxLength: 60,
  });

  it('never forms a batch over max_batch_size, keeps FIFO, and never holds a dispatchable request past its delay', () => {
    fc.assert(
      fc.property(config, arrivals, ({ max_batch_size, max_queue_delay_ms, preferred }, reqs) => {
        const b = make({
          max_batch_size,
          max_queue_delay_ms,
          preferred_batch_sizes: preferred.filter((p) => p <= max_batch_size),
        });
        let now = 0;
        let nextId = 0;
        const out: number[] = [];
        const poll = (t: number) => {
          for (let k = b.ready(t); k > 0; k = b.ready(t)) {
            let size = 0;
            for (let i = 0; i < k; i++) size += b.itemsAt(i);
            expect(size).toBeLessThanOrEqual(max_batch_size);
            for (let i = 0; i < k; i++) out.push(b.shift());
          }
          // With an instance always free, nothing may still wait past its delay.
          if (b.length > 0) expect(t).toBeLessThan(b.oldestArrival() + max_queue_delay_ms);
        };
        for (const r of reqs) {
          // Wake-ups due before the next arrival happen first, as a driver would arrange.
          while (b.nextWake(true) <= now + r.gap) poll(b.nextWake(true));
          now += r.gap;
          if (r.items <= max_batch_size) b.offer(now, nextId++, r.items);
          poll(now);
        }
        while (b.length > 0) poll(b.nextWake(true));
        expect(out).toEqual(Array.from({ length: nextId }, (_, i) => i));
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
