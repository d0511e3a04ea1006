// The close call, defined once in planner/margin.ts, tested both ways: the recommendation a sweep
// makes flips under a small change of the profile (ε-perturbed service times) only where the output
// said the choice was close, and a constructed clear winner is never called close. Also each
// reason on hand-made seeds, and the calibration's spread read from a profile's 95 % intervals.
import { describe, expect, it } from 'vitest';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { plan } from '../../planner/plan.js';
import { recommendationMargin, type MarginCandidate } from '../../planner/margin.js';

const slo = { latency_ms: 40, max_drop_rate: 0.001 };
const usd = (x: number) => `$${x.toFixed(2)}/h`;
const seeds = (...ms: number[]) => ms.map((m) => ({ latency_at_slo_percentile_ms: m, drop_rate: 0, slo_met: m <= 40 }));

describe('recommendationMargin on hand-made seeds', () => {
  it('a clear winner is not close: wide margin, narrow spread, nothing near in cost or latency', () => {
    const cs: MarginCandidate[] = [
      { name: 'small', cost: 1, seeds: seeds(400, 450, 500) },
      { name: 'right', cost: 2, seeds: seeds(20, 21, 22) },
      { name: 'big', cost: 4, seeds: seeds(10, 10.5, 11) },
    ];
    const m = recommendationMargin(cs, 'right', slo, usd)!;
    expect(m).toMatchObject({ worst_ms: 22, best_ms: 20, margin_ms: 18, seed_spread_ms: 2, calibration_ms: null, close_call: false, close_because: [] });
    expect(m.next_passing).toEqual({ name: 'big', cost: 4, cost_difference: 1, worst_ms: 11, margin_ms: 29 });
  });

  it('close when the margin is inside the seeds’ spread', () => {
    const m = recommendationMargin([{ name: 'w', cost: 1, seeds: seeds(33, 36, 38) }], 'w', slo, usd)!;
    expect(m.close_call).toBe(true);
    expect(m.close_because[0]).toMatch(/margin \(2\.0 ms .*\) is inside the spread .* \(5\.0 ms\)/);
  });

  it('close when another passing candidate costs within 5 %', () => {
    const m = recommendationMargin(
      [
        { name: 'w', cost: 1, seeds: seeds(20, 21, 22) },
        { name: 'v', cost: 1.04, seeds: seeds(15, 16, 17) },
      ],
      'w',
      slo,
      usd,
    )!;
    expect(m.close_because).toEqual(['v also meets the SLO at a cost within 5 % ($1.04/h against $1.00/h)']);
  });

  it('close when a candidate that costs no more misses by less than its own spread', () => {
    const m = recommendationMargin(
      [
        { name: 'cheap', cost: 0.5, seeds: seeds(36, 39, 42) },
        { name: 'w', cost: 1, seeds: seeds(20, 21, 22) },
      ],
      'w',
      slo,
      usd,
    )!;
    expect(m.close_because).toEqual(['cheap costs no more ($0.50/h) and meets the SLO on 2 of 3 seeds']);
  });

  it('close when the winner misses the SLO at the slow end of the calibration’s intervals', () => {
    const m = recommendationMargin([{ name: 'w', cost: 1, seeds: seeds(20, 21, 22), calibration_high: { latency_at_slo_percentile_ms: 47, slo_met: false } }], 'w', slo, usd)!;
    expect(m.calibration_ms).toBe(47);
    expect(m.close_because).toEqual(['with the profile at the slow end of the calibration’s 95 % intervals it misses the SLO (47.0 ms on its worst seed)']);
  });

  it('no winner, no margin', () => {
    expect(recommendationMargin([{ name: 'x', cost: 1, seeds: seeds(90) }], null, slo, usd)).toBeNull();
  });
});

/** A priced grid of batching × replicas × instances at `rate` req/s, service times × `scale`. */
function grid(rate: number, scale: number) {
  return scenarioFromObject({
    schema: 'servetwin.scenario/v1',
    name: 'close-call',
    seed: 11,
    duration_s: 30,
    warmup_s: 3,
    profile: { kind: 'lognormal', mean_ms: { base_ms: 4 * scale, per_item_ms: 2 * scale }, cv: 0.4 },
    traffic: { arrivals: { kind: 'poisson', rate_rps: rate } },
    slo: { latency_ms: 40, percentile: 99 },
    cost: { replica_per_hour_usd: 1 },
    candidates: [{ name: 't', replicas: 1, instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 10000 } }],
    grid: { 'batching.max_batch_size': [1, 4], replicas: [1, 2, 3], instances: [1, 2] },
    sweep: { seeds: 3 },
  });
}

