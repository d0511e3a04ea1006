// Saturation throughput by an open-loop ramp, for bench/engine.ts: offer a rate, step it up until
// the throughput stops growing, and take the best step. While the engine keeps up (it answers what
// is offered) the rate grows fast; once it falls behind, in small steps. Two steps in a row without
// a gain of 2 % end the ramp. A step the load generator could not send on time is tried once more
// (a neighbour's burst on its core passes); the figure is valid only if the best step and the ones
// that ended the ramp were sent on schedule: a generator that could not send the rate measures
// itself, and a lower throughput is then not the engine's.
import type { StepResult } from './engine-client.js';

export interface Saturation {
  /** The step with the highest throughput. */
  best: StepResult;
  steps: StepResult[];
  /** The throughput stopped growing before the ramp ran out of steps. */
  saturated: boolean;
  /** The best step and those after it were sent on schedule. */
  valid: boolean;
  /** Why the figure is invalid or unsaturated, for the reader. */
  note?: string;
}

export interface RampOptions {
  startRps: number;
  maxSteps?: number;
  /** Rate factor while the engine keeps up, and once it falls behind. */
  fast?: number;
  slow?: number;
}

/** Items/s within this share of what was offered: the engine kept up. */
const KEPT_UP = 0.97;
const GAIN = 1.02;

export async function ramp(step: (rateRps: number) => Promise<StepResult>, rows: number, opts: RampOptions): Promise<Saturation> {
  const { maxSteps = 12, fast = 1.25, slow = 1.06 } = opts;
  const steps: StepResult[] = [];
  let best: StepResult | undefined;
  let flat = 0;
  let rate = opts.startRps;
  for (let i = 0; i < maxSteps && flat < 2; i++) {
    let r = await step(rate);
    if (!r.keptSchedule) r = await step(rate);
    steps.push(r);
    if (!best || r.itemsPerS > best.itemsPerS * GAIN) {
      best = r;
      flat = 0;
    } else flat++;
    rate *= r.itemsPerS >= KEPT_UP * r.offeredRps * rows ? fast : slow;
  }
  const saturated = flat >= 2;
  const late = steps.slice(steps.indexOf(best!)).find((s) => !s.keptSchedule);
  const valid = late === undefined;
  let note: string | undefined;
  if (late) {
    note =
      `invalid: the load generator could not reach ${late.offeredRps.toFixed(0)} requests/s (it sent ${late.sentInWindow} of the window's ${late.scheduled} ` +
      `requests in it, send lag p99 ${late.lagP99Ms.toFixed(1)} ms, its process ${(late.clientBusy * 100).toFixed(0)} % of a core busy); the throughput it saw is its own limit, not the engine's`;
  } else if (!saturated) note = `not saturated: throughput still grew at the last of ${steps.length} steps (${steps.at(-1)!.offeredRps.toFixed(0)} requests/s)`;
  return { best: best!, steps, saturated, valid, ...(note === undefined ? {} : { note }) };
}
