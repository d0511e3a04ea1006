// The figure's targets and verdicts: p50 ±5 % and p99 ±10 % up to 80 % busy, bursty p99 ±15 %, none
// above 80 %; a verdict follows the error's point estimate and is sure only when its whole 95 %
// interval is on the same side of the bound; the knee's error is (measured − predicted) / predicted.
import { describe, expect, it } from 'vitest';
import { judgeKnee, judgeTarget, targetsFor } from '../../../bench/fidelity/targets.js';

describe('targets', () => {
  it('sets the bounds by traffic and load', () => {
    expect(targetsFor('poisson', 0.25)).toEqual({ p50: 0.05, p99: 0.1 });
    expect(targetsFor('poisson', 0.8)).toEqual({ p50: 0.05, p99: 0.1 });
    expect(targetsFor('bursty', 0.55)).toEqual({ p50: 0.05, p99: 0.15 });
    expect(targetsFor('poisson', 0.85)).toEqual({ p50: null, p99: null });
  });

  it('meets a bound by the point estimate, surely only when the interval agrees', () => {
    expect(judgeTarget({ mean: 0.03, lo: 0.01, hi: 0.049 }, 0.05)).toEqual({ met: true, sure: true, cell: 'yes' });
    expect(judgeTarget({ mean: -0.03, lo: -0.07, hi: 0.01 }, 0.05)).toEqual({ met: true, sure: false, cell: 'yes?' });
    expect(judgeTarget({ mean: 0.12, lo: 0.06, hi: 0.2 }, 0.05)).toEqual({ met: false, sure: true, cell: 'no' });
    expect(judgeTarget({ mean: -0.12, lo: -0.2, hi: -0.06 }, 0.05)).toEqual({ met: false, sure: true, cell: 'no' });
    expect(judgeTarget({ mean: 0.12, lo: 0.01, hi: 0.23 }, 0.05)).toEqual({ met: false, sure: false, cell: 'no?' });
    expect(judgeTarget({ mean: 0.01, lo: null, hi: null }, 0.05)).toEqual({ met: true, sure: false, cell: 'yes?' });
  });

  it('judges the knee by its relative error, a bracket as an interval', () => {
    expect(judgeKnee(400, { rps: 416, upToRps: null })).toMatchObject({ error: 0.04, met: true, sure: true });
    expect(judgeKnee(400, { rps: 380, upToRps: null })).toMatchObject({ error: -0.05, met: true, sure: true });
    expect(judgeKnee(400, { rps: 360, upToRps: null })).toMatchObject({ error: -0.1, met: false, sure: true });
    // Not resolved: the knee is somewhere in 392…440/s.
    expect(judgeKnee(400, { rps: 392, upToRps: 440 })).toMatchObject({ error: -0.02, met: true, sure: false });
  });
});
