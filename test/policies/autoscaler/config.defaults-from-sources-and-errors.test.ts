// The autoscaler config: defaults as the projects' sources set them, and bad values rejected with
// path-qualified messages through config/validate.ts.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AutoscalerSchema, ProvisioningSchema } from '../../../config/autoscaler.js';
import { parseConfig } from '../../../config/validate.js';
import { InputError } from '../../../common/errors.js';

const parse = (input: unknown) => parseConfig(AutoscalerSchema, input, 'scenario.yaml');

describe('autoscaler config', () => {
  it('fills the HPA defaults (15 s sync, 0.1 tolerance, 300 s stabilisation, CPU-like 80 %)', () => {
    expect(parse({ kind: 'hpa', max_replicas: 5 })).toEqual({
      kind: 'hpa',
      min_replicas: 1,
      max_replicas: 5,
      metric: { type: 'utilization', target_percent: 80 },
      tolerance: 0.1,
      sync_period_s: 15,
      downscale_stabilization_s: 300,
      metric_window_s: 15,
    });
  });

  it('fills behavior with the API defaults once it is present', () => {
    const hpa = parse({ kind: 'hpa', max_replicas: 5, behavior: {} });
    expect(hpa.kind === 'hpa' && hpa.behavior).toEqual({
      scale_up: {
        stabilization_window_s: 0,
        select_policy: 'Max',
        policies: [
          { type: 'Pods', value: 4, period_s: 15 },
          { type: 'Percent', value: 100, period_s: 15 },
        ],
      },
      scale_down: { select_policy: 'Max', policies: [{ type: 'Percent', value: 100, period_s: 15 }] },
    });
  });

  it('fills the KPA defaults from config-autoscaler', () => {
    expect(parse({ kind: 'kpa' })).toMatchObject({
      metric: 'concurrency',
      target_utilization: 0.7,
      stable_window_s: 60,
      panic_window_percentage: 10,
      panic_threshold_percentage: 200,
      max_scale_up_rate: 1000,
      max_scale_down_rate: 2,
      scale_to_zero_grace_period_s: 30,
      scale_to_zero_pod_retention_s: 0,
      min_scale: 0,
      max_scale: 0,
      initial_scale: 1,
      target_burst_capacity: 211,
      tick_s: 2,
    });
  });

  it('fills the Ray Serve defaults from AutoscalingConfig', () => {
    expect(parse({ kind: 'ray_serve' })).toEqual({
      kind: 'ray_serve',
      min_replicas: 1,
      max_replicas: 1,
      target_ongoing_requests: 2,
      upscale_delay_s: 30,
      downscale_delay_s: 600,
      upscaling_factor: 1,
      downscaling_factor: 1,
      look_back_period_s: 30,
      metrics_interval_s: 10,
      control_loop_s: 0.1,
    });
  });

  it.each([
    [{ kind: 'hpa', min_replicas: 5, max_replicas: 2 }, 'min_replicas: min_replicas must be <= max_replicas'],
    [{ kind: 'hpa', max_replicas: 5, tolerance: -1 }, 'tolerance: expected a number >= 0, got -1'],
    [{ kind: 'kpa', target_burst_capacity: -5 }, 'target_burst_capacity: expected a number >= -1, got -5'],
    [{ kind: 'kpa', target_burst_capacity: -0.5 }, 'target_burst_capacity: expected -1'],
    [{ kind: 'kpa', min_scale: 3, max_scale: 2 }, 'min_scale: min_scale must be <= max_scale'],
    [{ kind: 'ray_serve', max_replicas: 4, initial_replicas: 9 }, 'initial_replicas: initial_replicas must lie within'],
    [{ kind: 'schedule', entries: [{ at: '25:00', replicas: 1 }] }, 'entries[0].at: expected a time of day'],
    [{ kind: 'schedule', entries: [{ at: '08:00', at_s: 1, replicas: 1 }] }, 'entries[0].at: give exactly one of at or at_s'],
    [{ kind: 'schedule', entries: [{ at: '08:00', replicas: 1 }, { at_s: 28_800, replicas: 2 }] }, 'entries: two entries start at the same time'],
    [{ kind: 'hpa', max_replicas: 5, behavior: { scale_up: { select_policy: 'Fastest' } } }, 'behavior.scale_up.select_policy: expected one of'],
    [{ kind: 'magic' }, 'kind'],
  ])('rejects %j with a path-qualified message', (input, message) => {
    expect(() => parse(input)).toThrow(InputError);
    expect(() => parse(input)).toThrow(message);
  });

  it('declares the provisioning delay distributions', () => {
    expect(ProvisioningSchema.parse({ kind: 'lognormal', mean_s: 30, cv: 0.3 })).toEqual({ kind: 'lognormal', mean_s: 30, cv: 0.3 });
    expect(() => parseConfig(ProvisioningSchema, { kind: 'uniform', min_s: 5, max_s: 1 }, 'x')).toThrow('max_s: max_s must be >= min_s');
  });

  it('publishes as JSON Schema (one alternative per kind) for editors', () => {
    const schema = z.toJSONSchema(AutoscalerSchema, { io: 'input' }) as { oneOf?: { properties?: { kind?: { const?: string } } }[] };
    expect(schema.oneOf?.map((s) => s.properties?.kind?.const)).toEqual(['fixed', 'schedule', 'hpa', 'kpa', 'ray_serve']);
  });
});
