// Ray Serve's default policy on hand-worked traces: desired = ongoing / target_ongoing_requests,
// a change applies only after its direction has been wanted continuously for upscale_delay_s
// (downscale_delay_s), the up/down scaling factors move only part of the way, a downscale stuck by
// a small factor still steps by one, and from zero running replicas with requests waiting it scales
// up at once (autoscaling_policy.py).
import { describe, expect, it } from 'vitest';
import type { AutoscalerInput } from '../../../config/autoscaler.js';
import { at, drive, feed, make } from './harness.js';

type Ray = Extract<AutoscalerInput, { kind: 'ray_serve' }>;
// Look-back and push of 1 s make the controller see exactly the last sample: easy to hand-work.
const ray = (extra: Partial<Ray>) => make({ kind: 'ray_serve', min_replicas: 1, max_replicas: 10, look_back_period_s: 1, metrics_interval_s: 1, ...extra });

describe('Ray Serve autoscaling policy', () => {
  it('decides every control loop (0.1 s)', () => {
    const p = ray({});
    expect(p.nextDecisionAt(0)).toBe(100);
    p.decide(100, { current: 1, ready: 1 });
    expect(p.nextDecisionAt(100)).toBe(200);
  });

  it('applies a scale-up only after it was wanted continuously for upscale_delay_s (30 s)', () => {
    // 8 ongoing on 1 replica, target 2: wants 4 from t = 1 s (the first sample).
    const log = drive(ray({}), { untilMs: 32_000, load: () => ({ inFlight: 8 }) });
    expect(at(log, 30_900).desired).toBe(1);
    expect(at(log, 30_900).reason).toContain('up to 4 wanted for 29.90 of 30 s');
    expect(at(log, 31_000).desired).toBe(4);
  });

  it('restarts the delay when the wish is interrupted', () => {
    // At t = 21 s the load matches the target (2 ongoing on 1 replica): the count resets.
    const log = drive(ray({}), { untilMs: 53_000, load: (t) => ({ inFlight: t === 21_000 ? 2 : 8 }) });
    expect(at(log, 31_000).desired).toBe(1);
    expect(at(log, 51_900).desired).toBe(1);
    expect(at(log, 52_000).desired).toBe(4); // wanted again from 22 s: 22 + 30
  });

  it('applies a scale-down only after downscale_delay_s (600 s)', () => {
    const p = ray({ initial_replicas: 6, downscale_delay_s: 600 });
    const log = drive(p, { untilMs: 602_000, load: () => ({ inFlight: 2 }) }); // wants 1 from t = 1 s
    expect(at(log, 600_900).desired).toBe(6);
    expect(at(log, 601_000).desired).toBe(1);
  });

  it('moves by the upscaling factor: 2 running, 20 ongoing → raw 10, ceil(2 + 0.5 × 8) = 6', () => {
    const p = ray({ upscale_delay_s: 0, upscaling_factor: 0.5 });
    feed(p, 1, 1, { readyReplicas: 2, inFlight: 20 });
    expect(p.decide(1000, { current: 2, ready: 2 }).desired).toBe(6);
  });

  it('moves by the downscaling factor: 10 running, 4 ongoing → raw 2, ceil(10 − 0.5 × 8) = 6', () => {
    const p = ray({ downscale_delay_s: 0, downscaling_factor: 0.5, initial_replicas: 10 });
    feed(p, 1, 1, { readyReplicas: 10, inFlight: 4 });
    expect(p.decide(1000, { current: 10, ready: 10 }).desired).toBe(6);
  });

  it('steps down by one when a small downscaling factor would leave the count stuck', () => {
    const p = ray({ downscale_delay_s: 0, downscaling_factor: 0.1, initial_replicas: 3 });
    feed(p, 1, 1, { readyReplicas: 3, inFlight: 4 }); // raw 2: ceil(3 − 0.1) = 3, but ceil(2) < 3 → 2
    expect(p.decide(1000, { current: 3, ready: 3 }).desired).toBe(2);
    const q = ray({ downscale_delay_s: 0, downscaling_factor: 0.1, initial_replicas: 3 });
    feed(q, 1, 1, { readyReplicas: 3, inFlight: 5 }); // raw 2.5: ceil(2.5) = 3 is not below 3 → stays
    expect(q.decide(1000, { current: 3, ready: 3 }).desired).toBe(3);
  });

  it('scales from zero at once when requests wait at the handle, despite the 30 s upscale delay', () => {
    const p = ray({ min_replicas: 0, initial_replicas: 0 });
    feed(p, 1, 1, { readyReplicas: 0, pendingUnrouted: 5 });
    const d = p.decide(1000, { current: 0, ready: 0 });
    expect(d.desired).toBe(1); // max(ceil(upscaling_factor 1), target 0)
    expect(d.reason).toContain('cold start');
    const q = ray({ min_replicas: 0, initial_replicas: 0, upscaling_factor: 3 });
    feed(q, 1, 1, { readyReplicas: 0, pendingUnrouted: 5 });
    expect(q.decide(1000, { current: 0, ready: 0 }).desired).toBe(3);
  });

  it('keeps the target while replicas are starting from zero', () => {
    const p = ray({ min_replicas: 0, initial_replicas: 0 });
    feed(p, 1, 1, { readyReplicas: 0, pendingUnrouted: 5 });
    expect(p.decide(1000, { current: 4, ready: 0 }).desired).toBe(4);
  });

  it('reaches zero only by the step 1 → 0, after downscale_to_zero_delay_s', () => {
    const p = ray({ min_replicas: 0, initial_replicas: 3, downscale_delay_s: 10, downscale_to_zero_delay_s: 20 });
    const log = drive(p, { untilMs: 40_000, load: () => ({}) });
    expect(at(log, 10_900).desired).toBe(3);
    expect(at(log, 11_000).desired).toBe(1); // from 3 the target is max(1, 0)
    expect(at(log, 31_000).desired).toBe(1); // the next wish starts at the next loop, 11.1 s
    expect(at(log, 31_100).desired).toBe(0);
  });

  it('averages the ongoing requests over the look-back period and sees them only at each push', () => {
    const p = make({ kind: 'ray_serve', max_replicas: 10, upscale_delay_s: 0 }); // look-back 30 s, push every 10 s
    feed(p, 1, 10, { readyReplicas: 1, inFlight: 2 }); // pushed at 1 s: mean 2 → raw 1
    expect(p.decide(10_000, { current: 1, ready: 1 }).desired).toBe(1);
    feed(p, 11, 11, { readyReplicas: 1, inFlight: 24 }); // push at 11 s: mean of 1..11 = (20 + 24) / 11 = 4 → raw 2
    expect(p.decide(11_000, { current: 1, ready: 1 }).desired).toBe(2);
    feed(p, 12, 20, { readyReplicas: 1, inFlight: 24 }); // no push until 21 s: still 4
    expect(p.decide(20_000, { current: 2, ready: 1 }).desired).toBe(2);
  });
});
