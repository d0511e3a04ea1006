// One conformance suite for the dynamic batcher, run through both of its drivers: the simulator's
// dispatcher (virtual clock, simulator/fleet/dispatch.ts) and the engine's model runner
// (engine/model-runner.ts, here on a virtual clock with a virtual timer and instances that take a
// fixed time). Each case is a queue of arrivals with the batches and drops Triton's dynamic batcher
// makes of them (triton-inference-server/core, src/dynamic_batch_scheduler.cc, GetDynamicBatch);
// both drivers must make exactly those, at the same times. hono runs every router through one
// suite the same way (runTest({ newRouter })).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BatchingInput } from '../../config/batching.js';
import { BatchingSchema } from '../../config/batching.js';
import type { ServeError } from '../../engine/errors.js';
import type { Instance, InstanceResult } from '../../engine/instance-pool.js';
import type { WireInput } from '../../engine/instance-messages.js';
import type { ModelMetrics } from '../../engine/metrics.js';
import { ModelRunner, type InstanceSlots, type RunnerTimer } from '../../engine/model-runner.js';
import { buildSignature } from '../../engine/model-signature.js';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario, Recorder, withArrivals } from '../simulator/helpers.js';

interface Case {
  name: string;
  batching: BatchingInput;
  instances?: number;
  /** Every batch takes this long, whatever its size. */
  serviceMs: number;
  /** Arrival times (ms), and items per request (1 each when absent). */
  arrivals: number[];
  items?: number[];
  /** [start ms, request ids] of each batch, in start order. */
  batches: [number, number[]][];
  /** Requests that never ran, by why. */
  dropped?: Record<number, 'queue_full' | 'timeout' | 'too_large'>;
}

const cases: Case[] = [
  {
    name: 'a partial batch waits until its oldest request has waited max_queue_delay_ms',
    batching: { max_batch_size: 4, max_queue_delay_ms: 5 },
    serviceMs: 10,
    arrivals: [0, 1, 2],
    batches: [[5, [0, 1, 2]]],
  },
  {
    name: 'a full batch goes at once (max_batch_size is the preferred size when none is set)',
    batching: { max_batch_size: 4, max_queue_delay_ms: 100 },
    serviceMs: 10,
    arrivals: [0, 1, 2, 3, 4],
    batches: [
      [3, [0, 1, 2, 3]],
      [104, [4]],
    ],
  },
  {
    // The case: Triton sends the preferred size while the oldest request is within its
    // delay, even when a full max_batch_size batch could be formed: three batches of 4, not 4 then 8.
    name: 'the largest preferred size goes before a larger batch while the delay holds',
    batching: { max_batch_size: 8, max_queue_delay_ms: 100, preferred_batch_sizes: [4] },
    serviceMs: 10,
    arrivals: [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1],
    batches: [
      [0, [0, 1, 2, 3]],
      [10, [4, 5, 6, 7]],
      [20, [8, 9, 10, 11]],
    ],
  },
  {
    name: 'the largest preferred size that can be formed, then the rest at its delay',
    batching: { max_batch_size: 8, max_queue_delay_ms: 50, preferred_batch_sizes: [2, 4] },
    serviceMs: 10,
    arrivals: [0, 0, 0, 0, 0],
    batches: [
      [0, [0, 1]],
      [10, [2, 3]],
      [50, [4]],
    ],
  },
  {
    name: 'once the delay has passed, everything that fits goes, preferred or not',
    batching: { max_batch_size: 8, max_queue_delay_ms: 5, preferred_batch_sizes: [2] },
    serviceMs: 30,
    arrivals: [0, 1, 1, 2, 3, 4],
    batches: [
      [1, [0, 1]],
      [31, [2, 3, 4, 5]],
    ],
  },
  {
    name: 'a request that would take the batch past the largest preferred size closes it',
    batching: { max_batch_size: 8, max_queue_delay_ms: 50, preferred_batch_sizes: [4] },
    serviceMs: 10,
    arrivals: [0, 0, 0],
    items: [3, 3, 2],
    batches: [
      [0, [0]],
      [10, [1]],
      [50, [2]],
    ],
  },
  {
    name: 'items count, not requests, and a request is never skipped to fit a later one',
    batching: { max_batch_size: 8, max_queue_delay_ms: 50 },
    serviceMs: 10,
    arrivals: [0, 0, 0],
    items: [5, 4, 1],
    batches: [
      [0, [0]], // 5 + 4 > 8: the first goes alone at once, being all that fits
      [50, [1, 2]], // 5 items of 8, no preferred size: they wait out the delay
    ],
  },
  {
    name: 'instances share the replica queue; with delay 0 whatever waits goes',
    batching: { max_batch_size: 2, max_queue_delay_ms: 0 },
    instances: 2,
    serviceMs: 10,
    arrivals: [0, 0, 0, 0, 0, 0],
    batches: [
      [0, [0]],
      [0, [1]],
      [10, [2, 3]],
      [10, [4, 5]],
    ],
  },
  {
    name: 'a busy instance: no wake-up at a passed delay deadline, the queue goes when it frees',
    batching: { max_batch_size: 4, max_queue_delay_ms: 2 },
    serviceMs: 20,
    arrivals: [0, 1, 3, 5],
    batches: [
      [2, [0, 1]],
      [22, [2, 3]],
    ],
  },
  {
    name: 'arrivals beyond max_queue_size are rejected; requests that outwait queue_timeout_ms are dropped',
    batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 2, queue_timeout_ms: 15 },
    serviceMs: 10,
    arrivals: [0, 1, 2, 3, 4],
    batches: [
      [0, [0]],
      [10, [1]],
    ],
    dropped: { 3: 'queue_full', 4: 'queue_full', 2: 'timeout' },
  },
  {
    name: 'a request over max_batch_size is refused',
    batching: { max_batch_size: 4, max_queue_delay_ms: 0 },
    serviceMs: 10,
    arrivals: [0, 1],
    items: [5, 1],
    batches: [[1, [1]]],
    dropped: { 0: 'too_large' },
  },
];

