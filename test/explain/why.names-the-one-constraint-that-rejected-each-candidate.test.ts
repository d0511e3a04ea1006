// Why the winner won: each other candidate is rejected by one constraint, the first it breaks in
// the order of ATTRIBUTION_RULE — drops, latency, price, tie — with the evidence (seed, figure,
// bound) and, when a station was saturated, its utilisation. Checked on a sweep (planner/plan.ts)
// whose candidates each lose for a different reason, and on the cost arithmetic beside it.
import { describe, expect, it } from 'vitest';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { plan } from '../../planner/plan.js';
import { explain } from '../../explain/explain.js';

describe('why the winner won', () => {
  it('names drops, latency, price and tie, in that order of precedence', async () => {
    const batching = { max_batch_size: 1, max_queue_size: 1000 };
    const loaded = scenarioFromObject({
      schema: 'servetwin.scenario/v1',
      name: 'why',
      seed: 3,
      duration_s: 300,
      warmup_s: 10,
      profile: { kind: 'exponential', mean_ms: 10 },
      traffic: { arrivals: { kind: 'poisson', rate_rps: 150 } },
      slo: { latency_ms: 200, percentile: 99, max_drop_rate: 0.001 },
      cost: { replica_per_hour_usd: 0.1 },
      sweep: { seeds: 2 },
      candidates: [
        { name: 'too-small', instances: 1, batching: { max_batch_size: 1, max_queue_size: 8 } },
        { name: 'slow-window', instances: 2, batching: { max_batch_size: 64, max_queue_delay_ms: 250, max_queue_size: 1000 } },
        { name: 'right', instances: 2, batching },
        { name: 'right-twin', instances: 2, batching },
        { name: 'twice', replicas: 2, instances: 2, batching },
      ],
    });
    const result = await plan(loaded, { workers: 0 });
    expect(result.recommendation.name).toBe('right');
    const e = explain(loaded, loaded.scenario.candidates, result);
    const why = Object.fromEntries(e.candidates.map((c) => [c.name, c.why]));
    expect(why.right).toMatchObject({ outcome: 'recommended', constraint: null });
    expect(why['too-small']!.constraint).toBe('drops');
    expect(why['too-small']!.detail).toMatch(/^on seed 3 it dropped \d+\.\d\d % of requests \(at most 0\.10 % allowed\); its instances ran at ρ = 1\.50, more load than they can serve$/);
    expect(why['slow-window']!.constraint).toBe('latency');
    expect(why['slow-window']!.detail).toMatch(/^on seed 3 only \d+\.\d\d % of requests finished within 200 ms \(needs 99\.00 %; p99 was \d+\.\d ms\)/);
    expect(why.twice!.constraint).toBe('price');
    expect(why.twice!.detail).toBe("it met the SLO on every seed but costs $0.2000/h against right's $0.1000/h (100 % more)");
    expect(why['right-twin']!.constraint).toBe('tie');
    expect(e.attribution_rule).toMatch(/^"drops, latency, price, tie"/);
    // The cost arithmetic by hand equals the planner's price of the run.
    for (const c of e.candidates) expect(c.cost.per_hour_usd.formula).toBeCloseTo(c.cost.per_hour_usd.simulated!, 9);
    expect(e.candidates.find((c) => c.name === 'twice')!.cost.notes[0]).toBe('2 replica(s) × $0.1/h');
  });
});
