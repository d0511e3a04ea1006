// The network leg: zero (and inactive) by default; a one-way delay drawn per direction, or a round
// trip split in half; plus bytes · 8 / bandwidth per item. End to end = network + queue + compute.
import { describe, expect, it } from 'vitest';
import { NetworkPath, delaySampler } from '../../simulator/scenario/network.js';
import { stream } from '../../common/rng.js';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario } from './helpers.js';

describe('NetworkPath', () => {
  it('is inactive and free when the scenario has no network', () => {
    const n = new NetworkPath(undefined, 1);
    expect(n.active).toBe(false);
    expect(n.draw(1)).toBe(0);
    expect(n.returnMs).toBe(0);
  });

  it('charges transfer time per item: 110 592 bytes over 100 Mbit/s is 8.84736 ms', () => {
    const n = new NetworkPath({ delay_is: 'one_way', request_bytes_per_item: 110_592, response_bytes_per_item: 8, bandwidth_mbps: 100 }, 1);
    expect(n.draw(1)).toBeCloseTo(8.84736, 9);
    expect(n.draw(2)).toBeCloseTo(2 * 8.84736, 9);
    expect(n.returnMs).toBeCloseTo(2 * 0.00064, 9);
  });

  it('splits a round trip in half each way', () => {
    const n = new NetworkPath({ delay: { kind: 'constant', ms: 40 }, delay_is: 'rtt', request_bytes_per_item: 0, response_bytes_per_item: 0 }, 1);
    expect(n.draw(1)).toBe(20);
    expect(n.returnMs).toBe(20);
  });

  it('draws a measured (empirical) distribution by inverse CDF, linear between its percentiles', () => {
    // Percentiles 0, 50, 100 at 1, 2 and 10 ms: u below 0.5 lands on [1, 2], above on [2, 10].
    let next = 0;
    const u = () => next;
    const draw = delaySampler({ kind: 'empirical', quantiles_ms: [1, 2, 10] });
    for (const [v, want] of [
      [0, 1],
      [0.25, 1.5],
      [0.5, 2],
      [0.75, 6],
      [0.999999, 10 - 8 * 0.000002],
    ] as const) {
      next = v;
      expect(draw(u)).toBeCloseTo(want, 6);
    }
    // Over a seeded stream the draws have the distribution's mean: (1.5 + 6) / 2.
    const rng = stream(3, 'empirical');
    let sum = 0;
    for (let i = 0; i < 200_000; i++) sum += draw(rng);
    expect(sum / 200_000).toBeCloseTo(3.75, 1);
  });

  it('draws delay distributions with the stated mean', () => {
    const u = stream(1, 'test');
    for (const spec of [
      { kind: 'exponential', mean_ms: 30 } as const,
      { kind: 'lognormal', mean_ms: 30, cv: 0.5 } as const,
      { kind: 'uniform', min_ms: 10, max_ms: 50 } as const,
    ]) {
      const draw = delaySampler(spec);
      let sum = 0;
      for (let i = 0; i < 100_000; i++) sum += draw(u);
      expect(Math.abs(sum / 100_000 - 30) / 30).toBeLessThan(0.02);
    }
  });

  it('adds both legs to end-to-end latency in a simulation', () => {
    const loaded = makeScenario({
      duration_s: 200,
      profile: { kind: 'deterministic', mean_ms: 10 },
      traffic: { arrivals: { kind: 'poisson', rate_rps: 1 } },
      network: { delay: { kind: 'constant', ms: 25 } },
    });
    const c = simulate(loaded).candidates[0]!;
    expect(c.network_ms.mean).toBeCloseTo(50, 6);
    expect(c.latency_ms.mean).toBeCloseTo(c.network_ms.mean + c.queue_ms.mean + c.compute_ms.mean, 6);
  });
});
