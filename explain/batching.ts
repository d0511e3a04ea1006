// Batching arithmetic for one pool: how many requests the delay window collects at this rate, what
// the window costs a request in latency, what batching buys in throughput per instance, and — from
// the simulator's instrumentation, where the result has it — how the batcher wait splits into
// "waiting for the batch to fill" and "waiting for a free instance".
//
// The window at light load (an instance free when the first request of a batch arrives): the batch
// goes when it reaches `limit` requests (max_batch_size, or the smallest preferred size, in
// requests) or when the first request has waited the delay W, whichever comes first. With Poisson
// arrivals at rate λ, N(s) requests join in the first s ms, and
//   E[batch] = E[min(1 + N(W), limit)],
//   E[Σ waits in a batch] = ∫₀^W E[(1 + N(s)) · 1{1 + N(s) < limit}] ds,
// so the mean wait per request is their ratio (a renewal-reward argument). Under load batches also
// grow while every instance is busy, which the window alone does not see: the simulated mean batch
// shows how much. Built by explain/explain.ts.
import type { BatchingExplanation } from '../config/explain.js';
import type { MeasuredFigures } from './measured-figures.js';
import type { PoolContext } from './pools.js';
import { perReplicaRps } from './stations.js';

export interface Window {
  limitRequests: number;
  batchRequests: number;
  waitMs: number;
}

/** The delay window at light load: requests per batch and mean wait per request, for Poisson arrivals at `lambdaPerMs`. */
export function delayWindow(lambdaPerMs: number, delayMs: number, limitRequests: number): Window {
  const m = Math.max(1, limitRequests);
  if (m === 1 || delayMs <= 0 || lambdaPerMs <= 0) return { limitRequests: m, batchRequests: 1, waitMs: 0 };
  // E[min(1 + N, m)] for N ~ Poisson(λW).
  const mu = lambdaPerMs * delayMs;
  let p = Math.exp(-mu);
  let below = 0; // P(N ≤ m − 2)
  let batch = 0;
  for (let n = 0; n <= m - 2; n++) {
    batch += (1 + n) * p;
    below += p;
    p *= mu / (n + 1);
  }
  batch += m * (1 - below);
  // ∫₀^W Σ_{n ≤ m−2} (1 + n) P(N(s) = n) ds by Simpson's rule.
  const steps = 400;
  const h = delayMs / steps;
  const f = (s: number) => {
    const x = lambdaPerMs * s;
    let q = Math.exp(-x);
    let acc = 0;
    for (let n = 0; n <= m - 2; n++) {
      acc += (1 + n) * q;
      q *= x / (n + 1);
    }
    return acc;
  };
  let integral = f(0) + f(delayMs);
  for (let i = 1; i < steps; i++) integral += (i % 2 === 1 ? 4 : 2) * f(i * h);
  integral *= h / 3;
  return { limitRequests: m, batchRequests: batch, waitMs: integral / batch };
}

export function batchingOf(p: PoolContext, measured: MeasuredFigures | null): BatchingExplanation {
  const b = p.batching;
  const k = p.itemsPerRequest;
  const limitItems = Math.min(b.max_batch_size, ...(b.preferred_batch_sizes ?? []));
  const window = delayWindow(perReplicaRps(p) / 1000, b.max_queue_delay_ms, Math.floor(limitItems / k));
  const perInstance = (requests: number) => (requests * 1000) / p.serviceTime.mean(requests * k);
  const full = Math.max(1, Math.floor(b.max_batch_size / k));
  const meanRequests = p.sim.meanBatchItems / k;
  const unbatched = perInstance(1);
  const atMean = meanRequests > 0 ? perInstance(meanRequests) : null;
  const notes: string[] = [];
  if (b.preferred_batch_sizes?.length) notes.push(`a batch goes at once when it reaches a preferred size (${b.preferred_batch_sizes.join(', ')} items), so the window closes at ${limitItems} items`);
  if (meanRequests > window.batchRequests * 1.2) notes.push(`the simulation's batches (${fmt(p.sim.meanBatchItems)} items) are larger than the window alone collects (${fmt(window.batchRequests * k)}): requests also pile up while every instance is busy`);
  if (limitItems < k) notes.push(`a request carries ${k} items, more than a batch may hold (${limitItems}): such requests are rejected as too large`);
  const split = p.sim.split !== undefined;
  return {
    max_batch_size: b.max_batch_size,
    max_queue_delay_ms: b.max_queue_delay_ms,
    batch_limit_requests: window.limitRequests,
    window_batch_requests: window.batchRequests,
    window_wait_ms: window.waitMs,
    mean_batch_items: { formula: window.batchRequests * k, simulated: p.sim.meanBatchItems, measured: p.tier === 'cloud' ? (measured?.meanBatchItems ?? null) : null },
    throughput_rps: { unbatched, at_mean_batch: atMean, at_full_batch: perInstance(full) },
    gain: atMean === null ? null : atMean / unbatched,
    split: {
      recorded: split,
      queue_ms: p.sim.queue.mean,
      batch_wait_ms: p.sim.split?.batch_fill_mean ?? null,
      instance_wait_ms: p.sim.split?.instance_mean ?? null,
    },
    notes,
  };
}

function fmt(x: number): string {
  return String(+x.toPrecision(3));
}
