// Allen–Cunneen (explain/allen-cunneen.ts) on G/G/c cases with published answers. It is exact in
// two families, and there it must give the published figures:
//  - c = 1 with Poisson arrivals (M/G/1, Pollaczek–Khinchine): Garcia-Golding Recycling (Render,
//    Stair & Hanna), λ = 8/h, constant 5 min → Wq = 5 min, Lq = 0.667;
//  - Ca² = Cs² = 1 (M/M/c, Erlang C): the spreadsheet's λ = 3.7, μ = 1.33, c = 6 → Wq = 0.0172,
//    Lq = 0.0636 (https://studylib.net/doc/26058623/opre-assignment-5).
// Between them it scales the M/M/c wait by (Ca² + Cs²)/2, which gives D/D/c its exact zero wait.
// We found no published worked example of Allen–Cunneen with c > 1 and SCVs other than 1 through our
// search; those cases are checked against the simulator in
// closed-forms.agree-with-the-simulation-on-exponential-cases.test.ts, within a stated tolerance.
import { describe, expect, it } from 'vitest';
import { ggc } from '../../explain/allen-cunneen.js';
import { mmc } from '../../explain/erlang-c.js';

describe('Allen–Cunneen reproduces the published answers where it is exact', () => {
  it('M/D/1 (c = 1, Ca² = 1, Cs² = 0): Garcia-Golding Recycling, Wq = 5 min', () => {
    const m = ggc(8, 1 / 12, 1, 1, 0)!;
    expect(m.wait * 60).toBeCloseTo(5, 10);
    expect(+m.lq.toFixed(3)).toBe(0.667);
  });

  it('M/M/6 (Ca² = Cs² = 1): the spreadsheet’s Wq = 0.0172, Lq = 0.0636', () => {
    const m = ggc(3.7, 1 / 1.33, 6, 1, 1)!;
    expect(+m.wait.toFixed(4)).toBe(0.0172);
    expect(+m.lq.toFixed(4)).toBe(0.0636);
  });

  it('scales the M/M/c wait by (Ca² + Cs²)/2: D/D/c never waits, E2/M/c waits 3/4 as long', () => {
    const base = mmc(20, 0.08, 2)!.wait;
    expect(ggc(20, 0.08, 2, 0, 0)!.wait).toBe(0);
    expect(ggc(20, 0.08, 2, 0.5, 1)!.wait).toBeCloseTo(base * 0.75, 12);
    expect(ggc(30, 0.08, 2, 1, 1)).toBeNull();
  });
});
