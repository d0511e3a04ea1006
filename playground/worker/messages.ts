// What the page and the simulation worker say to each other (structured-cloned plain data): the
// page sends a scenario to run; the worker answers with progress and partial figures while a long
// run goes on, then the simulator's result or the error that stopped it.
import type { ParametricProfile, Profile } from '../../config/profile.js';
import type { SimulationResult } from '../../config/result.js';

export interface Job {
  id: number;
  /** The scenario as written (scenario-of-settings.ts); the worker validates it again. */
  scenario: Record<string, unknown>;
  /** The profile a `profile: { file }` scenario names (bundled or loaded by the reader); null for an inline one. */
  profile: Profile | ParametricProfile | null;
}

/**
 * `warm` runs a small job only to let the JavaScript engine compile the simulator's hot code;
 * nothing is answered. `cancel` hands over, where the page may share memory (a cross-origin
 * isolated page), a cell the page writes a job id into: that job and every earlier one stop at
 * their next check, a few milliseconds later, and the worker stays warm.
 */
export type ToWorker = { type: 'run'; job: Job } | { type: 'warm'; job: Job } | { type: 'cancel'; cell: SharedArrayBuffer };

/** Latency by when requests were sent, in buckets of bucket_s: what the result's time series lacks. */
export interface OverTime {
  bucket_s: number;
  t_s: number[];
  /** Per bucket, of the requests sent in it that completed (null: none did); ±0.5 % (log bins). */
  p50_ms: (number | null)[];
  p99_ms: (number | null)[];
}

/** What a run shows before it ends: how far it got, and the latency so far. */
export interface SoFar {
  simulated_s: number;
  duration_s: number;
  completed: number;
  dropped: number;
  /** Over the requests measured so far (after the warm-up), ±0.5 %; null before any completed. */
  p50_ms: number | null;
  p90_ms: number | null;
  p99_ms: number | null;
  overTime: OverTime;
}

export type FromWorker =
  | { type: 'progress'; id: number; partial: SoFar }
  | { type: 'done'; id: number; result: SimulationResult; overTime: OverTime; wallMs: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'cancelled'; id: number };
