// When the replica's HTTP thread is the bottleneck it is an M/D/1 queue: Poisson arrivals, constant
// ingress d on one FIFO server, compute next to nothing on instances that are always free, egress
// of length 0 (instances are held until the thread picks their result up, so there are plenty). The mean wait for the thread before ingress is Pollaczek–Khinchine's
// Wq = ρd / (2(1 − ρ)), and the thread is busy a share ρ of the time. Each zero-length egress joins
// the queue just after its own ingress ended, behind every ingress then waiting; a departure leaves
// behind as many as an arrival finds (L = λ(Wq + d), by PASTA and level crossing), so it waits
// L·d and the mean frontend time is Wq + d + λ(Wq + d)d = (Wq + d)(1 + ρ).
// Tolerance: over 1–2 M arrivals, four seeds each gave errors within 0.4% (about one to two
// standard errors), so 2% fails only on a real bias, like queueing-theory.md1-mean-wait's 3%.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import type { RunTrace } from '../../simulator/core/run-trace.js';
import { makeScenario } from './helpers.js';

/** Mean time from being routed to entering the batcher (the ingress with its wait), over measured requests. */
class IngressMean implements RunTrace {
  sum = 0;
  n = 0;
  constructor(private readonly fromMs: number) {}
  onRequest(r: { sendMs: number; routedMs: number; batchedMs?: number }): void {
    if (r.sendMs < this.fromMs || r.batchedMs === undefined || r.batchedMs < 0) return;
    this.sum += r.batchedMs - r.routedMs;
    this.n++;
  }
  onBatch(): void {}
}

describe('the HTTP thread as the bottleneck (M/D/1)', () => {
  it.each([
    { rho: 0.5, durationS: 2_000 },
    { rho: 0.7, durationS: 3_000 },
  ])('waits ρd / (2(1 − ρ)) before ingress at ρ = $rho, d = 1 ms', ({ rho, durationS }) => {
    const d = 1;
    const warmupS = 20;
    const loaded = makeScenario(
      {
        seed: 5,
        duration_s: durationS,
        warmup_s: warmupS,
        profile: {
          kind: 'deterministic',
          mean_ms: 1e-6,
          serving_overhead: { source: 'test', compute_scale: 1, per_batch_ms: 0, ingress_ms: { kind: 'constant', ms: d }, egress_ms: { kind: 'constant', ms: 0 } },
        },
        traffic: { arrivals: { kind: 'poisson', rate_rps: (rho * 1000) / d } },
      },
      { instances: 64 }, // each is held until the thread picks its result up: enough that all are never held
    );
    const trace = new IngressMean(warmupS * 1000);
    const c = simulate(loaded, { trace: () => trace }).candidates[0]!;
    const wq = (rho * d) / (2 * (1 - rho));
    expect(trace.n).toBeGreaterThan(900_000);
    const waited = trace.sum / trace.n - d;
    expect(Math.abs(waited - wq) / wq).toBeLessThan(0.02);
    const frontend = (wq + d) * (1 + rho);
    expect(Math.abs(c.frontend_ms!.mean - frontend) / frontend).toBeLessThan(0.02);
    expect(Math.abs(c.frontend_utilization![0]! - rho) / rho).toBeLessThan(0.01);
    // The instances are not the bottleneck: next to no wait in the batcher.
    expect(c.queue_ms.max).toBeLessThan(1e-3);
  });
});
