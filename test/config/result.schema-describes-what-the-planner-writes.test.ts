// The result schema (config/result.ts) cannot drift from what is written: over random small
// scenarios (fast-check, fixed seed) — every autoscaler, edge and cloud placement with sites, both
// pricings, queue limits, one or two seeds — the planner's result, as `simulate --json` writes it,
// passes the `written` mode (every field required, no unknown one), and so does the simulator's
// own. The shipped scenarios' whole results pass it too (test/config/result-file…), and the
// simulator's own types of its time series and latency summary are the schema's.
import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { describeIssues } from '../../config/validate.js';
import { writtenResultSchemas, type LatencyStats, type TimeSeries } from '../../config/result.js';
import { plan } from '../../planner/plan.js';
import { simulate } from '../../simulator/simulate.js';
import type { LatencySummary } from '../../simulator/fleet/metrics/histogram.js';
import type { TimeSeries as SimulatorTimeSeries } from '../../simulator/fleet/metrics/timeseries.js';
import { makeScenario } from '../simulator/helpers.js';

const autoscalerArb = fc.oneof(
  fc.constant(undefined),
  fc.constant({ kind: 'fixed', replicas: 2 }),
  fc.constant({ kind: 'schedule', entries: [{ at: '00:00', replicas: 1 }, { at_s: 1, replicas: 3 }] }),
  fc.record({ kind: fc.constant('hpa'), max_replicas: fc.integer({ min: 1, max: 4 }), sync_period_s: fc.constant(0.5), metric_window_s: fc.constant(0.5) }),
  fc.record({ kind: fc.constant('kpa'), min_scale: fc.integer({ min: 0, max: 1 }), stable_window_s: fc.constant(6), tick_s: fc.constant(0.5) }),
  fc.record({ kind: fc.constant('ray_serve'), min_replicas: fc.integer({ min: 0, max: 1 }), max_replicas: fc.integer({ min: 1, max: 3 }), upscale_delay_s: fc.constant(0.2), downscale_delay_s: fc.constant(0.5) }),
);

const placementArb = fc.oneof(
  fc.constant({}),
  fc.record({
    placement: fc.constantFrom('edge_only', 'hybrid'),
    edge: fc.record({ speed_factor: fc.double({ min: 0.25, max: 1, noNaN: true }), cost: fc.constant({ replica_per_hour_usd: 0.1 }) }),
  }),
);

const costArb = fc.oneof(
  fc.constant(undefined),
  fc.constant({ replica_per_hour_usd: 1.5 }),
  fc.constant({ pricing: 'serverless', per_million_requests_usd: 0.2, per_gb_second_usd: 0.00001667, egress_per_gb_usd: 0.09 }),
);

const caseArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  rate: fc.double({ min: 5, max: 400, noNaN: true }),
  sites: fc.boolean(),
  network: fc.boolean(),
  seeds: fc.integer({ min: 1, max: 2 }),
  autoscaler: autoscalerArb,
  placement: placementArb,
  cost: costArb,
  batching: fc.record({
    max_batch_size: fc.integer({ min: 1, max: 8 }),
    max_queue_delay_ms: fc.double({ min: 0, max: 5, noNaN: true }),
    max_queue_size: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
  }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(c: Case) {
  return makeScenario(
    {
      seed: c.seed,
      duration_s: 3,
      warmup_s: 0.5,
      profile: { kind: 'lognormal', mean_ms: { base_ms: 3, per_item_ms: 1 }, cv: 0.5 },
      traffic: { arrivals: { kind: 'poisson', rate_rps: c.rate } },
      slo: { latency_ms: 30, percentile: 95 },
      metrics: { sample_interval_s: 0.5 },
      ...(c.network ? { network: { delay: { kind: 'constant', ms: 2 }, response_bytes_per_item: 1000 } } : {}),
      ...(c.sites ? { sites: [{ name: 'north', share: 2, count: 2 }, { name: 'south' }] } : {}),
      ...(c.cost ? { cost: c.cost } : {}),
    },
    { batching: c.batching, instances: 2, ...(c.autoscaler ? { autoscaler: c.autoscaler } : {}), ...c.placement },
  );
}

/** Parses `value` as JSON would hold it (non-finite numbers become null) in the written mode; the issues, in words. */
function issues(schema: ReturnType<typeof writtenResultSchemas>['PlanResult' | 'SimulationResult'], value: unknown): string[] {
  const json: unknown = JSON.parse(JSON.stringify(value));
  const parsed = schema.safeParse(json);
  return parsed.success ? [] : describeIssues(parsed.error.issues, json);
}

describe('the result schema, written mode', () => {
  it("accepts every result the planner and the simulator produce, and nothing they don't", async () => {
    const schemas = writtenResultSchemas();
    const seen = { autoscaling: 0, tiers: 0, sites: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const loaded = scenarioOf(c);
        const planned = await plan(loaded, { workers: 0, seeds: c.seeds });
        expect(issues(schemas.PlanResult, planned)).toEqual([]);
        expect(issues(schemas.SimulationResult, simulate(loaded))).toEqual([]);
        const candidate = planned.candidates[0]!;
        if (candidate.autoscaling) seen.autoscaling++;
        if (candidate.tiers) seen.tiers++;
        if (candidate.sites) seen.sites++;
      }),
      { seed: 20261206, numRuns: 30 },
    );
    // The optional parts were exercised, not only the plain shape.
    expect(seen.autoscaling).toBeGreaterThan(0);
    expect(seen.tiers).toBeGreaterThan(0);
    expect(seen.sites).toBeGreaterThan(0);
  });

  it('refuses a field it does not declare, and a declared one that is missing', async () => {
    const planned = JSON.parse(JSON.stringify(await plan(scenarioOf(fc.sample(caseArb, { seed: 1, numRuns: 1 })[0]!), { workers: 0 })));
    planned.candidates[0].timeseries.new_series = [1];
    delete planned.candidates[0].usage;
    expect(issues(writtenResultSchemas().PlanResult, planned)).toEqual(['candidates[0].usage: expected an object, but it is missing', 'candidates[0].timeseries: unknown field(s) "new_series"']);
  });

  it("types the simulator's time series and latency summary as the result does", () => {
    expectTypeOf<SimulatorTimeSeries>().toEqualTypeOf<TimeSeries>();
    expectTypeOf<LatencySummary>().toEqualTypeOf<LatencyStats>();
  });
});
