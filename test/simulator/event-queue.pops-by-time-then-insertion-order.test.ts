// The event heap pops events in time order, and equal times in the order they were pushed (SimPy's
// tie rule), whatever the interleaving of pushes and pops: checked against a sorted reference list.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../simulator/core/event-queue.js';

describe('EventQueue', () => {
  it('breaks ties by insertion order', () => {
    const q = new EventQueue(2);
    q.push(5, 1, 10);
    q.push(3, 2, 20);
    q.push(5, 3, 30);
    q.push(3, 4, 40);
    const out: Array<[number, number, number]> = [];
    for (let k = q.pop(); k >= 0; k = q.pop()) out.push([q.time, k, q.payload]);
    expect(out).toEqual([
      [3, 2, 20],
      [3, 4, 40],
      [5, 1, 10],
      [5, 3, 30],
    ]);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('matches a sorted reference under random pushes and pops', () => {
    const op = fc.oneof(
      fc.record({ push: fc.constant(true), time: fc.integer({ min: 0, max: 20 }) }), // few distinct times: many ties
      fc.record({ push: fc.constant(false), time: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(1);
        const reference: Array<{ time: number; seq: number }> = [];
        let seq = 0;
        for (const o of ops) {
          if (o.push) {
            q.push(o.time, seq % 7, seq);
            reference.push({ time: o.time, seq: seq++ });
          } else {
            reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
            const want = reference.shift();
            const kind = q.pop();
            if (!want) expect(kind).toBe(-1);
            else expect([q.time, q.payload, kind]).toEqual([want.time, want.seq, want.seq % 7]);
          }
          expect(q.size).toBe(reference.length);
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
