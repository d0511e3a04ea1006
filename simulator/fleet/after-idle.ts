// The after-idle penalty: a forward pass that follows an idle spell of its instance runs longer
// than one straight after another — caches and the core's clock speed cool down while the instance
// waits. Calibration measures it from the live engine (replay/overhead.ts afterIdle: Server-Timing
// `idle` and `compute`), as the profile's serving_overhead.after_idle points. With the CPU model
// (cpu-model.ts) the dispatcher (dispatch.ts) adds extraMs(idle) to each batch's work; without it,
// compute_scale already holds this at the calibration's load, so it is not added again.
import type { ServingOverhead } from '../../config/serving-overhead.js';
import type { CpuModel } from './host-cpu.js';

export class AfterIdle {
  private readonly idle: Float64Array;
  private readonly extra: Float64Array;

  /** `points` in increasing idle_ms; `speed` divides the extra (an edge device `speed` times as fast). */
  constructor(points: readonly { idle_ms: number; extra_ms: number }[], speed = 1) {
    this.idle = Float64Array.from(points, (p) => p.idle_ms);
    this.extra = Float64Array.from(points, (p) => p.extra_ms / speed);
  }

  /**
   * Extra ms of a forward pass after `idleMs` of idleness: linear between the measured points, the
   * first point's below it (the reference group: passes after another), the last point's beyond
   * the last (the penalty of a fully cooled-down instance does not grow further).
   */
  extraMs(idleMs: number): number {
    const x = this.idle;
    const n = x.length;
    if (!(idleMs > x[0]!)) return this.extra[0]!;
    if (idleMs >= x[n - 1]!) return this.extra[n - 1]!;
    let i = 1;
    while (x[i]! < idleMs) i++;
    const t = (idleMs - x[i - 1]!) / (x[i]! - x[i - 1]!);
    return this.extra[i - 1]! + t * (this.extra[i]! - this.extra[i - 1]!);
  }
}

/** The pool's after-idle penalty: only with a CPU model and a measured curve (else null). */
export function afterIdleOf(overhead: ServingOverhead | undefined, cpu: CpuModel | null, speed = 1): AfterIdle | null {
  const points = overhead?.after_idle;
  if (cpu === null || points === undefined || points.length === 0) return null;
  return new AfterIdle(points, speed);
}
