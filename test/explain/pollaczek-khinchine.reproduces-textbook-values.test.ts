// Pollaczek–Khinchine (explain/pollaczek-khinchine.ts) against published M/D/1 and M/M/1 answers.
//  - Render, Stair & Hanna, "Quantitative Analysis for Management" (constant-service-time model),
//    Garcia-Golding Recycling: trucks arrive at λ = 8/h, a compactor empties one in a constant
//    5 min (μ = 12/h) → Lq = 0.667 truck, Wq = 1/12 h = 5 min (down from the 15 min they waited).
//  - An automatic car wash, cars every 10 min on average (Poisson), 6 min each, deterministic: Lq =
//    ½ ρ²/(1 − ρ) = 0.45 car (worked at https://code.policylink.org/comparte/24279479).
//  - With Cs² = 1 it is M/M/1: the Golden Muffler Shop again (λ = 2/h, μ = 3/h → Wq = 2/3 h).
import { describe, expect, it } from 'vitest';
import { mg1 } from '../../explain/pollaczek-khinchine.js';

describe('Pollaczek–Khinchine reproduces published M/D/1 and M/M/1 answers', () => {
  it('Garcia-Golding Recycling (M/D/1, λ = 8/h, D = 5 min)', () => {
    const m = mg1(8, 1 / 12, 0)!;
    expect(+m.lq.toFixed(3)).toBe(0.667);
    expect(m.wait * 60).toBeCloseTo(5, 10);
  });

  it('the car wash (M/D/1, λ = 6/h, D = 6 min): Lq = 0.45', () => {
    expect(mg1(6, 0.1, 0)!.lq).toBeCloseTo(0.45, 12);
  });

  it('halves the M/M/1 wait when the service is constant, and equals it when Cs² = 1', () => {
    const exponential = mg1(2, 1 / 3, 1)!;
    expect(exponential.wait).toBeCloseTo(2 / 3, 12);
    expect(mg1(2, 1 / 3, 0)!.wait).toBeCloseTo(exponential.wait / 2, 12);
    expect(mg1(3, 1 / 3, 0)).toBeNull();
  });
});
