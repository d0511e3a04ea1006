// Every control is judged by the scenario schema itself: a bad value gets the CLI's own
// path-qualified sentence, shown next to the control that set the field (levers.ts and choices.ts
// say which) — an invalid combination too, by the schema's own refinements: fewer replicas above
// most, edge placement without edge devices, a schedule that is not one.
import { describe, expect, it } from 'vitest';
import { checkSettings } from '../../playground/check-settings.js';
import { LEVERS, leverValue, leverNudge, leverPosition, leverValueAt, sliderRange } from '../../playground/levers.js';
import { DEFAULT_SETTINGS, type Settings } from '../../playground/settings.js';
import { parseConfig } from '../../config/validate.js';
import { ScenarioSchema } from '../../config/scenario.js';

function messages(patch: Partial<Settings>): Record<string, string[]> {
  const c = checkSettings({ ...DEFAULT_SETTINGS, ...patch });
  return Object.fromEntries([...c.byControl, ...(c.general.length > 0 ? [['general', c.general] as const] : [])]);
}

describe('control messages', () => {
  it('the default settings are a valid scenario', () => {
    const c = checkSettings(DEFAULT_SETTINGS);
    expect(c.scenario).not.toBeNull();
    expect(messages({})).toEqual({});
  });

  it('gives each bad field the message the CLI gives for it, by its control', () => {
    expect(messages({ rate_rps: -3 })).toEqual({ rate_rps: ['traffic.arrivals.rate_rps: expected a positive number, got -3'] });
    expect(messages({ max_batch_size: 2.5 })).toEqual({ max_batch_size: ['candidates[0].batching.max_batch_size: expected an integer, got 2.5'] });
    expect(messages({ instances: 0 })).toEqual({ instances: ['candidates[0].instances: expected a number >= 1, got 0'] });
    expect(messages({ warmup_s: 700 })).toEqual({ warmup_s: ['warmup_s: warmup_s must be less than duration_s'] });
    expect(messages({ max_queue_delay_ms: Number.NaN })).toEqual({ max_queue_delay_ms: [expect.stringMatching(/^candidates\[0\]\.batching\.max_queue_delay_ms: expected a number/)] });
    expect(messages({ arrivals: 'mmpp', burst_ratio: -2 })).toEqual({ burst_ratio: ['traffic.arrivals.states[1].rate_rps: expected a number >= 0, got -657.143'] });
    expect(messages({ arrivals: 'diurnal', amplitude: 1.5 })).toEqual({ amplitude: ['traffic.arrivals.amplitude: expected a number <= 1, got 1.5'] });
  });

  it('catches invalid combinations with the schema’s own refinements, by the control that makes them', () => {
    expect(messages({ autoscaler: 'hpa', min_replicas: 9, max_replicas: 4 })).toEqual({ min_replicas: ['candidates[0].autoscaler.min_replicas: min_replicas must be <= max_replicas'] });
    expect(messages({ autoscaler: 'kpa', min_replicas: 9, max_replicas: 4 })).toEqual({ min_replicas: ['candidates[0].autoscaler.min_scale: min_scale must be <= max_scale'] });
    expect(messages({ autoscaler: 'ray_serve', min_replicas: 3, max_replicas: 2 })).toEqual({ min_replicas: ['candidates[0].autoscaler.min_replicas: min_replicas must be <= max_replicas'] });
    expect(messages({ placement: 'edge_only', edge_replicas: 0 })).toEqual({ placement: ['candidates[0].edge: edge_only and hybrid placements need an `edge` section'] });
    expect(messages({ autoscaler: 'hpa', max_replicas: null })).toEqual({ max_replicas: [expect.stringMatching(/^candidates\[0\]\.autoscaler\.max_replicas: expected a number/)] });
    expect(messages({ autoscaler: 'hpa', hpa_metric: 'in_flight_per_replica', hpa_target: null })).toEqual({ hpa_target: [expect.stringMatching(/^candidates\[0\]\.autoscaler\.metric\.target_requests: expected a number/)] });
    expect(Object.keys(messages({ autoscaler: 'schedule', schedule: '0=1, 60=2, 60=3' }))).toEqual(['schedule']);
    expect(Object.keys(messages({ autoscaler: 'schedule', schedule: 'soon' }))).toEqual(['schedule']);
    expect(messages({ provisioning: 'lognormal', provisioning_cv: 0 })).toEqual({ provisioning_cv: ['candidates[0].provisioning.cv: expected a positive number, got 0'] });
    expect(messages({ pricing: 'serverless', memory_gb: -1 })).toEqual({ memory_gb: ['cost.memory_gb: expected a positive number, got -1'] });
  });

  it('says the same as parsing the scenario as a file would', () => {
    const c = checkSettings({ ...DEFAULT_SETTINGS, replicas: -1 });
    expect(() => parseConfig(ScenarioSchema, c.input, 'x.yaml')).toThrow(`x.yaml: ${c.byControl.get('replicas')![0]}`);
  });

  it('slider positions and values agree: a value shown is the value set; an arrow key moves by one step', () => {
    for (const lever of LEVERS) {
      const { min, max, step } = sliderRange(lever);
      for (const position of [min, min + step, (min + max) / 2, max - step, max]) {
        const value = leverValueAt(lever, position);
        expect(value).toBeGreaterThanOrEqual(lever.min);
        expect(value).toBeLessThanOrEqual(lever.max);
        expect(leverValueAt(lever, leverPosition(lever, value))).toBe(value);
      }
      // From the default, one arrow key changes the value.
      const start = leverValue(lever, DEFAULT_SETTINGS) ?? lever.min;
      const nudged = leverNudge(lever, start, 1) ?? leverValueAt(lever, leverPosition(lever, start) + step);
      expect(nudged, lever.field).not.toBe(start);
    }
  });
});
