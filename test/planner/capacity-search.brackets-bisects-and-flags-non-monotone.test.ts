// The capacity search on made-up pass/fail functions: it finds a threshold to its tolerance from
// above and below the start, reports "no sustainable load" and "≥ bound" at the edges, and a
// function that fails below the edge it bisected to is reported non-monotone with a conservative
// figure — never trusted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchEdge, DEFAULT_BELOW_EDGE_CHECKS } from '../../planner/capacity-search.js';

const options = { min: 1 / 64, max: 64, start: 1, tolerance: 0.02, below: DEFAULT_BELOW_EDGE_CHECKS };
const below = (threshold: number) => async (x: number) => x <= threshold;

describe('searchEdge', () => {
  it('brackets upward from the start and bisects to the tolerance', async () => {
    const out = await searchEdge(below(3.7), options);
    expect(out.status).toBe('found');
    expect(out.sustainable!).toBeLessThanOrEqual(3.7);
    expect(out.breaks_at!).toBeGreaterThan(3.7);
    expect(out.breaks_at! / out.sustainable!).toBeLessThanOrEqual(1.02);
    expect(out.tried.map((t) => t.level)).toContain(2);
  });

  it('brackets downward when the start fails', async () => {
    const out = await searchEdge(below(0.3), options);
    expect(out.status).toBe('found');
    expect(out.sustainable!).toBeGreaterThan(0.3 / 1.02);
    expect(out.breaks_at!).toBeGreaterThan(0.3);
  });

  it('finds any threshold in the bounds to the tolerance (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: Math.log(1 / 60), max: Math.log(60), noNaN: true }), fc.double({ min: 0.005, max: 0.5, noNaN: true }), async (logT, tolerance) => {
        const t = Math.exp(logT);
        const out = await searchEdge(below(t), { ...options, tolerance });
        expect(out.status).toBe('found');
        expect(out.sustainable!).toBeLessThanOrEqual(t);
        expect(out.breaks_at!).toBeGreaterThan(t);
        expect(out.breaks_at! / out.sustainable!).toBeLessThanOrEqual(1 + tolerance + 1e-12);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('says "no sustainable load" when even the lowest bound fails', async () => {
    const out = await searchEdge(async () => false, options);
    expect(out).toMatchObject({ status: 'none', sustainable: null, edge: null, breaks_at: 1 / 64 });
    expect(out.tried.map((t) => t.level)).toEqual([1 / 64, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1]);
  });

  it('says "at bound" when the highest bound passes', async () => {
    const out = await searchEdge(async () => true, options);
    expect(out).toMatchObject({ status: 'at_bound', sustainable: 64, breaks_at: null });
  });

  it('reports a candidate that fails below its bisected edge as non-monotone, with a conservative figure', async () => {
    // Passes up to 5, except in a dip around 2.4 (a burst the autoscaler misses, say).
    const pass = async (x: number) => x <= 5 && !(x > 2.2 && x < 2.6);
    const out = await searchEdge(pass, { ...options, below: [0.9, 0.75, 0.5, 0.25] });
    expect(out.edge!).toBeGreaterThan(4.9);
    expect(out.status).toBe('non_monotone');
    expect(out.failures_below.length).toBeGreaterThan(0);
    expect(out.sustainable!).toBeLessThan(2.2 + 1e-9);
    expect(out.breaks_at!).toBe(out.failures_below[0]);
  });

  it('tries each level once', async () => {
    const seen: number[] = [];
    await searchEdge(async (x) => {
      seen.push(x);
      return x <= 1.5;
    }, options);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
