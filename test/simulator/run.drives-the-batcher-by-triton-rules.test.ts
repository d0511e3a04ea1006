// The simulator's driver of the shared batcher on hand-worked arrivals with deterministic service:
// a partial batch waits for max_queue_delay_ms, a full one goes at once, instances share a queue,
// full queues reject, timeouts drop, oversized requests are refused, the warm-up is left out, and
// requests unfinished at the end are in flight (counted against the SLO once older than it).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario, Recorder, withArrivals } from './helpers.js';

function runOn(timesMs: number[], candidate: Record<string, unknown>, fields: Record<string, unknown> = {}, items?: number[]) {
  const loaded = withArrivals(makeScenario({ duration_s: 1, profile: { kind: 'deterministic', mean_ms: 10 }, ...fields }, candidate), timesMs, items);
  const rec = new Recorder();
  const result = simulate(loaded, { trace: () => rec }).candidates[0]!;
  const batches = rec.batches.map((b) => ({ at: b.startMs, instance: b.instance, ids: b.requestIds }));
  return { result, rec, batches };
}

describe('the simulator drives the batcher by Triton rules', () => {
  it('holds a partial batch until the oldest request has waited max_queue_delay_ms', () => {
    const { result, batches } = runOn([0, 1, 2], { batching: { max_batch_size: 4, max_queue_delay_ms: 5 } });
    expect(batches).toEqual([{ at: 5, instance: 0, ids: [0, 1, 2] }]);
    expect(result.queue_ms.mean).toBeCloseTo(4, 9); // waits of 5, 4, 3
    expect(result.latency_ms.max).toBe(15);
    expect(result.batch_size_histogram).toEqual({ 3: 1 });
  });

  it('sends a full batch at once', () => {
    const { batches } = runOn([0, 1, 2, 3, 4], { batching: { max_batch_size: 4, max_queue_delay_ms: 100 } });
    expect(batches).toEqual([
      { at: 3, instance: 0, ids: [0, 1, 2, 3] },
      { at: 104, instance: 0, ids: [4] },
    ]);
  });

  it('sends the largest preferred size that can be formed without waiting', () => {
    const { batches } = runOn([0, 0, 0, 0, 0], { batching: { max_batch_size: 8, max_queue_delay_ms: 50, preferred_batch_sizes: [2, 4] } });
    expect(batches.map((b) => [b.at, b.ids.length])).toEqual([
      [0, 2], // two waiting: preferred size 2 goes at once
      [10, 2], // the instance frees at 10 with three waiting: 2 is the largest preferred size formable
      [50, 1], // the last one goes when it has waited 50 ms
    ]);
  });

  it('lets instances share the replica queue, and with delay 0 sends whatever waits', () => {
    const { batches } = runOn([0, 0, 0, 0, 0, 0], { instances: 2, batching: { max_batch_size: 2, max_queue_delay_ms: 0 } });
    expect(batches).toEqual([
      { at: 0, instance: 0, ids: [0] },
      { at: 0, instance: 1, ids: [1] },
      { at: 10, instance: 0, ids: [2, 3] },
      { at: 10, instance: 1, ids: [4, 5] },
    ]);
  });

  it('rejects arrivals beyond max_queue_size and drops requests that outwait queue_timeout_ms', () => {
    const full = runOn([0, 1, 2, 3], { batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 1 } });
    expect(full.result.dropped_by_reason).toEqual({ queue_full: 2, timeout: 0, too_large: 0 });
    expect(full.rec.requests.filter((r) => r.outcome === 'queue_full').map((r) => r.id)).toEqual([2, 3]);

    const timeout = runOn([0, 1, 2], { batching: { max_batch_size: 1, max_queue_delay_ms: 0, queue_timeout_ms: 12 } });
    const dropped = timeout.rec.requests.filter((r) => r.outcome === 'timeout');
    expect(dropped.map((r) => [r.id, r.droppedMs])).toEqual([[2, 14]]); // queued at 2, nothing free until 20 > 2 + 12
    expect(timeout.result.completed).toBe(2);
  });

  it('refuses a request with more items than max_batch_size', () => {
    const { result } = runOn([0, 5], { batching: { max_batch_size: 2, max_queue_delay_ms: 0 } }, {}, [3, 2]);
    expect(result.dropped_by_reason.too_large).toBe(1);
    expect(result.completed).toBe(1);
    expect(result.batch_size_histogram).toEqual({ 2: 1 });
  });

  it('leaves requests sent during the warm-up out of the statistics', () => {
    const { result } = runOn([100, 200, 600, 700], { batching: { max_batch_size: 1, max_queue_delay_ms: 0 } }, { warmup_s: 0.5 });
    expect(result.requests).toEqual({ arrived: 2, completed: 2, dropped: 0, in_flight: 0 });
    expect(result.batches).toBe(2);
    expect(result.utilization).toBeCloseTo(20 / 500, 9);
  });

  it('counts requests unfinished at the end as in flight, and those older than the SLO as misses', () => {
    // Service 400 ms, one instance: request 0 done at 400, request 1 done at 800, 2 and 3 unfinished at 1000.
    const { result } = runOn([0, 100, 150, 900], { batching: { max_batch_size: 1, max_queue_delay_ms: 0 } }, {
      profile: { kind: 'deterministic', mean_ms: 400 },
      slo: { latency_ms: 500, percentile: 50 },
    });
    expect(result.requests).toEqual({ arrived: 4, completed: 2, dropped: 0, in_flight: 2 });
    // Within 500 ms: request 0 (400). Missed: request 1 (700), request 2 (in flight, 850 ms old). Request 3 (100 ms old) is unknown.
    expect(result.slo_attainment).toBeCloseTo(1 / 3, 6);
    expect(result.slo_met).toBe(false);
  });
});
