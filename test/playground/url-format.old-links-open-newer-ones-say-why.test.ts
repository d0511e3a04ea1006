// A shared link: every lever in the address under a format version. A link written by format v1
// (pinned here, as a person would have pasted it) opens to its settings for as long as v1 is read;
// encoding and decoding round-trip; a link of a newer or unknown format, or no link at all, is
// refused with a sentence saying why; a profile loaded from a file travels by name only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSettings, encodeSettings } from '../../playground/url-format.js';
import { DEFAULT_SETTINGS, PATTERNS, type Settings } from '../../playground/settings.js';

/** A v1 link as the first playground wrote it. Do not edit: if it stops opening, old links broke. */
const V1_LINK =
  '#v=1&name=playground&candidate=playground&profile=ppocr-cls.cpu-2core&arrivals=mmpp&rate_rps=350&burst_ratio=6&calm_dwell_s=20&burst_dwell_s=3&amplitude=0.6&period_s=auto&peak_at_s=auto&max_batch_size=8&max_queue_delay_ms=3.5&max_queue_size=auto&queue_timeout_ms=auto&instances=2&replicas=3&router=least_outstanding&duration_s=900&warmup_s=30&seed=4&slo_latency_ms=40&slo_percentile=99&max_drop_rate=0.001&replica_per_hour_usd=0.085';

describe('the link format', () => {
  it('opens a v1 link to the settings it was made from', () => {
    const d = decodeSettings(V1_LINK);
    expect(d).toEqual({
      ok: true,
      notes: [],
      settings: { ...DEFAULT_SETTINGS, arrivals: 'mmpp', rate_rps: 350, burst_ratio: 6, max_batch_size: 8, max_queue_delay_ms: 3.5, replicas: 3, duration_s: 900, warmup_s: 30, seed: 4, slo_latency_ms: 40 },
    });
  });

  it('round-trips any settings (fast-check, seed 19)', () => {
    const settings: fc.Arbitrary<Settings> = fc.record({
      ...Object.fromEntries(Object.entries(DEFAULT_SETTINGS).map(([k, v]) => [k, fc.constant(v)])),
      name: fc.string({ minLength: 1 }),
      arrivals: fc.constantFrom(...PATTERNS),
      rate_rps: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0), // -0 + 0 is 0: a link writes no sign on zero
      max_queue_size: fc.option(fc.integer(), { nil: null }),
      period_s: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0), { nil: null }),
      profile: fc.oneof(
        fc.constant({ source: 'bundled' as const, id: 'ppocr-cls.cpu-2core' }),
        fc.string({ minLength: 1 }).map((name) => ({ source: 'file' as const, name })),
        fc.constant({ source: 'inline' as const, profile: { kind: 'exponential', mean_ms: 100 } }),
      ),
    }) as fc.Arbitrary<Settings>;
    fc.assert(
      fc.property(settings, (s) => {
        expect(decodeSettings(`#${encodeSettings(s)}`)).toEqual({ ok: true, settings: s, notes: [] });
      }),
      { seed: 19, numRuns: 200 },
    );
  });

  it('carries a profile loaded from a file by its name, not its content', () => {
    const link = encodeSettings({ ...DEFAULT_SETTINGS, profile: { source: 'file', name: 'a10g.json' } });
    expect(link).toContain('profile=file%3Aa10g.json');
    expect(link.length).toBeLessThan(800);
  });

  it('says why it will not open a newer, unknown or absent format', () => {
    expect(decodeSettings('#v=2&rate_rps=3')).toEqual({ ok: false, reason: expect.stringMatching(/made by a newer playground \(link format v2\); this one reads v1 to v1: open it with a newer servetwin/) });
    expect(decodeSettings('#v=beta')).toEqual({ ok: false, reason: expect.stringMatching(/format version "beta" is not one this playground knows/) });
    expect(decodeSettings('#section-2')).toEqual({ ok: false, reason: expect.stringMatching(/holds no playground configuration/) });
    expect(decodeSettings('')).toBeNull();
  });

  it('keeps what it can of a hand-edited link and names the rest', () => {
    const d = decodeSettings('#v=1&rate_rps=abc&arrivals=steps&colour=blue');
    expect(d?.ok).toBe(true);
    if (!d?.ok) return;
    expect(d.settings.rate_rps).toBeNaN();
    expect(d.settings.arrivals).toBe('poisson');
    expect(d.notes).toEqual(['ignored what this playground has no lever for: colour', 'arrivals=steps is not a pattern of this playground (poisson, diurnal, mmpp); showing poisson']);
  });
});
