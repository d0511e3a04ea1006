// The shape of `servetwin simulate --json` (schema servetwin.result/v1): scenario info and one entry
// per candidate. Plain JSON data (structured-cloneable), free of timestamps and host names, so the
// same scenario and seed give byte-identical files. Issue 4 adds cost, frontier and recommendation.
import type { Batching } from '../config/batching.js';
import type { RouterKind, Slo } from '../config/scenario.js';
import type { LatencySummary } from './metrics/histogram.js';
import type { TimeSeries } from './metrics/timeseries.js';

export const RESULT_SCHEMA_ID = 'servetwin.result/v1';

/** mean (exact), p50/p90/p99/p999 (HDR, 3 significant digits) and max (exact), in ms. */
export type LatencyStats = LatencySummary;

export interface CandidateResult {
  name: string;
  config: { replicas: number; instances: number; router: RouterKind; batching: Batching };
  /** Requests sent after the warm-up: arrived = completed + dropped + in_flight. */
  requests: { arrived: number; completed: number; dropped: number; in_flight: number };
  completed: number;
  dropped: number;
  dropped_by_reason: { queue_full: number; timeout: number; too_large: number };
  /** Measured requests not finished at the end of the run (queued, executing or on the wire). */
  in_flight: number;
  /** Completed requests per second over the measured window. */
  throughput_rps: number;
  latency_ms: LatencyStats;
  queue_ms: LatencyStats;
  compute_ms: LatencyStats;
  network_ms: LatencyStats;
  /**
   * Completed within slo.latency_ms, over completed + dropped + in-flight requests already older
   * than the SLO at the end (drops and certain misses count against it; the rest of the in-flight
   * requests are left out, their outcome being unknown).
   */
  slo_attainment: number;
  /** Dropped / arrived over the measured window. */
  drop_rate: number;
  /** Completed requests' latency at the SLO's percentile (e.g. p99 for percentile 99), ms. */
  latency_at_slo_percentile_ms: number;
  /** slo_attainment >= slo.percentile / 100 and drop_rate <= slo.max_drop_rate. */
  slo_met: boolean;
  mean_batch_size: number;
  /** Batches started after the warm-up, by size in items (sizes never used are left out). */
  batch_size_histogram: Record<string, number>;
  batches: number;
  /** Mean busy fraction of all instances over the measured window. */
  utilization: number;
  /** Busy fraction of each instance, replica-major (replica 0's instances first). */
  instance_utilization: number[];
  /** Replicas × seconds of the measured window. */
  replica_seconds: number;
  timeseries: TimeSeries;
}

export interface SimulationResult {
  schema: typeof RESULT_SCHEMA_ID;
  scenario: {
    name: string;
    /** The scenario file as it was named on the command line (null when built in memory). */
    file: string | null;
    seed: number;
    duration_s: number;
    warmup_s: number;
    measured_s: number;
    slo: Slo;
    traffic: string;
    profile: { kind: string; source: string; extrapolation: string };
  };
  candidates: CandidateResult[];
}
