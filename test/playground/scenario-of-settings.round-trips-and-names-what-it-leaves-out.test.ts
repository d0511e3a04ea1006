// The one translation between the levers and a scenario: settings → scenario → the scenario
// schema → settings gives the settings back, for any settings the schema accepts — autoscalers,
// provisioning, placement and prices included; every shipped preset loads, and the candidates it
// shows (A and B) are exactly the file's, with its traffic, network, sites, SLO and price; traffic
// the levers cannot hold is refused with the reason, and what they leave out of a file is named.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../config/scenario.js';
import { CostSchema } from '../../config/cost.js';
import { parseScenarioText } from '../../simulator/scenario/scenario-text.js';
import { scenarioOf, settingsOf } from '../../playground/scenario-of-settings.js';
import { AUTOSCALERS, DEFAULT_SETTINGS, HPA_METRICS, PATTERNS, PRICING, PROVISIONING, type Settings } from '../../playground/settings.js';
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
    request_bytes_per_item: fc.integer({ min: 0, max: 200_000 }),
    cloud_rtt_ms: fc.integer({ min: 0, max: 200 }),
    cloud_bandwidth_mbps: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
    autoscaler: fc.constantFrom(...AUTOSCALERS),
    min_replicas: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    max_replicas: fc.integer({ min: 4, max: 20 }),
    hpa_metric: fc.constantFrom(...HPA_METRICS),
    hpa_target: fc.integer({ min: 1, max: 100 }),
    kpa_stable_window_s: fc.option(fc.integer({ min: 6, max: 600 }), { nil: null }),
    kpa_panic_threshold_percentage: fc.option(fc.integer({ min: 110, max: 1000 }), { nil: null }),
    ray_downscale_delay_s: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
    provisioning: fc.constantFrom(...PROVISIONING),
    provisioning_s: fc.integer({ min: 1, max: 120 }),
    placement: fc.constantFrom('cloud_only' as const, 'edge_only' as const, 'hybrid' as const),
    edge_replicas: fc.integer({ min: 1, max: 4 }),
    edge_sites: fc.integer({ min: 1, max: 40 }),
    edge_rtt_ms: fc.integer({ min: 0, max: 40 }),
    edge_overflow_queue_threshold: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    pricing: fc.constantFrom(...PRICING),
    capacity: fc.constantFrom('on_demand' as const, 'spot' as const),
    per_million_requests_usd: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
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
    // A scenario holds one autoscaler's knobs, one provisioning's, the edge only off the cloud, and a
    // knob set to its upstream default reads back as the default; HPA utilisation 80 likewise.
    ...pick(s, original),
  };
}

function pick(s: Settings, original: Settings): Partial<Settings> {
  const d = DEFAULT_SETTINGS;
  const as = s.autoscaler;
  const out: Partial<Settings> = {};
  if (as === 'none' || as === 'schedule') Object.assign(out, { min_replicas: d.min_replicas, max_replicas: d.max_replicas });
  if (as !== 'hpa') Object.assign(out, { hpa_metric: d.hpa_metric, hpa_target: d.hpa_target });
  else if (s.hpa_metric === 'utilization' && s.hpa_target === 80) out.hpa_target = null;
  if (as === 'hpa' && s.min_replicas === 1) out.min_replicas = null;
  if (as === 'ray_serve' && s.min_replicas === 1) out.min_replicas = null;
  if (as !== 'kpa') Object.assign(out, { kpa_stable_window_s: d.kpa_stable_window_s, kpa_panic_threshold_percentage: d.kpa_panic_threshold_percentage });
  else {
    if (s.kpa_stable_window_s === 60) out.kpa_stable_window_s = null;
    if (s.kpa_panic_threshold_percentage === 200) out.kpa_panic_threshold_percentage = null;
  }
  if (as !== 'ray_serve') out.ray_downscale_delay_s = d.ray_downscale_delay_s;
  else if (s.ray_downscale_delay_s === 600) out.ray_downscale_delay_s = null;
  if (s.provisioning === 'none') out.provisioning_s = d.provisioning_s;
  if (s.placement === 'cloud_only') Object.assign(out, { edge_replicas: d.edge_replicas, edge_sites: d.edge_sites, edge_rtt_ms: d.edge_rtt_ms, edge_overflow_queue_threshold: d.edge_overflow_queue_threshold });
  else if (s.placement !== 'hybrid') out.edge_overflow_queue_threshold = d.edge_overflow_queue_threshold;
  if (s.pricing === 'serverless') out.capacity = original.pricing === 'serverless' ? s.capacity : d.capacity;
  return out;
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

  it('loads every preset; the candidates it shows, and its run, are exactly the shipped file’s', () => {
    for (const preset of PRESETS) {
      expect(readFileSync(path.join(root, preset.file), 'utf8')).toBe(preset.text);
      const file = parseScenarioText(preset.text, preset.file);
      for (const name of [preset.candidate, preset.compare].filter((n) => n !== undefined || preset.candidate === undefined)) {
        const opened = openFile(preset.file, preset.text, name);
        expect(opened.kind).toBe('scenario');
        if (opened.kind !== 'scenario') continue;
        const made = ScenarioSchema.parse(scenarioOf(opened.settings));
        // The candidate, traffic, network, sites, SLO, price, profile and run are the file's; the rest is named in the notes.
        // Placement cloud_only is what an absent placement means; the levers write neither.
        const wanted = file.candidates.find((c) => c.name === (name ?? file.candidates[0]!.name))!;
        const { placement, ...rest } = wanted;
        expect(made.candidates[0], `${preset.id} ${name}`).toEqual(placement === 'cloud_only' ? rest : wanted);
        for (const k of ['traffic', 'network', 'sites', 'slo', 'profile', 'duration_s', 'warmup_s', 'seed'] as const) expect(made[k], `${preset.id} ${k}`).toEqual(file[k]);
        // A file without prices is free; the levers write that as a price of 0.
        expect(made.cost, `${preset.id} cost`).toEqual(file.cost ?? CostSchema.parse({}));
        expect(opened.notes.join('; ')).not.toMatch(/as levers:/);
      }
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
