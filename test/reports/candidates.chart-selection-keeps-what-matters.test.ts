// Which candidates a large sweep's charts show: never more than asked, always the recommendation,
// its runner-up and (room permitting) the frontier, in the table's order; and how an SLO
// percentile maps onto the stored ones (exact when stored, else the next one up).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateViews, chartedViews, sloStat } from '../../reports/candidates.js';
import { sweep } from './fixture.js';

describe('chartedViews', () => {
  it('keeps at most max, the recommendation, runner-up and frontier first, in reading order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (n, max, pick, frontierPicks) => {
          const names = Array.from({ length: n }, (_, i) => `c${i}`);
          const recommended = names[pick % n]!;
          const frontier = [...new Set(frontierPicks.map((k) => names[k % n]!))];
          const views = candidateViews(sweep(names, recommended, frontier));
          const charted = chartedViews(views, max);
          expect(charted.length).toBe(Math.min(max, n));
          // a subsequence of views: same order, no duplicates
          const positions = charted.map((v) => views.indexOf(v));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          expect(new Set(positions).size).toBe(positions.length);
          expect(charted.some((v) => v.recommended)).toBe(true);
          const must = views.filter((v) => v.recommended || v.runnerUp);
          if (max >= must.length) for (const v of must) expect(charted).toContain(v);
          const frontierMeeting = views.filter((v) => v.onFrontier && v.meets && !v.recommended && !v.runnerUp);
          if (max >= must.length + frontierMeeting.length) for (const v of frontierMeeting) expect(charted).toContain(v);
        },
      ),
      { seed: 20_240_611, numRuns: 200 },
    );
  });

  it('orders priced candidates cheapest first', () => {
    const views = candidateViews(sweep(['a', 'b', 'c'], 'b'));
    expect(views.map((v) => v.costPerHour)).toEqual([...views.map((v) => v.costPerHour)].sort((x, y) => x! - y!));
  });
});

describe('sloStat', () => {
  it.each([
    [99, 'p99', true],
    [99.9, 'p999', true],
    [50, 'p50', true],
    [95, 'p99', false],
    [75, 'p90', false],
    [99.99, 'max', false],
  ] as const)('reads p%s as %s (exact: %s)', (percentile, key, exact) => {
    expect(sloStat(percentile)).toMatchObject({ key, exact });
  });
});
