// The playground's controls as data: for each lever, its label and unit, the slider's range and
// scale, a sentence for a reader learning system design, and the scenario fields it writes, which
// is how a message of the scenario schema finds its way back to the control that caused it
// (check-settings.ts). The page builds its controls from this list (page/controls.ts).
import type { Pattern, Settings } from './settings.js';

type NumericField = { [K in keyof Settings]: Settings[K] extends number | null ? K : never }[keyof Settings];

export interface Lever {
  field: NumericField;
  label: string;
  unit: string;
  group: 'traffic' | 'batching' | 'fleet' | 'run';
  /** The slider's range; the number box beside it takes any value (the schema judges it). */
  min: number;
  max: number;
  /** Slider steps of this size (linear), or evenly in log space (log). */
  scale: 'linear' | 'log';
  step: number;
  /** Integers only on the slider. */
  integer?: boolean;
  /** Shown only for these patterns. */
  patterns?: readonly Pattern[];
  /** What an empty box means for a nullable lever (its value is shown in the box's placeholder). */
  auto?: string;
  help: string;
  /** Scenario paths (as config/validate.ts formats them) whose issues belong here; a prefix matches deeper paths. */
  paths: readonly string[];
}

export const LEVERS: readonly Lever[] = [
  { field: 'rate_rps', label: 'Arrival rate', unit: 'req/s', group: 'traffic', min: 1, max: 5000, scale: 'log', step: 1, help: 'Requests sent per second, on average over the run.', paths: ['traffic.arrivals.rate_rps', 'traffic.arrivals.mean_rate_rps', 'traffic.arrivals.states[0]', 'traffic.arrivals.states'] },
  { field: 'burst_ratio', label: 'Burst ratio', unit: '×', group: 'traffic', min: 1, max: 20, scale: 'linear', step: 0.5, patterns: ['mmpp'], help: 'How much faster requests come during a burst than in the calm between bursts (same average).', paths: ['traffic.arrivals.states[1]'] },
  { field: 'amplitude', label: 'Daily swing', unit: '±', group: 'traffic', min: 0, max: 1, scale: 'linear', step: 0.05, patterns: ['diurnal'], help: 'The rate swings by this fraction around its mean: 0.6 peaks at 1.6× and falls to 0.4×.', paths: ['traffic.arrivals.amplitude'] },
  { field: 'max_batch_size', label: 'Max batch size', unit: 'items', group: 'batching', min: 1, max: 64, scale: 'log', step: 1, integer: true, help: 'An instance runs up to this many requests in one forward pass: cheaper per item, slower per batch.', paths: ['candidates[0].batching.max_batch_size', 'candidates[0].batching.preferred_batch_sizes'] },
  { field: 'max_queue_delay_ms', label: 'Batch window', unit: 'ms', group: 'batching', min: 0, max: 50, scale: 'linear', step: 0.5, help: 'How long the oldest request may wait for a batch to fill before it goes anyway.', paths: ['candidates[0].batching.max_queue_delay_ms'] },
  { field: 'max_queue_size', label: 'Queue cap', unit: 'requests', group: 'batching', min: 1, max: 4096, scale: 'log', step: 1, integer: true, auto: '4 × batch × instances', help: 'Requests a replica lets wait; one more is turned away at once (a drop) rather than waiting forever. Empty: 4 × batch × instances.', paths: ['candidates[0].batching.max_queue_size', 'candidates[0].batching.queue_timeout_ms'] },
  { field: 'instances', label: 'Instances per replica', unit: '', group: 'fleet', min: 1, max: 16, scale: 'linear', step: 1, integer: true, help: 'Model copies in one replica, sharing its queue and its CPU cores.', paths: ['candidates[0].instances'] },
  { field: 'replicas', label: 'Replicas', unit: '', group: 'fleet', min: 1, max: 32, scale: 'linear', step: 1, integer: true, help: 'Identical servers behind a load balancer, each with its own queue; each one is paid for.', paths: ['candidates[0].replicas', 'candidates[0].router'] },
  { field: 'replica_per_hour_usd', label: 'Price per replica', unit: '$/h', group: 'fleet', min: 0, max: 5, scale: 'linear', step: 0.005, help: 'What one replica costs an hour (0.085: a 2-vCPU cloud VM).', paths: ['cost'] },
  { field: 'slo_latency_ms', label: 'SLO latency', unit: 'ms', group: 'run', min: 1, max: 10_000, scale: 'log', step: 1, help: 'The latency target: the SLO is met when this share of requests finish within it.', paths: ['slo.latency_ms', 'slo'] },
  { field: 'duration_s', label: 'Simulated time', unit: 's', group: 'run', min: 10, max: 86_400, scale: 'log', step: 1, help: 'How long the simulated traffic runs. Longer runs take longer to simulate.', paths: ['duration_s'] },
  { field: 'warmup_s', label: 'Warm-up', unit: 's', group: 'run', min: 0, max: 3600, scale: 'linear', step: 1, help: 'Requests sent before this are simulated but left out of the numbers (the queues start empty).', paths: ['warmup_s'] },
  { field: 'seed', label: 'Seed', unit: '', group: 'run', min: 0, max: 100, scale: 'linear', step: 1, integer: true, help: 'The dice: the same seed gives the same run, to the last digit.', paths: ['seed'] },
];