describe('the close call against ε-perturbed profiles', () => {
  it('the choice flips only where the output said it was close', async () => {
    let flips = 0;
    let clear = 0;
    // Loads around the knee of one replica (500 and 520 req/s; the choice there flips at ±1–5 %) and
    // clear of it (450 and 660 req/s).
    for (const rate of [450, 500, 520, 660]) {
      const base = (await plan(grid(rate, 1), { workers: 0 })).recommendation;
      if (!base.margin!.close_call) clear++;
      for (const eps of [-0.05, -0.01, 0.01, 0.05]) {
        const perturbed = (await plan(grid(rate, 1 + eps), { workers: 0 })).recommendation;
        if (perturbed.name === base.name) continue;
        flips++;
        expect(base.margin!.close_call, `${rate} req/s, ε ${eps}: ${base.name} became ${perturbed.name} but the output did not say close`).toBe(true);
      }
    }
    // Not vacuous: some choices did flip, and some were not close.
    expect(flips).toBeGreaterThan(0);
    expect(clear).toBeGreaterThan(0);
  }, 120_000);

  it('a constructed clear winner is never called close, and ε does not move it', async () => {
    const build = (scale: number) =>
      scenarioFromObject({
        schema: 'servetwin.scenario/v1',
        name: 'clear-winner',
        seed: 3,
        duration_s: 30,
        warmup_s: 3,
        profile: { kind: 'lognormal', mean_ms: 10 * scale, cv: 0.3 },
        traffic: { arrivals: { kind: 'poisson', rate_rps: 150 } },
        slo: { latency_ms: 100, percentile: 99 },
        cost: { replica_per_hour_usd: 1 },
        candidates: [
          { name: 'too-small', replicas: 1, instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 10000 } },
          { name: 'right', replicas: 2, instances: 2, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 10000 } },
          { name: 'lavish', replicas: 8, instances: 2, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 10000 } },
        ],
        sweep: { seeds: 3 },
      });
    const base = (await plan(build(1), { workers: 0 })).recommendation;
    expect(base.name).toBe('right');
    expect(base.margin).toMatchObject({ close_call: false, close_because: [] });
    expect(base.margin!.margin_ms).toBeGreaterThan(50);
    for (const eps of [-0.05, 0.05]) expect((await plan(build(1 + eps), { workers: 0 })).recommendation.name).toBe('right');
  });

  it('reads the calibration’s spread from a profile’s 95 % intervals: a winner that fails at their slow end is close', async () => {
    const loaded = scenarioFromObject({
      schema: 'servetwin.scenario/v1',
      name: 'calibration-spread',
      seed: 3,
      duration_s: 30,
      warmup_s: 3,
      profile: {
        kind: 'deterministic',
        mean_ms: 2,
        serving_overhead: { source: 'test', compute_scale: 1, per_batch_ms: 0, ingress_ms: { kind: 'constant', ms: 3 }, egress_ms: { kind: 'constant', ms: 3 } },
      },
      traffic: { arrivals: { kind: 'poisson', rate_rps: 60 } },
      slo: { latency_ms: 40, percentile: 99 },
      candidates: [{ name: 'one', replicas: 1, instances: 2, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 10000 } }],
      sweep: { seeds: 2 },
    });
    const clear = await plan(loaded, { workers: 0 });
    expect(clear.recommendation.name).toBe('one');
    expect(clear.candidates[0]!.calibration_high).toBeUndefined();
    expect(clear.recommendation.margin).toMatchObject({ calibration_ms: null, close_call: false });
    // 6 ms per request on the HTTP thread, 7.6 ms at the slow end of the intervals: the p99 rises past the SLO.
    (loaded.profile.serving_overhead as unknown as Record<string, unknown>).ci95 = { ingress_mean_ms: [2.6, 3.8], egress_mean_ms: [2.6, 3.8] };
    const spread = await plan(loaded, { workers: 0 });
    const m = spread.recommendation.margin!;
    expect(spread.candidates[0]!.calibration_high!.latency_at_slo_percentile_ms).toBeGreaterThan(m.worst_ms);
    expect(m.calibration_ms).toBe(spread.candidates[0]!.calibration_high!.latency_at_slo_percentile_ms);
    expect(spread.candidates[0]!.calibration_high!.slo_met).toBe(false);
    expect(m.close_call).toBe(true);
    expect(m.close_because).toEqual([expect.stringMatching(/slow end of the calibration’s 95 % intervals it misses the SLO/)]);
  });
});