interface Outcome {
  batches: [number, number[]][];
  dropped: Record<number, string>;
}

function onSimulator(c: Case): Outcome {
  const loaded = withArrivals(
    makeScenario(
      { duration_s: 10, profile: { kind: 'deterministic', mean_ms: c.serviceMs } },
      { instances: c.instances ?? 1, batching: { max_queue_size: 1_000_000, ...c.batching } },
    ),
    c.arrivals,
    c.items,
  );
  const rec = new Recorder();
  simulate(loaded, { trace: () => rec });
  const dropped: Record<number, string> = {};
  for (const r of rec.requests) if (r.outcome !== 'completed' && r.outcome !== 'in_flight') dropped[r.id] = r.outcome;
  return { batches: rec.batches.map((b) => [b.startMs, b.requestIds]), dropped };
}

const signature = buildSignature('fake.onnx', [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 1] }], [{ name: 'y', isTensor: true, type: 'float32', shape: ['N', 1] }], {});
const noMetrics: ModelMetrics = { success() {}, failure() {}, dequeued() {}, batch() {}, instanceRestarted() {} };
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The engine's runner on a virtual clock: arrivals, batch ends and the timer as timed events, in the simulator's order at equal times. */
async function onEngine(c: Case): Promise<Outcome> {
  let now = 0;
  let timerAt = Number.POSITIVE_INFINITY;
  let onTimer: () => void = () => {};
  const ends: { at: number; finish: () => void }[] = [];
  const batches: [number, number[]][] = [];
  const instances = Array.from({ length: c.instances ?? 1 }, (_, index) => ({ index, busy: false, alive: true }) as unknown as Instance);
  const slots: InstanceSlots = {
    size: instances.length,
    alive: instances.length,
    free: () => instances.find((i) => !i.busy),
    onDeath() {},
    run(instance: Instance, inputs: WireInput[]): Promise<InstanceResult> {
      instance.busy = true;
      const { dims, slab } = inputs[0]!;
      const ids = Array.from(new Float32Array(slab, 0, dims[0]!));
      const distinct = ids.filter((id, i) => i === 0 || id !== ids[i - 1]);
      batches.push([now, distinct]);
      return new Promise((resolve) =>
        ends.push({
          at: now + c.serviceMs,
          finish: () => {
            instance.busy = false;
            resolve({ outputs: [{ name: 'y', type: 'float32', dims, buffer: new ArrayBuffer(dims[0]! * 4) }], computeMs: c.serviceMs });
          },
        }),
      );
    },
  } as InstanceSlots;
  const timer = (due: () => void): RunnerTimer => {
    onTimer = due;
    return {
      arm: (inMs: number) => void (timerAt = now + inMs),
      cancel: () => void (timerAt = Number.POSITIVE_INFINITY),
      close: () => Promise.resolve(0),
    };
  };
  const batching = BatchingSchema.parse({ max_queue_size: 1_000_000, ...c.batching });
  const runner = new ModelRunner({ modelName: 'fake', signature, batching: { ...batching, max_queue_size: batching.max_queue_size ?? 1_000_000 }, pool: slots, metrics: noMetrics, clock: () => now, timer });
  const dropped: Record<number, string> = {};
  const pending: Promise<unknown>[] = [];
  let next = 0;
  for (;;) {
    const endAt = ends.length > 0 ? Math.min(...ends.map((e) => e.at)) : Number.POSITIVE_INFINITY;
    const arrivalAt = next < c.arrivals.length ? c.arrivals[next]! : Number.POSITIVE_INFINITY;
    const at = Math.min(endAt, timerAt, arrivalAt);
    if (at === Number.POSITIVE_INFINITY) break;
    now = at;
    if (endAt === at) {
      // Batch ends first, as the simulator's heap events precede an arrival at the same time.
      const i = ends.findIndex((e) => e.at === at);
      ends.splice(i, 1)[0]!.finish();
    } else if (timerAt === at) {
      timerAt = Number.POSITIVE_INFINITY;
      onTimer();
    } else {
      const id = next++;
      const items = c.items?.[id] ?? 1;
      pending.push(
        runner.submit({ items, inputs: [new Uint8Array(new Float32Array(items).fill(id).buffer)] }).catch((err: ServeError) => {
          dropped[id] = err.reason === 'bad_request' ? 'too_large' : err.reason === 'queue_timeout' ? 'timeout' : err.reason;
        }),
      );
    }
    await settle();
  }
  await Promise.all(pending);
  await runner.close();
  return { batches, dropped };
}

