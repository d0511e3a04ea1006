// The engine bench's saturation ramp (bench/engine-ramp.ts) on a synthetic engine of a fixed
// capacity: it climbs fast while the engine keeps up, in small steps once it falls behind, stops
// after two steps without a 2 % gain and takes the best step. A step the load generator could not
// send at its rate is tried again; if it still cannot, and it is the best step or one after it,
// the figure is marked invalid and says why, rather than passing the generator's limit off as the
// engine's. A late step below the best does not matter.
import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../bench/engine-client.js';
import { ramp } from '../../bench/engine-ramp.js';

/** A step against an engine that completes min(offered, capacity) items/s; `late(rate)` says the generator fell behind. */
function engine(capacity: number, rows: number, late: (rateRps: number) => boolean = () => false) {
  const offers: number[] = [];
  const step = async (rateRps: number): Promise<StepResult> => {
    offers.push(rateRps);
    const behind = late(rateRps);
    const sentShare = behind ? 0.8 : 1;
    return {
      offeredRps: rateRps,
      itemsPerS: Math.min(rateRps * rows * sentShare, capacity),
      engineItemsPerS: Math.min(rateRps * rows, capacity),
      meanBatch: 16,
      httpMsPerItem: 0.2,
      otherMsPerItem: 1,
      clientMsPerItem: 0.1,
      clientBusy: behind ? 0.95 : 0.2,
      statuses: { '200': 1 },
      lagP99Ms: behind ? 80 : 1,
      lagMaxMs: behind ? 120 : 2,
      scheduled: 100,
      sentInWindow: behind ? 80 : 100,
      keptSchedule: !behind,
    };
  };
  return { step, offers };
}

describe('the engine bench ramp', () => {
  it('climbs 1.25× while the engine keeps up, then 1.06×, and stops after two steps without gain', async () => {
    const e = engine(1000, 1);
    const s = await ramp(e.step, 1, { startRps: 500 });
    expect(e.offers.slice(0, 4)).toEqual([500, 625, 781.25, 976.5625]);
    expect(e.offers[4]).toBeCloseTo(976.5625 * 1.25, 9);
    expect(s.best.itemsPerS).toBe(1000);
    expect(s.saturated).toBe(true);
    expect(s.valid).toBe(true);
    expect(s.steps).toHaveLength(7);
  });

  it('counts items, not requests, for multi-item requests', async () => {
    const e = engine(800, 8);
    const s = await ramp(e.step, 8, { startRps: 50 });
    expect(s.best.itemsPerS).toBe(800);
    expect(s.valid).toBe(true);
  });

  it('marks the figure invalid, and says so, when the generator cannot send the rate at the top', async () => {
    const e = engine(1000, 1, (rate) => rate > 900);
    const s = await ramp(e.step, 1, { startRps: 500 });
    expect(s.valid).toBe(false);
    expect(s.note).toMatch(/could not reach \d+ requests\/s .*its own limit, not the engine's/);
    // Each late step was tried twice before it counted.
    expect(e.offers.filter((r) => r > 900).length).toBe(2 * s.steps.filter((x) => x.offeredRps > 900).length);
  });

  it('keeps a figure whose late steps were all below the best, and retries a step that was late once', async () => {
    let calls = 0;
    const e = engine(1000, 1, (rate) => rate < 600 || (rate > 900 && calls++ === 0));
    const s = await ramp(e.step, 1, { startRps: 500 });
    expect(s.valid).toBe(true);
    expect(s.best.itemsPerS).toBeGreaterThan(950);
    expect(s.steps.filter((x) => !x.keptSchedule).every((x) => x.itemsPerS < s.best.itemsPerS)).toBe(true);
  });

  it('says when the ramp ran out of steps before the throughput stopped growing', async () => {
    const e = engine(1e9, 1);
    const s = await ramp(e.step, 1, { startRps: 10, maxSteps: 5 });
    expect(s.saturated).toBe(false);
    expect(s.note).toMatch(/not saturated/);
  });
});
