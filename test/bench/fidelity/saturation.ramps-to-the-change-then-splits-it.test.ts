// The saturation ramp on a synthetic engine that keeps up below a capacity: it starts at 0.3× the
// estimate, goes up 1.25× per try while the engine keeps up (down while it is saturated), replays
// once at the geometric middle of the first bracket and stops; never more than RAMP_TRIES. And the
// completions counted are the 200s answered inside the measured window.
import { describe, expect, it } from 'vitest';
import { completionsPerSecond, nextRampOffer, RAMP_FROM, RAMP_RATIO, RAMP_TRIES } from '../../../bench/fidelity/saturation.js';

/** The offers the ramp makes against an engine saturated at and above `capacity`. */
function ramp(estimate: number, capacity: number): number[] {
  const tries: { offeredRps: number; saturated: boolean }[] = [];
  for (let o = nextRampOffer(tries, estimate); o !== null; o = nextRampOffer(tries, estimate)) tries.push({ offeredRps: o, saturated: o >= capacity });
  return tries.map((t) => t.offeredRps);
}

describe('saturation ramp', () => {
  it('climbs while the engine keeps up, then splits the bracket once', () => {
    const offers = ramp(1000, 400);
    const up = [300, 375, 468.75];
    expect(offers.slice(0, 3)).toEqual(up);
    expect(offers[3]).toBeCloseTo(Math.sqrt(375 * 468.75), 9);
    expect(offers).toHaveLength(4);
  });

  it('descends while the engine is saturated, then splits the bracket once', () => {
    const offers = ramp(1000, 200);
    expect(offers[0]).toBe(RAMP_FROM * 1000);
    expect(offers.slice(0, 3).map((o) => Math.round(o * 10) / 10)).toEqual([300, 240, 192]);
    expect(offers[3]).toBeCloseTo(Math.sqrt(192 * 240), 9);
    expect(offers).toHaveLength(4);
  });

  it('stops after RAMP_TRIES when the answer never changes', () => {
    const offers = ramp(1, 1e9);
    expect(offers).toHaveLength(RAMP_TRIES);
    expect(offers.at(-1)).toBeCloseTo(RAMP_FROM * RAMP_RATIO ** (RAMP_TRIES - 1), 9);
  });

  it('counts the 200s answered within the window, per second', () => {
    const records = {
      scheduledMs: Float64Array.from([0, 0, 0, 0, 0]),
      sentMs: Float64Array.from([0, 0, 0, 0, 0]),
      doneMs: Float64Array.from([500, 1500, 2500, 2999, 3000]),
      status: Int16Array.from([200, 200, 503, 200, 200]),
      engine: new Uint16Array(5),
    };
    // In [1000, 3000): the 200s at 1500 and 2999; the 503 and the answers at 500 and 3000 are out.
    expect(completionsPerSecond(records, 1000, 3000)).toBe(1);
  });
});
