// The load of every traffic kind scaled as a whole, on the same seeded streams: Poisson gaps are the
// very same draws divided by the multiplier, a trace is time-compressed, the MMPP's state path is
// unchanged; the mean and peak rates of the scaled traffic are the multiplier times the original's.
// --burst's MMPP keeps its mean and dwell times and reaches the ratio asked for.
import { describe, expect, it } from 'vitest';
import type { Arrivals } from '../../config/scenario.js';
import { createArrivals } from '../../simulator/scenario/traffic/create-arrivals.js';
import { arrivalTimes } from '../../simulator/scenario/traffic/arrival-process.js';
import { MmppArrivals } from '../../simulator/scenario/traffic/mmpp.js';
import { stream } from '../../common/rng.js';
import { burstArrivals, mmppMeanRate, peakToTrough, requireMmpp, scaleArrivals } from '../../planner/traffic-scale.js';
import { trafficRates } from '../../planner/traffic-rates.js';
import { InputError } from '../../common/errors.js';
import type { TraceData } from '../../simulator/scenario/traffic/trace.js';

const window = { startS: 10, endS: 310 };
const mmpp: Extract<Arrivals, { kind: 'mmpp' }> = {
  kind: 'mmpp',
  states: [
    { name: 'calm', rate_rps: 400, mean_dwell_s: 20 },
    { name: 'burst', rate_rps: 1600, mean_dwell_s: 3 },
  ],
  initial_state: 0,
};
const kinds: Arrivals[] = [
  { kind: 'poisson', rate_rps: 120 },
  { kind: 'steps', steps: [{ at_s: 0, rate_rps: 50 }, { at_s: 100, rate_rps: 200 }, { at_s: 200, rate_rps: 80 }] },
  { kind: 'spikes', base_rate_rps: 60, spikes: [{ at_s: 50, duration_s: 20, rate_rps: 300 }] },
  { kind: 'diurnal', mean_rate_rps: 100, amplitude: 0.5, period_s: 200, peak_at_s: 120 },
  mmpp,
];
const trace: TraceData = { file: 't.csv', timesMs: Float64Array.from({ length: 2000 }, (_, i) => i * 37 + (i % 7) * 5), items: null };

describe('scaleArrivals', () => {
  it('Poisson: the same draws, gaps divided by the multiplier', () => {
    const base = arrivalTimes(createArrivals(kinds[0]!, 3), 60_000);
    const doubled = arrivalTimes(createArrivals(scaleArrivals(kinds[0]!, 2), 3), 30_000);
    expect(doubled.length).toBe(base.filter((t) => t < 60_000).length);
    doubled.forEach((t, i) => expect(t).toBeCloseTo(base[i]! / 2, 9));
  });

  it('a trace is time-compressed', () => {
    const spec: Arrivals = { kind: 'trace', file: 't.csv', rate_scale: 1.5, loop: false };
    const base = arrivalTimes(createArrivals(spec, 1, trace), 1e9);
    const scaled = arrivalTimes(createArrivals(scaleArrivals(spec, 4), 1, trace), 1e9);
    expect(scaled.length).toBe(base.length);
    scaled.forEach((t, i) => expect(t).toBeCloseTo(base[i]! / 4, 9));
  });

  it('an MMPP keeps its state path (dwell times drawn from their own stream)', () => {
    const statesAt = (spec: typeof mmpp) => {
      const p = new MmppArrivals(spec, stream(5, 'arrivals'), stream(5, 'arrivals:state'));
      const changes: number[] = [];
      let last = p.currentState;
      for (let t = p.next(); t < 200_000; t = p.next()) {
        if (p.currentState !== last) changes.push(Math.round(t / 1000));
        last = p.currentState;
      }
      return changes;
    };
    const scaled = scaleArrivals(mmpp, 3) as typeof mmpp;
    // State changes are seen at the first arrival after them: the same seconds, give or take one gap.
    const a = statesAt(mmpp);
    const b = statesAt(scaled);
    expect(b.length).toBe(a.length);
    b.forEach((t, i) => expect(Math.abs(t - a[i]!)).toBeLessThanOrEqual(1));
  });

  it.each(kinds)('$kind: mean and peak rates scale with the multiplier', (spec) => {
    const base = trafficRates(spec, window);
    for (const m of [1 / 8, 0.5, 3, 17]) {
      const scaled = trafficRates(scaleArrivals(spec, m), window);
      expect(scaled.mean_rps).toBeCloseTo(base.mean_rps * m, 6);
      expect(scaled.peak_rps).toBeCloseTo(base.peak_rps * m, 6);
    }
  });

  it('a trace: mean and peak counted, and they scale too', () => {
    const spec: Arrivals = { kind: 'trace', file: 't.csv', rate_scale: 1, loop: true };
    const base = trafficRates(spec, { startS: 0, endS: 60 }, trace);
    expect(base.mean_rps).toBeCloseTo(2000 / (2000 * 37 + 30) * 1000, 0);
    const scaled = trafficRates(scaleArrivals(spec, 2), { startS: 0, endS: 60 }, trace);
    expect(scaled.mean_rps / base.mean_rps).toBeCloseTo(2, 1);
    expect(scaled.peak_rps).toBeGreaterThanOrEqual(base.peak_rps * 2 - 1);
  });

  it('the mean rate is what the simulator draws (steps, scaled)', () => {
    const spec = kinds[1]!;
    const times = arrivalTimes(createArrivals(scaleArrivals(spec, 2), 9), 310_000).filter((t) => t >= 10_000);
    const expected = trafficRates(scaleArrivals(spec, 2), window).mean_rps * 300;
    expect(Math.abs(times.length - expected) / expected).toBeLessThan(0.03);
  });
});

describe('burstArrivals', () => {
  it('keeps the mean rate and dwell times and reaches the ratio asked for', () => {
    expect(peakToTrough(mmpp)).toBe(4);
    for (const ratio of [1, 1.5, 4, 10, 200]) {
      const b = burstArrivals(mmpp, ratio);
      expect(mmppMeanRate(b)).toBeCloseTo(mmppMeanRate(mmpp), 9);
      expect(peakToTrough(b)).toBeCloseTo(ratio, 9);
      expect(b.states.map((s) => s.mean_dwell_s)).toEqual([20, 3]);
    }
    expect(burstArrivals(mmpp, 4)).toEqual(mmpp);
  });

  it('refuses traffic that is not an MMPP, naming the flag', () => {
    expect(() => requireMmpp(kinds[0]!, 's.yaml', '--burst')).toThrowError(InputError);
    expect(() => requireMmpp(kinds[0]!, 's.yaml', '--burst')).toThrowError(/--burst: s.yaml: traffic.arrivals is poisson/);
  });
});
