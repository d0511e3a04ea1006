// Every control is judged by the scenario schema itself: a bad value gets the CLI's own
// path-qualified sentence, shown next to the control that set the field (levers.ts says which).
import { describe, expect, it } from 'vitest';
import { checkSettings } from '../../playground/check-settings.js';
import { LEVERS, leverNudge, leverPosition, leverValueAt, sliderRange } from '../../playground/levers.js';
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
      const start = DEFAULT_SETTINGS[lever.field] ?? 16;
      const nudged = leverNudge(lever, start, 1) ?? leverValueAt(lever, leverPosition(lever, start) + step);
      expect(nudged, lever.field).not.toBe(start);
    }
  });
});
