// The model runner drives the shared DynamicBatcher with the real clock: a partial batch waits
// max_queue_delay_ms and no longer, a full one goes at once, each request gets its own rows back,
// a full queue and a queue timeout reject with 503, waiting for a busy instance does not spin, and
// losing every instance fails what is queued instead of hanging. Instances are a fake here.
import { describe, expect, it } from 'vitest';
import type { ServeError } from '../../engine/errors.js';
import type { Instance, InstanceResult } from '../../engine/instance-pool.js';
import type { WireInput } from '../../engine/instance-messages.js';
import type { ModelMetrics } from '../../engine/metrics.js';
import { ModelRunner, type InstanceSlots } from '../../engine/model-runner.js';
import { buildSignature } from '../../engine/model-signature.js';

/** Instances that "compute" for `ms` and return their input as the output (an identity model). */
class FakeSlots implements InstanceSlots {
  readonly instances: Instance[];
  readonly batches: { items: number; at: number }[] = [];
  freeCalls = 0;
  private listeners: ((i: Instance, reason: string) => void)[] = [];
  constructor(count: number, private readonly ms: number) {
    this.instances = Array.from({ length: count }, (_, index) => ({ index, busy: false, alive: true }) as unknown as Instance);
  }
  get size() {
    return this.instances.length;
  }
  get alive() {
    return this.instances.filter((i) => i.alive).length;
  }
  free() {
    this.freeCalls++;
    return this.instances.find((i) => i.alive && !i.busy);
  }
  onDeath(listener: (i: Instance, reason: string) => void) {
    this.listeners.push(listener);
  }
  kill(index: number) {
    this.instances[index]!.alive = false;
    for (const l of this.listeners) l(this.instances[index]!, 'was killed');
  }
  run(instance: Instance, inputs: WireInput[]): Promise<InstanceResult> {
    instance.busy = true;
    const { dims, slab } = inputs[0]!;
    this.batches.push({ items: dims[0]!, at: performance.now() });
    return new Promise((resolve) =>
      setTimeout(() => {
        // Read the slab only when "done", as a worker would while running: it must still hold this batch.
        const buffer = new Uint8Array(slab, 0, dims[0]! * 2 * 4).slice().buffer;
        instance.busy = false;
        resolve({ outputs: [{ name: 'y', type: 'float32', dims, buffer }], computeMs: this.ms });
      }, this.ms),
    );
  }
}

const signature = buildSignature(
  'fake.onnx',
  [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 2] }],
  [{ name: 'y', isTensor: true, type: 'float32', shape: ['N', 2] }],
  {},
);
const noMetrics: ModelMetrics = { success() {}, failure() {}, dequeued() {}, batch() {}, instanceRestarted() {} };

function runner(slots: FakeSlots, batching: { max_batch_size: number; max_queue_delay_ms?: number; max_queue_size?: number; queue_timeout_ms?: number }) {
  return new ModelRunner({
    modelName: 'fake',
    signature,
    batching: { max_queue_delay_ms: 0, max_queue_size: 1000, ...batching },
    pool: slots,
    metrics: noMetrics,
  });
}

const rows = (...values: number[]) => ({ items: values.length / 2, inputs: [new Uint8Array(Float32Array.from(values).buffer)] });
const floats = (b: Uint8Array) => Array.from(new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4));

describe('ModelRunner', () => {
  it('holds a partial batch for max_queue_delay_ms, then sends it as one batch', async () => {
    const slots = new FakeSlots(1, 1);
    const r = runner(slots, { max_batch_size: 8, max_queue_delay_ms: 40 });
    const t0 = performance.now();
    // Both in the same tick, so a busy machine cannot split them: three items of eight wait together.
    const a = r.submit(rows(1, 2));
    const b = r.submit(rows(3, 4, 5, 6));
    const [ra, rb] = await Promise.all([a, b]);
    expect(slots.batches).toHaveLength(1);
    expect(slots.batches[0]!.items).toBe(3);
    const waited = slots.batches[0]!.at - t0;
    expect(waited).toBeGreaterThanOrEqual(39);
    expect(waited).toBeLessThan(2000);
    expect(floats(ra.outputs[0]!.bytes)).toEqual([1, 2]);
    expect(ra.outputs[0]!.shape).toEqual([1, 2]);
    expect(floats(rb.outputs[0]!.bytes)).toEqual([3, 4, 5, 6]);
    expect(rb.outputs[0]!.shape).toEqual([2, 2]);
    expect(ra.batchItems).toBe(3);
  });

  it('sends a full batch at once, without waiting for the delay', async () => {
    const slots = new FakeSlots(1, 1);
    const r = runner(slots, { max_batch_size: 2, max_queue_delay_ms: 10_000 });
    const t0 = performance.now();
    await Promise.all([r.submit(rows(1, 1)), r.submit(rows(2, 2))]);
    expect(slots.batches.map((b) => b.items)).toEqual([2]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('rejects at once with 503 when the queue is full', async () => {
    const slots = new FakeSlots(1, 50);
    const r = runner(slots, { max_batch_size: 1, max_queue_size: 2 });
    const accepted = [r.submit(rows(1, 1)), r.submit(rows(2, 2)), r.submit(rows(3, 3))]; // one runs, two wait
    const err = (await r.submit(rows(4, 4)).catch((e: unknown) => e)) as ServeError;
    expect(err.status).toBe(503);
    expect(err.reason).toBe('queue_full');
    expect(err.retryAfterS).toBe(1);
    await Promise.all(accepted);
  });

  it('times out a request waiting on a busy instance, without spinning meanwhile', async () => {
    const slots = new FakeSlots(1, 120);
    const r = runner(slots, { max_batch_size: 1, max_queue_delay_ms: 0, queue_timeout_ms: 30 });
    const first = r.submit(rows(1, 1));
    const second = r.submit(rows(2, 2)).catch((e: unknown) => e);
    const err = (await second) as ServeError;
    expect(err.status).toBe(503);
    expect(err.reason).toBe('queue_timeout');
    await first;
    // A spinning timer would have asked for a free instance thousands of times in 120 ms.
    expect(slots.freeCalls).toBeLessThan(20);
  });

  it('fails queued requests (503) and turns unready when every instance dies', async () => {
    const slots = new FakeSlots(1, 30);
    const r = runner(slots, { max_batch_size: 1 });
    const running = r.submit(rows(1, 1));
    const queued = r.submit(rows(2, 2)).catch((e: unknown) => e);
    expect(r.ready).toBe(true);
    slots.kill(0);
    expect(r.ready).toBe(false);
    const err = (await queued) as ServeError;
    expect(err.status).toBe(503);
    expect(err.reason).toBe('unavailable');
    await running; // the fake still answers the batch it held; a real dead worker's batch fails (instance-pool test)
    await expect(r.submit(rows(3, 3))).rejects.toMatchObject({ status: 503 });
  });
});