describe('the dynamic batcher makes the same batches on both clocks', () => {
  it.each(cases)('$name', async (c) => {
    const expected = { batches: c.batches, dropped: c.dropped ?? {} };
    expect(onSimulator(c), 'simulator').toEqual(expected);
    expect(await onEngine(c), 'engine').toEqual(expected);
  });
});

describe('the dynamic batcher on both clocks, over random queues', () => {
  // Times are random doubles, so a batch end, a wake-up and an arrival practically never coincide
  // (the one place where the two drivers' orders of equal-time events could differ).
  const caseArb = fc
    .record({
      max_batch_size: fc.integer({ min: 1, max: 8 }),
      max_queue_delay_ms: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 30, noNaN: true })),
      preferred: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }),
      max_queue_size: fc.integer({ min: 1, max: 12 }),
      queue_timeout_ms: fc.option(fc.double({ min: 1, max: 60, noNaN: true }), { nil: undefined }),
      instances: fc.integer({ min: 1, max: 3 }),
      serviceMs: fc.double({ min: 0.5, max: 25, noNaN: true }),
      gaps: fc.array(fc.double({ min: 0, max: 8, noNaN: true }), { minLength: 1, maxLength: 40 }),
      items: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 40, maxLength: 40 }),
    })
    .map((r): Case => {
      let t = 0;
      const arrivals = r.gaps.map((g) => (t += g));
      const preferred = r.preferred.filter((p) => p <= r.max_batch_size);
      return {
        name: 'random',
        batching: {
          max_batch_size: r.max_batch_size,
          max_queue_delay_ms: r.max_queue_delay_ms,
          max_queue_size: r.max_queue_size,
          ...(preferred.length > 0 ? { preferred_batch_sizes: preferred } : {}),
          ...(r.queue_timeout_ms !== undefined ? { queue_timeout_ms: r.queue_timeout_ms } : {}),
        },
        instances: r.instances,
        serviceMs: r.serviceMs,
        arrivals,
        items: r.items.slice(0, arrivals.length),
        batches: [],
      };
    });

  it('the simulator and the engine form the same batches at the same times and drop the same requests', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        expect(await onEngine(c)).toEqual(onSimulator(c));
      }),
      { seed: 20261206, numRuns: 150 },
    );
  });
});
