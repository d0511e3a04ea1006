// `behavior` on hand-worked cases: scale-up policies Pods 4 / period and Percent 100 % / period
// combined by selectPolicy Max or Min, limits counted from the replicas at the start of the period
// (current − added + removed within it), Disabled, scale-down percent policies, and stabilisation
// windows in both directions (calculateScale{Up,Down}Limit…, stabilizeRecommendationWithBehaviors).
import { describe, expect, it } from 'vitest';
import type { AutoscalerInput } from '../../../config/autoscaler.js';
import { feed, make } from './harness.js';

type Behavior = NonNullable<Extract<AutoscalerInput, { kind: 'hpa' }>['behavior']>;
const hpa = (initial: number, behavior: Behavior, maxReplicas = 100) =>
  make({ kind: 'hpa', max_replicas: maxReplicas, initial_replicas: initial, metric: { type: 'in_flight_per_replica', target_requests: 1 }, behavior });

/** One sync at `t` seconds with `perReplica` requests in flight on every ready replica. */
function sync(p: ReturnType<typeof hpa>, t: number, current: number, perReplica: number) {
  feed(p, t - 14, t, { readyReplicas: current, inFlight: perReplica * current });
  return p.decide(t * 1000, { current, ready: current }).desired;
}

const upPolicies = [
  { type: 'Pods' as const, value: 4, period_s: 15 },
  { type: 'Percent' as const, value: 100, period_s: 15 },
];

describe('HPA behavior policies', () => {
  it('selectPolicy Max takes the larger allowance: 10 → max(10 + 4, 2 × 10) = 20', () => {
    expect(sync(hpa(10, { scale_up: { policies: upPolicies, select_policy: 'Max' } }), 15, 10, 50)).toBe(20);
  });

  it('selectPolicy Min takes the smaller: 10 → min(14, 20) = 14', () => {
    expect(sync(hpa(10, { scale_up: { policies: upPolicies, select_policy: 'Min' } }), 15, 10, 50)).toBe(14);
  });

  it('with few replicas Pods wins under Max: 2 → max(6, 4) = 6', () => {
    expect(sync(hpa(2, { scale_up: { policies: upPolicies, select_policy: 'Max' } }), 15, 2, 50)).toBe(6);
  });

  it('applies the defaults (Pods 4 and Percent 100 % per 15 s, Max) when behavior only names the other direction', () => {
    expect(sync(hpa(10, { scale_down: { stabilization_window_s: 0 } }), 15, 10, 50)).toBe(20);
  });

  it('counts the limit from the replicas at the start of the period', () => {
    const p = hpa(10, { scale_up: { policies: [{ type: 'Pods', value: 4, period_s: 60 }] } });
    expect(sync(p, 15, 10, 50)).toBe(14); // +4 at t = 15 s
    expect(sync(p, 30, 14, 50)).toBe(14); // period start 14 − 4 = 10: limit 14, no room
    expect(sync(p, 60, 14, 50)).toBe(14); // the event of t = 15 s is still inside (t > 0)
    expect(sync(p, 75, 14, 50)).toBe(18); // 60 s later it has left the period: 14 + 4
  });

  it('Disabled forbids scaling up at all', () => {
    expect(sync(hpa(10, { scale_up: { select_policy: 'Disabled' } }), 15, 10, 50)).toBe(10);
  });

  it('limits scale-down by percent, truncating: 20 → int(20 × 0.5) = 10, then no more within the period', () => {
    const p = hpa(20, { scale_down: { stabilization_window_s: 0, policies: [{ type: 'Percent', value: 50, period_s: 60 }] } });
    expect(sync(p, 15, 20, 0.1)).toBe(10); // wants ceil(0.1 × 20) = 2
    expect(sync(p, 30, 10, 0.1)).toBe(10); // period start 10 + 10 removed = 20 → 10: no room
    expect(sync(p, 75, 10, 0.1)).toBe(5); // the removal of t = 15 s left the period: int(10 × 0.5)
  });

  it('scale-down selectPolicy Min allows the smaller change (the higher count)', () => {
    const p = hpa(20, {
      scale_down: {
        stabilization_window_s: 0,
        select_policy: 'Min',
        policies: [
          { type: 'Pods', value: 2, period_s: 15 },
          { type: 'Percent', value: 50, period_s: 15 },
        ],
      },
    });
    expect(sync(p, 15, 20, 0.1)).toBe(18); // max(20 − 2, int(20 × 0.5) = 10)
  });

  it('a scale-up stabilisation window scales up only to the lowest recent recommendation', () => {
    const p = hpa(4, { scale_up: { stabilization_window_s: 30 } });
    expect(sync(p, 15, 4, 1)).toBe(4); // on target; the initial recommendation 4 is recorded
    expect(sync(p, 30, 4, 3)).toBe(4); // wants 12; lowest of the last 30 s is 4
    expect(sync(p, 45, 4, 3)).toBe(8); // t = 15 s is exactly 30 s old, so out (t > cutoff): lowest is 12, rate-limited to max(4 + 4, 2 × 4)
    expect(sync(p, 60, 8, 3)).toBe(12); // wants 24; lowest of (30 s, 60 s] is 12
  });

  it('the default scale-down window with behavior is downscale_stabilization_s (300 s)', () => {
    const p = hpa(10, { scale_up: { select_policy: 'Max' } });
    expect(sync(p, 15, 10, 1)).toBe(10);
    expect(sync(p, 30, 10, 0.5)).toBe(10);
    expect(sync(p, 300, 10, 0.5)).toBe(10);
    expect(sync(p, 315, 10, 0.5)).toBe(5); // t = 15 s is exactly 300 s old, so out (t > cutoff)
  });
});