/** The non-numeric controls' ids and the paths they own (the pattern owns what is left of the traffic). */
export const CHOICE_PATHS: Readonly<Record<'profile' | 'arrivals', readonly string[]>> = {
  profile: ['profile'],
  arrivals: ['traffic'],
};

/** True when `path` is `owner` or lies inside it. */
export function pathWithin(path: string, owner: string): boolean {
  return path === owner || path.startsWith(`${owner}.`) || path.startsWith(`${owner}[`);
}

/** The control that owns a scenario path: the one with the longest path containing it (the most specific), else null. */
export function controlFor(path: string): string | null {
  const owners: [string, readonly string[]][] = [...LEVERS.map((l): [string, readonly string[]] => [l.field, l.paths]), ...Object.entries(CHOICE_PATHS)];
  let best: { id: string; length: number } | null = null;
  for (const [id, paths] of owners) {
    for (const p of paths) if (pathWithin(path, p) && (best === null || p.length > best.length)) best = { id, length: p.length };
  }
  return best?.id ?? null;
}

/** A log lever's slider positions run 0..LOG_SLIDER_STEPS, spread evenly over the ratio max/min. */
export const LOG_SLIDER_STEPS = 1000;

/**
 * The range input's own min, max and step. A linear lever's slider holds its value itself, so an
 * arrow key moves it by one step (one replica, half a millisecond); a log lever's holds a position.
 */
export function sliderRange(lever: Lever): { min: number; max: number; step: number } {
  return lever.scale === 'log' ? { min: 0, max: LOG_SLIDER_STEPS, step: 1 } : { min: lever.min, max: lever.max, step: lever.step };
}

/** The value at a slider position, rounded to the lever's step (an integer lever to whole numbers). */
export function leverValueAt(lever: Lever, position: number): number {
  const raw = lever.scale === 'log' ? lever.min * (lever.max / lever.min) ** Math.min(1, Math.max(0, position / LOG_SLIDER_STEPS)) : position;
  const stepped = Math.round(raw / lever.step) * lever.step;
  const rounded = lever.integer ? Math.round(stepped) : Number(stepped.toPrecision(12));
  return Math.min(lever.max, Math.max(lever.min, rounded));
}

/** The slider position that shows a value (clamped to the slider's range). */
export function leverPosition(lever: Lever, value: number): number {
  if (!Number.isFinite(value)) return sliderRange(lever).min;
  const v = Math.min(lever.max, Math.max(lever.min, value));
  if (lever.scale === 'linear') return v;
  return Math.round((Math.log(v / lever.min) / Math.log(lever.max / lever.min)) * LOG_SLIDER_STEPS);
}

/**
 * An arrow key on a log lever: one step of the value (batch size 4 → 5, 200 → 201 req/s), not one
 * position, which near the bottom of the range rounds back to the same value. Null for a linear
 * lever, whose slider steps by itself.
 */
export function leverNudge(lever: Lever, value: number, direction: 1 | -1): number | null {
  if (lever.scale !== 'log') return null;
  const next = Math.round(value / lever.step + direction) * lever.step;
  return Math.min(lever.max, Math.max(lever.min, lever.integer ? Math.round(next) : Number(next.toPrecision(12))));
}
