// The autoscaling policies, chosen by `kind`: createAutoscaler turns a parsed config/autoscaler.ts
// value into a fresh policy object (one per deployment and run; policies keep state). The
// simulator and the engine import only this module and types.ts.
import type { AutoscalerConfig } from '../../config/autoscaler.js';
import { FixedAutoscaler } from './fixed.js';
import { HpaAutoscaler } from './hpa.js';
import { KpaAutoscaler } from './kpa.js';
import { RayServeAutoscaler } from './ray-serve.js';
import { ScheduleAutoscaler } from './schedule.js';
import type { Autoscaler } from './types.js';

export type { Autoscaler, ScalingDecision, ScalingSample, ScalingState } from './types.js';
export { SAMPLE_INTERVAL_MS } from './types.js';
export { drawProvisioningMs, meanProvisioningMs } from './provisioning.js';

export function createAutoscaler(config: AutoscalerConfig): Autoscaler {
  switch (config.kind) {
    case 'fixed':
      return new FixedAutoscaler(config);
    case 'schedule':
      return new ScheduleAutoscaler(config);
    case 'hpa':
      return new HpaAutoscaler(config);
    case 'kpa':
      return new KpaAutoscaler(config);
    case 'ray_serve':
      return new RayServeAutoscaler(config);
  }
}
