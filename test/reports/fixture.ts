// Hand-made servetwin.result/v1 objects for the report tests: small, with round numbers chosen
// here (not the simulator's), optionally priced like a sweep with a frontier and a recommendation.
// Shaped like a result of the first sweep versions (no replicas, scaling_events or usage yet).
import type { StoredCandidate, StoredResult } from '../../config/result.js';

const stats = (p50: number) => ({ mean: p50 * 1.1, p50, p90: p50 * 1.6, p99: p50 * 2.5, p999: p50 * 3.2, max: p50 * 4 });

export function candidate(name: string, i: number, options: { priced?: boolean; overloaded?: boolean } = {}): StoredCandidate {
  const p50 = options.overloaded ? 400 : 4 + i;
  const batch = 1 << i % 4;
  const n = 20;
  const t = Array.from({ length: n }, (_, k) => k * 0.5);
  const c: StoredCandidate = {
    name,
    config: { replicas: 1 + (i % 2), instances: 2, router: 'round_robin', batching: { max_batch_size: batch, max_queue_delay_ms: i % 3 } },
    requests: { arrived: 10_000, completed: options.overloaded ? 8_000 : 10_000, dropped: options.overloaded ? 2_000 : 0, in_flight: 0 },
    completed: options.overloaded ? 8_000 : 10_000,
    dropped: options.overloaded ? 2_000 : 0,
    dropped_by_reason: { queue_full: options.overloaded ? 2_000 : 0, timeout: 0, too_large: 0 },
    in_flight: 0,
    throughput_rps: options.overloaded ? 80 : 100,
    latency_ms: stats(p50),
    queue_ms: stats(p50 / 2),
    compute_ms: stats(p50 / 2),
    network_ms: stats(0),
    slo_attainment: options.overloaded ? 0.2 : 0.995,
    drop_rate: options.overloaded ? 0.2 : 0,
    latency_at_slo_percentile_ms: p50 * 2.5,
    slo_met: !options.overloaded,
    mean_batch_size: batch / 2 + 0.5,
    batch_size_histogram: batch === 1 ? { '1': 1000 } : { '1': 300, [String(batch)]: 700 },
    batches: 1000,
    utilization: 0.5 + i / 100,
    instance_utilization: [0.5, 0.5],
    replica_seconds: 100 * (1 + (i % 2)),
    timeseries: {
      interval_s: 0.5,
      t_s: t,
      arrival_rps: t.map((x) => 100 + 10 * Math.sin(x)),
      throughput_rps: t.map(() => 100),
      dropped_rps: t.map(() => (options.overloaded ? 20 : 0)),
      queue_depth: t.map((x) => (options.overloaded ? 50 : x % 2)),
      queue_depth_max: t.map(() => 3),
      in_service: t.map(() => 1),
      busy_instances: t.map(() => 1),
      replicas: t.map((x) => (i % 2 === 0 ? 1 : x < 5 ? 1 : 2)),
    },
  };
  if (options.priced) {
    const perHour = 0.1 * (1 + i);
    c.cost = { run_usd: perHour / 36, per_hour_usd: perHour, per_million_requests_usd: perHour * 2.7, compute_usd: perHour / 36, requests_usd: 0, egress_usd: 0 };
    c.seeds = [1, 2, 3].map((seed) => ({ seed, slo_attainment: c.slo_attainment, drop_rate: 0, latency_at_slo_percentile_ms: c.latency_ms.p99, utilization: c.utilization, slo_met: c.slo_met }));
  }
  return c;
}

/** A plain `simulate` result with `names.length` candidates (the last one overloaded when asked). */
export function result(names: readonly string[], options: { priced?: boolean; overloadLast?: boolean } = {}): StoredResult {
  const candidates = names.map((name, i) => candidate(name, i, { priced: options.priced, overloaded: options.overloadLast && i === names.length - 1 }));
  return {
    schema: 'servetwin.result/v1',
    scenario: {
      name: 'fixture',
      file: 'scenarios/fixture.yaml',
      seed: 7,
      duration_s: 10,
      warmup_s: 1,
      measured_s: 9,
      slo: { latency_ms: 25, percentile: 99, max_drop_rate: 0.001 },
      traffic: 'poisson',
      profile: { kind: 'exponential', source: 'inline', extrapolation: 'parametric: exact at every batch size' },
    },
    candidates,
  };
}

/** A sweep-like result: priced, with a frontier and a recommendation of `recommended`. */
export function sweep(names: readonly string[], recommended: string | null, frontier: readonly string[] = []): StoredResult {
  const r = result(names, { priced: true, overloadLast: true });
  r.frontier = [...frontier];
  r.recommendation =
    recommended === null
      ? { name: null, reason: 'No candidate meets p99 ≤ 25 ms on every seed.', runner_up: null, serving_config: null }
      : {
          name: recommended,
          reason: `${recommended} is the cheapest candidate that meets the SLO.`,
          runner_up: names[0] === recommended ? null : { name: names[0]!, why: 'cheaper but it misses the SLO' },
          serving_config: { schema: 'servetwin.serving/v1', models: [{ model: 'ppocr-cls', instances: 2 }] },
        };
  return r;
}
