// What the page and the simulation worker say to each other (structured-cloned plain data): the
// page sends a job — one or more runs, the first watched for the timelines, the rest (other seeds,
// the other side of an A/B pair) for their figures only; the worker answers with progress and
// partial figures while the first run goes on, each run's result as it ends, then that it is done,
// or the error that stopped it.
import type { ParametricProfile, Profile } from '../../config/profile.js';
import type { SimulationResult } from '../../config/result.js';

export interface Run {
  /** The scenario as written (scenario-of-settings.ts); the worker validates it again. */
  scenario: Record<string, unknown>;
  /** The profile a `profile: { file }` scenario names (bundled or loaded by the reader); null for an inline one. */
  profile: Profile | ParametricProfile | null;
  /** Runs on this seed instead of the scenario's (the spread over seeds); absent: the scenario's. */
  seed?: number;
  /** Watch every request and scaling decision for the timelines (costs about half the run again). */
  watch: boolean;
}

export interface Job {
  id: number;
  runs: Run[];
  /** Search the load the first run's configuration takes (knee-search.ts) instead of running the runs. */
  knee?: boolean;
}

/** One level of the knee search: the load it offered and how the run fared. */
export interface Probe {
  /** The load multiplier. */
  level: number;
  /** Requests sent per second over the measured window. */
  offered_rps: number;
  p99_ms: number;
  drop_rate: number;
  slo_met: boolean;
  wall_ms: number;
}

/** How the search ended (planner/capacity-search.ts SearchOutcome, without its list of levels). */
export interface KneeOutcome {
  status: 'found' | 'none' | 'at_bound' | 'non_monotone';
  sustainable: number | null;
  breaks_at: number | null;
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

/** What the autoscaler did, per bucket of bucket_s (scaling-over-time.ts); null without one. */
export interface ScalingOverTime {
  bucket_s: number;
  /** Share of each bucket with the autoscaler in panic (Knative), holding a scale-down back, or delaying a scale-up. */
  panic: number[];
  holding_down: number[];
  delaying_up: number[];
  /** Replicas provisioning (waiting for a node, a container) and loading the model, time-averaged per bucket. */
  provisioning: number[];
  loading: number[];
  /** When replicas added after the start became ready, s. */
  ready_at_s: number[];
  /** Decisions that changed the count asked for, with the policy's reason. */
  changes: { t_s: number; from: number; to: number; reason: string }[];
  cold_start_s: number;
}

/** What a watched run adds to its result. */
export interface Watched {
  overTime: OverTime;
  scaling: ScalingOverTime | null;
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
  /** Run `index` of the job ended; `watched` for a watched run. */
  | { type: 'result'; id: number; index: number; result: SimulationResult; watched: Watched | null; wallMs: number }
  | { type: 'probe'; id: number; probe: Probe }
  | { type: 'knee'; id: number; outcome: KneeOutcome }
  /** Every run of the job ended: the worker is free. */
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'cancelled'; id: number };
