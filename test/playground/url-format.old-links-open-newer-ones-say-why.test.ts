// A shared link: every lever in the address under a format version. Links written by formats v1
// and v2 (pinned here, as a person would have pasted them) open to their settings for as long as
// those formats are read — a v1 link with every lever v2 added at what v1 meant; encoding and
// decoding round-trip, A/B pairs included; a link of a newer or unknown format, or no link at all,
// is refused with a sentence saying why; a profile loaded from a file travels by name only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSettings, encodeSettings } from '../../playground/url-format.js';
import { AUTOSCALERS, DEFAULT_SETTINGS, PATTERNS, type Settings } from '../../playground/settings.js';

/** A v1 link as the first playground wrote it. Do not edit: if it stops opening, old links broke. */
const V1_LINK =
  '#v=1&name=playground&candidate=playground&profile=ppocr-cls.cpu-2core&arrivals=mmpp&rate_rps=350&burst_ratio=6&calm_dwell_s=20&burst_dwell_s=3&amplitude=0.6&period_s=auto&peak_at_s=auto&max_batch_size=8&max_queue_delay_ms=3.5&max_queue_size=auto&queue_timeout_ms=auto&instances=2&replicas=3&router=least_outstanding&duration_s=900&warmup_s=30&seed=4&slo_latency_ms=40&slo_percentile=99&max_drop_rate=0.001&replica_per_hour_usd=0.085';

/** A v2 link, an A/B pair: KPA against HPA, hybrid placement, spot prices. Do not edit. */
const V2_LINK =
  '#v=2&name=playground&candidate=playground&profile=ppocr-cls.cpu-2core&arrivals=poisson&rate_rps=200&burst_ratio=4&calm_dwell_s=20&burst_dwell_s=3&amplitude=0.6&period_s=auto&peak_at_s=auto&max_batch_size=4&max_queue_delay_ms=2&max_queue_size=auto&queue_timeout_ms=auto&instances=2&replicas=1&router=least_outstanding&duration_s=600&warmup_s=10&seed=1&slo_latency_ms=25&slo_percentile=99&max_drop_rate=0.001&replica_per_hour_usd=0.085&request_bytes_per_item=110592&cloud_rtt_ms=40&autoscaler=kpa&min_replicas=1&max_replicas=12&kpa_target=4&kpa_panic_threshold_percentage=400&provisioning=lognormal&provisioning_s=20&placement=hybrid&edge_sites=3&edge_rtt_ms=4&capacity=spot&ab=b&b.autoscaler=hpa&b.hpa_target=70';

describe('the link format', () => {
  it('opens a v2 link of an A/B pair to both sides and the side being edited', () => {
    const a: Settings = { ...DEFAULT_SETTINGS, autoscaler: 'kpa', min_replicas: 1, max_replicas: 12, kpa_target: 4, kpa_panic_threshold_percentage: 400, provisioning: 'lognormal', provisioning_s: 20, placement: 'hybrid', edge_sites: 3, edge_rtt_ms: 4, cloud_rtt_ms: 40, request_bytes_per_item: 110592, capacity: 'spot' };
    expect(decodeSettings(V2_LINK)).toEqual({ ok: true, notes: [], settings: a, pair: { b: { ...a, autoscaler: 'hpa', hpa_target: 70 }, editing: 'b' } });
  });

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
      autoscaler: fc.constantFrom(...AUTOSCALERS),
      kpa_target: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
      schedule: fc.string(),
      sites: fc.option(fc.constant([{ name: 'x', share: 1, count: 3 }]), { nil: null }),
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
      fc.property(settings, settings, fc.constantFrom('a' as const, 'b' as const), (s, b, editing) => {
        expect(decodeSettings(`#${encodeSettings(s)}`)).toEqual({ ok: true, settings: s, notes: [] });
        expect(decodeSettings(`#${encodeSettings(s, { b, editing })}`)).toEqual({ ok: true, settings: s, notes: [], pair: { b, editing } });
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
    expect(decodeSettings('#v=3&rate_rps=3')).toEqual({ ok: false, reason: expect.stringMatching(/made by a newer playground \(link format v3\); this one reads v1 to v2: open it with a newer servetwin/) });
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
