// Each arrival process produces the rate it promises: Poisson's mean gap, the steps' and spikes'
// rate in each segment, the diurnal curve (counts per hour against the integral of the rate), the
// MMPP's long-run rate (dwell-weighted), and a trace's times shifted, scaled and looped.
import { describe, expect, it } from 'vitest';
import { arrivalTimes } from '../../simulator/scenario/traffic/arrival-process.js';
import { createArrivals } from '../../simulator/scenario/traffic/create-arrivals.js';
import { ArrivalsSchema, type Arrivals } from '../../config/scenario.js';
import { rateAt, spikesSegments } from '../../simulator/scenario/traffic/piecewise.js';

const make = (spec: unknown, seed = 1): ReturnType<typeof createArrivals> => createArrivals(ArrivalsSchema.parse(spec) as Arrivals, seed);
const countIn = (times: number[], from: number, to: number): number => times.filter((t) => t >= from && t < to).length;

describe('arrival processes', () => {
  it('poisson: mean gap 1/rate, increasing times, reproducible per seed', () => {
    const times = arrivalTimes(make({ kind: 'poisson', rate_rps: 200 }), 500_000);
    expect(Math.abs(times.length / 500 - 200) / 200).toBeLessThan(0.01);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    expect(arrivalTimes(make({ kind: 'poisson', rate_rps: 200 }), 1000)).toEqual(times.filter((t) => t < 1000));
    expect(arrivalTimes(make({ kind: 'poisson', rate_rps: 200 }, 2), 1000)).not.toEqual(times.filter((t) => t < 1000));
  });

  it('steps: each step has its rate, and a zero-rate step is silent', () => {
    const times = arrivalTimes(
      make({ kind: 'steps', steps: [{ at_s: 0, rate_rps: 100 }, { at_s: 100, rate_rps: 0 }, { at_s: 150, rate_rps: 1000 }] }),
      250_000,
    );
    expect(Math.abs(countIn(times, 0, 100_000) / 100 - 100) / 100).toBeLessThan(0.03);
    expect(countIn(times, 100_000, 150_000)).toBe(0);
    expect(Math.abs(countIn(times, 150_000, 250_000) / 100 - 1000) / 1000).toBeLessThan(0.01);
  });

  it('steps: a silent last step ends the traffic', () => {
    const p = make({ kind: 'steps', steps: [{ at_s: 0, rate_rps: 50 }, { at_s: 1, rate_rps: 0 }] });
    const times = arrivalTimes(p, Infinity);
    expect(times.length).toBeGreaterThan(20);
    expect(Math.max(...times)).toBeLessThan(1000);
  });

  it('spikes: the spike replaces the base rate for its duration', () => {
    const spec = { kind: 'spikes', base_rate_rps: 50, spikes: [{ at_s: 100, duration_s: 20, rate_rps: 2000 }] };
    const segments = spikesSegments(ArrivalsSchema.parse(spec) as Extract<Arrivals, { kind: 'spikes' }>);
    expect([rateAt(segments, 99_999), rateAt(segments, 100_000), rateAt(segments, 119_999), rateAt(segments, 120_000)]).toEqual([50, 2000, 2000, 50]);
    const times = arrivalTimes(make(spec), 200_000);
    expect(Math.abs(countIn(times, 100_000, 120_000) / 20 - 2000) / 2000).toBeLessThan(0.02);
    expect(Math.abs(countIn(times, 0, 100_000) / 100 - 50) / 50).toBeLessThan(0.06);
  });

  it('diurnal: hourly counts follow the integral of the daily curve', () => {
    const mean = 20;
    const amplitude = 0.8;
    const peak = 14 * 3600;
    const times = arrivalTimes(make({ kind: 'diurnal', mean_rate_rps: mean, amplitude, period_s: 86_400, peak_at_s: peak }), 86_400_000);
    const w = (2 * Math.PI) / 86_400;
    const hourly = Array.from({ length: 24 }, () => 0);
    for (const t of times) hourly[Math.floor(t / 3_600_000)]!++;
    for (let h = 0; h < 24; h++) {
      const a = h * 3600;
      const b = a + 3600;
      // ∫ mean (1 + A cos(w (t − peak))) dt over the hour
      const expected = mean * (3600 + (amplitude / w) * (Math.sin(w * (b - peak)) - Math.sin(w * (a - peak))));
      const got = hourly[h]!;
      expect(Math.abs(got - expected)).toBeLessThan(5 * Math.sqrt(expected)); // five standard deviations
    }
    expect(Math.abs(times.length / 86_400 - mean) / mean).toBeLessThan(0.01);
  });

  it('mmpp: the long-run rate is the dwell-weighted mean of the state rates', () => {
    const times = arrivalTimes(
      make({ kind: 'mmpp', states: [{ rate_rps: 100, mean_dwell_s: 8 }, { rate_rps: 1000, mean_dwell_s: 2 }] }),
      4_000_000,
    );
    const expected = (100 * 8 + 1000 * 2) / 10; // 280/s
    expect(Math.abs(times.length / 4000 - expected) / expected).toBeLessThan(0.04);
    // Bursty: the variance of per-second counts far exceeds Poisson's (which equals the mean).
    const counts = Array.from({ length: 4000 }, () => 0);
    for (const t of times) counts[Math.floor(t / 1000)]!++;
    const m = counts.reduce((a, b) => a + b, 0) / counts.length;
    const v = counts.reduce((a, b) => a + (b - m) ** 2, 0) / counts.length;
    expect(v / m).toBeGreaterThan(10);
  });

  it('trace: times shifted to 0, divided by rate_scale, looped with one mean gap at the seam', () => {
    const trace = { file: 't', timesMs: Float64Array.from([0, 10, 30]), items: Uint32Array.from([1, 2, 3]) };
    const once = createArrivals(ArrivalsSchema.parse({ kind: 'trace', file: 't', rate_scale: 2 }) as Arrivals, 1, trace);
    expect(arrivalTimes(once, Infinity)).toEqual([0, 5, 15]);
    const looped = createArrivals(ArrivalsSchema.parse({ kind: 'trace', file: 't', loop: true }) as Arrivals, 1, trace);
    const got: Array<[number, number]> = [];
    for (let i = 0; i < 7; i++) got.push([looped.next(), looped.items]);
    expect(got).toEqual([
      [0, 1],
      [10, 2],
      [30, 3],
      [45, 1],
      [55, 2],
      [75, 3],
      [90, 1],
    ]);
  });
});
