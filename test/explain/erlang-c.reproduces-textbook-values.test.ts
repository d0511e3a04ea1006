// Erlang C (explain/erlang-c.ts) against worked examples published with their answers. Units are
// the examples' own (hours, minutes); the formula is unit-free as long as λ and E[S] agree.
//
// M/M/1 (c = 1, where Erlang C is C = ρ):
//  - Render, Stair & Hanna, "Quantitative Analysis for Management", the Golden Muffler Shop: λ = 2
//    cars/h, μ = 3/h → L = 2 cars, W = 1 h, Lq = 4/3 cars, Wq = 2/3 h ("The average car has a
//    2/3-hour wait (Wq)", as restated at https://nursingpaperhelp.com/1-tom-jones-the-mechanic-at-golden-muffler-shop-is-able-to-install-new-mufflers-at-an-average-1-answer-below/).
//  - Kelton, Smith & Sturrock, "Simio and Simulation", exercise 2.6.1: interarrival 1.25 min,
//    service 1 min → ρ = 0.8, Wq = 4 min, W = 5 min, Lq = 3.2, L = 4 (worked solution at
//    https://rstudio-pubs-static.s3.amazonaws.com/305152_deb4ef47278a4a20a136768a8293127e.html).
// M/M/c:
//  - a queueing-model spreadsheet's output for λ = 3.7/min, μ = 1.33/min, c = 5, 6, 7 (OPRE
//    assignment 5, https://studylib.net/doc/26058623/opre-assignment-5): utilisation 55.64 % /
//    46.37 % / 39.74 %, Lq 0.2328 / 0.0636 / 0.0173, L 3.0147 / 2.8455 / 2.7993, Wq 0.0629 /
//    0.0172 / 0.0047, W 0.8148 / 0.7691 / 0.7566 (4 decimals).
//  - Render, Stair & Hanna, alternative example 14.3 (information desk, λ = 20/h, μ = 30/h, two
//    clerks): L = 3/4 (instructor's manual, https://freebooksummary.com/waiting-line-and-queuing-theory-models);
//    the same ratio as Hillier & Lieberman's County Hospital with two doctors: Lq = 1/12, Wq = 1/24 h.
//  - a lecture example tested in AlgoGraph/Queuing-theory (tests/MMC.test.ts, "slide 6 page 7"):
//    λ = 1/10, μ = 1/20, c = 3 → Lq = 0.889, W = 28.88.
import { describe, expect, it } from 'vitest';
import { erlangC, mmc } from '../../explain/erlang-c.js';

describe('Erlang C reproduces published M/M/1 and M/M/c answers', () => {
  it('Golden Muffler Shop (M/M/1, λ = 2/h, μ = 3/h)', () => {
    const m = mmc(2, 1 / 3, 1)!;
    expect(m.l).toBeCloseTo(2, 12);
    expect(m.sojourn).toBeCloseTo(1, 12);
    expect(m.lq).toBeCloseTo(4 / 3, 12);
    expect(m.wait).toBeCloseTo(2 / 3, 12);
    expect(m.utilization).toBeCloseTo(2 / 3, 12);
  });

  it('Kelton et al. 2.6.1 (M/M/1, ρ = 0.8)', () => {
    const m = mmc(1 / 1.25, 1, 1)!;
    expect([m.utilization, m.wait, m.sojourn, m.lq, m.l].map((x) => +x.toFixed(6))).toEqual([0.8, 4, 5, 3.2, 4]);
  });

  it.each([
    { c: 5, util: 0.5564, lq: 0.2328, l: 3.0147, wq: 0.0629, w: 0.8148 },
    { c: 6, util: 0.4637, lq: 0.0636, l: 2.8455, wq: 0.0172, w: 0.7691 },
    { c: 7, util: 0.3974, lq: 0.0173, l: 2.7993, wq: 0.0047, w: 0.7566 },
  ])('λ = 3.7, μ = 1.33, c = $c matches the spreadsheet to 4 decimals', ({ c, util, lq, l, wq, w }) => {
    const m = mmc(3.7, 1 / 1.33, c)!;
    expect(+m.utilization.toFixed(4)).toBe(util);
    expect(+m.lq.toFixed(4)).toBe(lq);
    expect(+m.l.toFixed(4)).toBe(l);
    expect(+m.wait.toFixed(4)).toBe(wq);
    expect(+m.sojourn.toFixed(4)).toBe(w);
  });

  it('two servers at a = 2/3 (Render & Stair 14.3; Hillier & Lieberman’s County Hospital)', () => {
    const m = mmc(20, 1 / 30, 2)!;
    expect(m.l).toBeCloseTo(3 / 4, 12);
    expect(m.lq).toBeCloseTo(1 / 12, 12);
    expect(mmc(2, 1 / 3, 2)!.wait).toBeCloseTo(1 / 24, 12);
  });

  it('three servers at ρ = 2/3 (lecture example: Lq = 0.889, W = 28.88)', () => {
    const m = mmc(1 / 10, 20, 3)!;
    expect(m.lq).toBeCloseTo(0.889, 3);
    expect(m.sojourn).toBeCloseTo(28.89, 2);
  });

  it('has no steady state at ρ ≥ 1, and C(1, a) = a', () => {
    expect(mmc(3, 1, 3)).toBeNull();
    expect(erlangC(1, 0.37)).toBeCloseTo(0.37, 14);
    expect(() => erlangC(2, 2)).toThrow(RangeError);
  });
});
