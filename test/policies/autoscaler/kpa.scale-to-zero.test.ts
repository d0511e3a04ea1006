// Scale to zero and back with Knative's rules: the decider wants 0 once the 60 s average is 0; the
// revision keeps one replica until it has been active for a stable window, then goes inactive; the
// last replica goes once the activator has been in the path for the grace period (at once with the
// default target burst capacity, which keeps a small revision behind the activator) and the
// retention period has passed. From zero, requests held by the activator poke an immediate decision.
import { describe, expect, it } from 'vitest';
import type { AutoscalerInput } from '../../../config/autoscaler.js';
import { at, drive, make } from './harness.js';

type Kpa = Extract<AutoscalerInput, { kind: 'kpa' }>;

/** 5 requests in flight until t = 100 s, silence after; 3 requests wait from t = 301 s (at zero: in the activator). */
function run(extra: Partial<Kpa>) {
  const kpa = make({ kind: 'kpa', ...extra });
  return drive(kpa, {
    untilMs: 304_000,
    load: (t, { ready }) => {
      if (t <= 100_000) return { inFlight: 5 };
      if (t >= 301_000) return ready > 0 ? { inFlight: 3 } : { pendingUnrouted: 3 };
      return {};
    },
  });
}

describe('KPA scale to zero', () => {
  it('keeps 1 replica while the 60 s average is above 0', () => {
    const log = run({});
    expect(at(log, 158_000).desired).toBe(1); // seconds 99–100 are still in the window
    expect(log.filter((d) => d.atMs <= 158_000).every((d) => d.desired === 1)).toBe(true);
  });

  it('with the activator in the path (target_burst_capacity 211) drops the last replica one tick after going inactive', () => {
    const log = run({});
    expect(at(log, 160_000).desired).toBe(1); // wants 0: revision marked inactive
    expect(at(log, 160_000).reason).toContain('inactive');
    expect(at(log, 162_000).desired).toBe(0);
    expect(at(log, 162_000).activatorInPath).toBe(true);
  });

  it('with target_burst_capacity 0 waits for the grace period (30 s) in proxy mode', () => {
    const log = run({ target_burst_capacity: 0 });
    expect(at(log, 100_000).activatorInPath).toBe(false);
    expect(at(log, 188_000).desired).toBe(1);
    expect(at(log, 190_000).desired).toBe(0);
  });

  it('keeps the last replica for scale_to_zero_pod_retention_s when it is longer', () => {
    const log = run({ scale_to_zero_pod_retention_s: 90 });
    expect(at(log, 248_000).desired).toBe(1);
    expect(at(log, 250_000).desired).toBe(0);
  });

  it('keeps one replica until the revision has been active for a stable window', () => {
    const log = drive(make({ kind: 'kpa' }), { untilMs: 64_000, load: () => ({}) });
    expect(at(log, 2000).desired).toBe(1);
    expect(at(log, 2000).reason).toContain('keep 1');
    expect(at(log, 60_000).desired).toBe(1); // active for 60 s: goes inactive now
    expect(at(log, 62_000).desired).toBe(0);
  });

  it('scales from zero at once when the activator holds requests (a poke at 301 s, not the tick at 302 s)', () => {
    const log = run({});
    const fromZero = log.find((d) => d.atMs > 300_000)!;
    expect(fromZero.atMs).toBe(301_000);
    expect(fromZero.current).toBe(0);
    expect(fromZero.desired).toBe(1); // 3 requests: ceil(avg / 70) = 1, far from panic
    expect(fromZero.activatorInPath).toBe(true);
    expect(at(log, 302_000).desired).toBe(1); // the grid goes on
  });

  it('never goes below min_scale', () => {
    const log = run({ min_scale: 1 });
    expect(log.every((d) => d.desired >= 1)).toBe(true);
  });
});
