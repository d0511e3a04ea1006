// A constant replica count: the baseline every autoscaler is compared against. It never asks for a
// decision (nextDecisionAt is Infinity); asked anyway, it answers its count. Built by index.ts.
import type { FixedConfig } from '../../config/autoscaler.js';
import type { Autoscaler, ScalingDecision } from './types.js';

export class FixedAutoscaler implements Autoscaler {
  readonly kind = 'fixed';
  readonly initialReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;

  constructor(config: FixedConfig) {
    this.initialReplicas = this.minReplicas = this.maxReplicas = config.replicas;
  }

  observe(): void {}

  nextDecisionAt(): number {
    return Number.POSITIVE_INFINITY;
  }

  decide(): ScalingDecision {
    return { desired: this.initialReplicas, reason: `fixed at ${this.initialReplicas}` };
  }
}
