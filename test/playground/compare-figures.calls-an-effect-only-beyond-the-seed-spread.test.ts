// A/B with the same randomness: both sides run on the same seeds, and a difference is called an
// effect only when it is larger than how far the figure moves from seed to seed (and points the
// same way on every seed). A configuration against itself shows no difference at all; against
// itself on other seeds (not like for like, and said so) nothing is an effect — noise is never
// shown as one; a real change (a second replica at a load one barely carries) is.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../config/profile-file.js';
import { checkSettings } from '../../playground/check-settings.js';
import { differences, SPREAD_SEEDS, trafficDiffers, type Side } from '../../playground/compare-figures.js';
import { runJob } from '../../playground/worker/run-job.js';
import { DEFAULT_SETTINGS, type Settings } from '../../playground/settings.js';

const root = path.resolve(import.meta.dirname, '../..');
const profile = loadProfile(path.join(root, 'calibration/profiles/ppocr-cls.cpu-2core.json'));

/** A side as the page builds it: the scenario's seed, then the spread's. */
function side(s: Settings): Side {
  const { input, scenario } = checkSettings(s);
  const results = Array.from({ length: 1 + SPREAD_SEEDS }, (_, i) => runJob({ scenario: input, profile, watch: false, seed: s.seed + i }).result.candidates[0]!);
  return { scenario: scenario!, results };
}

const base: Settings = { ...DEFAULT_SETTINGS, duration_s: 120, rate_rps: 420 };

describe('A/B differences', () => {
  it('shows a configuration against itself as the same, figure for figure', () => {
    const a = side(base);
    const d = differences(a, side(base));
    expect(d.map((x) => x.verdict)).toEqual(d.map(() => 'same'));
    expect(trafficDiffers(a.scenario, a.scenario)).toEqual([]);
  });

  it('never calls seed-to-seed noise an effect, and says the pair is not like for like', () => {
    for (const seed of [2, 5]) {
      const a = side(base);
      const b = side({ ...base, seed });
      expect(trafficDiffers(a.scenario, b.scenario)).toEqual(['seed']);
      const d = differences(a, b);
      expect(d.filter((x) => x.delta !== 0 && x.delta !== null).length).toBeGreaterThan(0);
      expect(d.filter((x) => x.verdict === 'effect').map((x) => x.figure.id)).toEqual([]);
    }
  });

  it('calls a real change an effect: a second replica at a load one barely carries', () => {
    const d = differences(side(base), side({ ...base, replicas: 2 }));
    const by = Object.fromEntries(d.map((x) => [x.figure.id, x]));
    expect(by.p99!.verdict).toBe('effect');
    expect(by.p99!.delta!).toBeLessThan(0);
    expect(by.per_hour!.verdict).toBe('effect');
    expect(by.per_hour!.delta!).toBeGreaterThan(0);
  });

  it('waits for every seed before judging', () => {
    const a = side(base);
    const b = side({ ...base, replicas: 2 });
    const d = differences({ ...a, results: a.results.slice(0, 1) }, b);
    expect(d.find((x) => x.figure.id === 'p99')!.verdict).toBe('pending');
    expect(d.every((x) => x.verdict === 'pending' || (x.verdict === 'same' && x.delta === 0))).toBe(true);
  });
});
