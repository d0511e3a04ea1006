// Little's law, L = λW, on the simulated time series: the time-averaged number of requests at the
// replicas (queue_depth + in_service, averaged over the measured intervals) equals the throughput
// times the mean time spent there (queue + compute). Also for the queue alone (Lq = λ Wq), and
// under batching, where a batch's requests are in service together.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import type { CandidateResult } from '../../config/result.js';
import { makeScenario } from './helpers.js';

function measuredMean(c: CandidateResult, series: number[], warmupS: number): number {
  const ts = c.timeseries;
  let sum = 0;
  let n = 0;
  ts.t_s.forEach((t, i) => {
    if (t >= warmupS) {
      sum += series[i]!;
      n++;
    }
  });
  return sum / n;
}

describe("Little's law", () => {
  it('holds for M/M/10 on the queue and on the whole replica', () => {
    const loaded = makeScenario(
      { seed: 7, duration_s: 10_000, warmup_s: 500, traffic: { arrivals: { kind: 'poisson', rate_rps: 90 } }, metrics: { sample_interval_s: 10 } },
      { instances: 10 },
    );
    const c = simulate(loaded).candidates[0]!;
    const lambda = c.throughput_rps / 1000; // per ms
    const inQueue = measuredMean(c, c.timeseries.queue_depth, 500);
    const inService = measuredMean(c, c.timeseries.in_service, 500);
    expect(Math.abs(inQueue - lambda * c.queue_ms.mean) / (lambda * c.queue_ms.mean)).toBeLessThan(0.01);
    expect(Math.abs(inQueue + inService - lambda * c.latency_ms.mean) / (lambda * c.latency_ms.mean)).toBeLessThan(0.01);
    // busy instances / c is the utilisation
    expect(measuredMean(c, c.timeseries.busy_instances, 500) / 10).toBeCloseTo(c.utilization, 2);
  });

  it('holds with dynamic batching on two replicas', () => {
    const loaded = makeScenario(
      {
        seed: 2,
        duration_s: 2_000,
        warmup_s: 100,
        profile: { kind: 'lognormal', mean_ms: { base_ms: 4, per_item_ms: 1 }, cv: 0.3 },
        traffic: { arrivals: { kind: 'poisson', rate_rps: 800 } },
        metrics: { sample_interval_s: 5 },
      },
      { replicas: 2, instances: 2, router: 'least_outstanding', batching: { max_batch_size: 8, max_queue_delay_ms: 3 } },
    );
    const c = simulate(loaded).candidates[0]!;
    const lambda = c.throughput_rps / 1000;
    const inSystem = measuredMean(c, c.timeseries.queue_depth, 100) + measuredMean(c, c.timeseries.in_service, 100);
    expect(c.mean_batch_size).toBeGreaterThan(1.5);
    expect(Math.abs(inSystem - lambda * c.latency_ms.mean) / (lambda * c.latency_ms.mean)).toBeLessThan(0.01);
  });
});
