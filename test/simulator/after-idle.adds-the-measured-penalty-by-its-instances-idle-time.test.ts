// The after-idle penalty (simulator/fleet/after-idle.ts) on cases worked by hand: with the CPU
// model, a batch's forward pass takes the profile's time plus the measured extra for its instance's
// idle time since its previous batch ended — linear between the measured points, the first point's
// below it, the last point's beyond it, nothing for an instance's first batch (the engine reports no
// idle time for it either). One core for the instance and the HTTP thread turns the CPU model on.
// Without the CPU model compute_scale holds it, and nothing is added.
import { describe, expect, it } from 'vitest';
import { AfterIdle } from '../../simulator/fleet/after-idle.js';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import { makeScenario, Recorder, withArrivals } from './helpers.js';

const AFTER_IDLE = [
  { idle_ms: 1, extra_ms: 0, requests: 100 },
  { idle_ms: 9, extra_ms: 1, requests: 100 },
];

/** A deterministic 2 ms forward pass with ingress 0.5 ms and egress 0.25 ms on the HTTP thread, and the curve above. */
function profile(afterIdle = AFTER_IDLE): Record<string, unknown> {
  return {
    kind: 'deterministic',
    mean_ms: 2,
    serving_overhead: {
      source: 'test',
      compute_scale: 1,
      per_batch_ms: 0,
      ingress_ms: { kind: 'constant', ms: 0.5 },
      egress_ms: { kind: 'constant', ms: 0.25 },
      after_idle: afterIdle,
    },
  };
}

function latencies(loaded: LoadedScenario): number[] {
  const rec = new Recorder();
  simulate(loaded, { trace: () => rec });
  return rec.requests.sort((x, y) => x.id - y.id).map((q) => q.doneMs - q.sendMs);
}

describe('the after-idle penalty', () => {
  it('interpolates between the measured points and holds the ends', () => {
    const curve = new AfterIdle(AFTER_IDLE);
    expect([0, 1, 3, 5, 9, 50, Number.POSITIVE_INFINITY].map((g) => curve.extraMs(g))).toEqual([0, 0, 0.25, 0.5, 1, 1, 1]);
    expect(new AfterIdle([{ idle_ms: 0.5, extra_ms: 0.2 }, { idle_ms: 20, extra_ms: 1 }], 2).extraMs(100)).toBe(0.5); // an edge device twice as fast
  });

  // A at 1000: its instance's first batch, [1000.5, 1002.5]. B at 1007: its batch starts at 1007.5,
  // 5 ms after A's ended, so it takes 2 + 0.5. C at 2000: idle far beyond the last point, 2 + 1.
  const arrivals = [1000, 1007, 2000];

  it('adds the extra for the instance’s idle time to each batch, with the CPU model', () => {
    const loaded = withArrivals(makeScenario({ profile: profile() }, { cpus: 1 }), arrivals);
    expect(latencies(loaded)).toEqual([0.5 + 2 + 0.25, 0.5 + 2.5 + 0.25, 0.5 + 3 + 0.25]);
  });

  it('adds nothing without the CPU model (compute_scale holds it there), nor without a measured curve', () => {
    expect(latencies(withArrivals(makeScenario({ profile: profile() }), arrivals))).toEqual([2.75, 2.75, 2.75]);
    const { after_idle: _none, ...overhead } = profile().serving_overhead as Record<string, unknown>;
    expect(latencies(withArrivals(makeScenario({ profile: { ...profile(), serving_overhead: overhead } }, { cpus: 1 }), arrivals))).toEqual([2.75, 2.75, 2.75]);
  });
});
