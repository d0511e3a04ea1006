// The one translation between the levers and a scenario: settings → scenario → the scenario
// schema → settings gives the settings back, for any settings the schema accepts; every shipped
// preset loads and its scenario is exactly the file's; traffic the levers cannot hold is refused
// with the reason, and what they leave out of a file is named.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../config/scenario.js';
import { parseScenarioText } from '../../simulator/scenario/scenario-text.js';
import { scenarioOf, settingsOf } from '../../playground/scenario-of-settings.js';
import { DEFAULT_SETTINGS, PATTERNS, type Settings } from '../../playground/settings.js';
import { PRESETS } from '../../playground/bundled.js';
import { openFile } from '../../playground/open-file.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Settings the schema accepts, every lever moved. Rates in thousandths. */
const validSettings: fc.Arbitrary<Settings> = fc
  .record({
    arrivals: fc.constantFrom(...PATTERNS),
    rate_rps: fc.integer({ min: 1, max: 5_000_000 }).map((n) => n / 1000),
    burst_ratio: fc.constantFrom(1, 2, 4, 8),
    amplitude: fc.integer({ min: 0, max: 20 }).map((n) => n / 20),
    max_batch_size: fc.integer({ min: 1, max: 64 }),
    max_queue_delay_ms: fc.integer({ min: 0, max: 100 }).map((n) => n / 2),
    max_queue_size: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
    instances: fc.integer({ min: 1, max: 16 }),
    replicas: fc.integer({ min: 1, max: 32 }),
    duration_s: fc.integer({ min: 20, max: 86_400 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    slo_latency_ms: fc.integer({ min: 1, max: 10_000 }),
    replica_per_hour_usd: fc.integer({ min: 0, max: 5000 }).map((n) => n / 1000),
  })
  .map((r) => ({ ...DEFAULT_SETTINGS, ...r, warmup_s: Math.floor(r.duration_s / 10) }));

/**
 * What a round trip may change: a mean rate rebuilt from rounded state rates, an explicit bound
 * equal to the default, and the levers of the patterns not chosen (a scenario holds one pattern).
 */
function comparable(s: Settings, original: Settings): Settings {
  const d = DEFAULT_SETTINGS;
  const queueDefault = 4 * s.max_batch_size * s.instances;
  const bursty = s.arrivals === 'mmpp';
  const daily = s.arrivals === 'diurnal';
  return {
    ...s,
    rate_rps: near(s.rate_rps, original.rate_rps),
    burst_ratio: bursty ? near(s.burst_ratio, original.burst_ratio) : d.burst_ratio,
    calm_dwell_s: bursty ? s.calm_dwell_s : d.calm_dwell_s,
    burst_dwell_s: bursty ? s.burst_dwell_s : d.burst_dwell_s,
    amplitude: daily ? s.amplitude : d.amplitude,
    period_s: daily ? s.period_s : d.period_s,
    peak_at_s: daily ? s.peak_at_s : d.peak_at_s,
    max_queue_size: s.max_queue_size === queueDefault ? null : s.max_queue_size,
  };
}

/** The original where a value is within 10⁻⁵ of it (state rates keep six significant digits). */
function near(value: number, original: number): number {
  return Math.abs(value - original) <= 1e-5 * Math.abs(original) ? original : value;
}

describe('settings ⇄ scenario', () => {
  it('round-trips any settings the scenario schema accepts (fast-check, seed 15)', () => {
    fc.assert(
      fc.property(validSettings, (s) => {
        const parsed = ScenarioSchema.parse(scenarioOf(s));
        const back = settingsOf(parsed, 'x.yaml');
        expect(back.notes).toEqual([]);
        expect(comparable(back.settings, s)).toEqual(comparable(s, s));
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('keeps a bursty mean: the calm and burst rates average to the rate lever over their dwell times', () => {
    const s = { ...DEFAULT_SETTINGS, arrivals: 'mmpp' as const, rate_rps: 200, burst_ratio: 4 };
    const states = (scenarioOf(s).traffic as { arrivals: { states: { rate_rps: number; mean_dwell_s: number }[] } }).arrivals.states;
    expect(states.map((x) => x.rate_rps)).toEqual([143.75, 575]);
    expect((states[0]!.rate_rps * 20 + states[1]!.rate_rps * 3) / 23).toBeCloseTo(200, 10);
  });

  it('loads every preset; its scenario is exactly the shipped file', () => {
    for (const preset of PRESETS) {
      expect(readFileSync(path.join(root, preset.file), 'utf8')).toBe(preset.text);
      const opened = openFile(preset.file, preset.text);
      expect(opened.kind).toBe('scenario');
      if (opened.kind !== 'scenario') continue;
      const file = parseScenarioText(preset.text, preset.file);
      const made = ScenarioSchema.parse(scenarioOf(opened.settings));
      // The first candidate, traffic, SLO, profile and run are the file's; the rest is named in the notes.
      expect(made.candidates[0]).toEqual(file.candidates[0]);
      expect(made.traffic).toEqual(file.traffic);
      expect(made.slo).toEqual(file.slo);
      expect(made.profile).toEqual(file.profile);
      expect([made.duration_s, made.warmup_s, made.seed]).toEqual([file.duration_s, file.warmup_s, file.seed]);
    }
  });

  it('names what a file holds beyond the levers', () => {
    const text = readFileSync(path.join(root, 'scenarios/ppocr-cls-peak.yaml'), 'utf8');
    const { notes } = settingsOf(parseScenarioText(text, 'peak.yaml'), 'peak.yaml');
    expect(notes.join('; ')).toMatch(/left out: grid, sweep/);
    const autoscaled = settingsOf(parseScenarioText(readFileSync(path.join(root, 'scenarios/diurnal-autoscalers.yaml'), 'utf8'), 'd.yaml'), 'd.yaml');
    expect(autoscaled.notes.join('; ')).toMatch(/shows candidate "[^"]+", the first of \d+/);
  });

  it('refuses traffic it has no pattern for, saying which and that the CLI runs it', () => {
    const steps = readFileSync(path.join(root, 'scenarios/steps.yaml'), 'utf8');
    expect(() => openFile('steps.yaml', steps)).toThrow(/steps\.yaml: traffic\.arrivals\.kind: the playground's patterns are poisson, diurnal and mmpp; this scenario's traffic is "steps"\. `servetwin simulate` runs it as written\./);
  });
});
