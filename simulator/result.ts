// The shape of `servetwin simulate --json` (schema servetwin.result/v1): scenario info and one entry
// per candidate. Plain JSON data (structured-cloneable), free of timestamps and host names, so the
// same scenario and seed give byte-identical files. The planner (planner/) adds cost, frontier and
// recommendation, pricing each candidate's `usage` (or each tier's, with placement).
import type { Batching } from '../config/batching.js';
import type { AutoscalerConfig, Provisioning } from '../config/autoscaler.js';
import type { Edge, Placement, RouterKind, Slo } from '../config/scenario.js';
import type { LatencySummary } from './fleet/metrics/histogram.js';
import type { TimeSeries } from './fleet/metrics/timeseries.js';

export const RESULT_SCHEMA_ID = 'servetwin.result/v1';

/** mean (exact), p50/p90/p99/p999 (HDR, 3 significant digits) and max (exact), in ms. */
export type LatencyStats = LatencySummary;

/**
 * What a candidate (or one tier of it) used in the measured window, for pricing: the same fields
 * as planner/cost.ts's Usage, which priceRun() takes.
 */
export interface Usage {
  /** Length of the measured window (duration_s − warmup_s), seconds. */
  window_s: number;
  /** Replica-seconds billed in the window: every second a replica existed — provisioning, loading the model, ready or draining. */
  replica_seconds: number;
  /** Instance-seconds spent executing batches in the window (serverless GB-seconds are billed on this). */
  busy_instance_seconds: number;
  /** Requests sent in the window (and placed on this tier). */
  requests: number;
  /** Of those, requests completed before the end of the run. */
  completed: number;
  /** Response bytes sent to clients for them: completed items × network.response_bytes_per_item. */
  egress_bytes: number;
}

/** Replicas ready (serving) over the measured window: fewest, most, time-averaged. */
export interface ReplicaSummary {
  min: number;
  max: number;
  mean: number;
}

/** What a candidate's autoscaler did (present when it has one). */
export interface AutoscalingSummary {
  kind: string;
  /** Decisions in the window that raised / lowered the count asked for (scaling_events = their sum). */
  scale_ups: number;
  scale_downs: number;
  /** Replicas asked for after t = 0, and replicas that went (cancelled while starting or drained), over the whole run. */
  replicas_started: number;
  replicas_stopped: number;
  /** The largest count the autoscaler asked for. */
  max_desired: number;
  /** Measured requests that arrived with no ready replica and waited for one (Knative's activator, Ray's handle queue). */
  held_requests: number;
  /** Knative KPA: share of the window in panic mode, and with the activator in the request path. */
  panic_fraction?: number;
  activator_fraction?: number;
}

/** One tier (edge: all sites' edge pools together; cloud: the shared pool) of a candidate with placement. */
export interface TierResult {
  /** Pools in the tier (one per site for the edge). */
  pools: number;
  requests: { arrived: number; completed: number; dropped: number; in_flight: number };
  dropped_by_reason: { queue_full: number; timeout: number; too_large: number };
  throughput_rps: number;
  latency_ms: LatencyStats;
  queue_ms: LatencyStats;
  compute_ms: LatencyStats;
  network_ms: LatencyStats;
  /** Only when the tier's pools have a frontend: see CandidateResult.frontend_ms. */
  frontend_ms?: LatencyStats;
  slo_attainment: number;
  mean_batch_size: number;
  batches: number;
  /** Busy share of the tier's ready instances over the window. */
  utilization: number;
  replica_seconds: number;
  replicas: ReplicaSummary;
  /** Price this with the tier's cost: `edge.cost` for the edge, the candidate's (or scenario's) `cost` for the cloud. */
  usage: Usage;
}

export interface SiteResult {
  name: string;
  /** Identical sites the entry stands for. */
  count: number;
  requests: number;
  edge_share: number;
  latency_ms: LatencyStats;
}

export interface CandidateResult {
  name: string;
  config: {
    /** Replicas at the start (the autoscaler's initial count when it has one). */
    replicas: number;
    instances: number;
    router: RouterKind;
    batching: Batching;
    autoscaler?: AutoscalerConfig;
    provisioning?: Provisioning;
    placement?: Placement;
    edge?: Edge;
  };
  /** Requests sent after the warm-up: arrived = completed + dropped + in_flight. */
  requests: { arrived: number; completed: number; dropped: number; in_flight: number };
  completed: number;
  dropped: number;
  dropped_by_reason: { queue_full: number; timeout: number; too_large: number };
  /** Measured requests not finished at the end of the run (held, queued, executing or on the wire). */
  in_flight: number;
  /** Completed requests per second over the measured window. */
  throughput_rps: number;
  latency_ms: LatencyStats;
  queue_ms: LatencyStats;
  compute_ms: LatencyStats;
  network_ms: LatencyStats;
  /**
   * Only when some pool's profile has a `serving_overhead` (its presence says a frontend was
   * modelled): time on the replica's HTTP thread, ingress before the batcher plus egress after the
   * batch, each with its wait for the thread. End to end = network + frontend + queue + compute
   * (queue_ms is then the wait in the batcher, plus any wait for a ready replica). Completions in a
   * pool without a frontend count as 0 here. The time series' queue_depth and in_service leave
   * requests on the thread out.
   */
  frontend_ms?: LatencyStats;
  /**
   * Only with a frontend: busy fraction of each replica slot's HTTP thread over the measured window,
   * pools with a frontend in pool order (replicas that come and go share their slot's).
   */
  frontend_utilization?: number[];
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
  /** Busy share of the ready instances over the measured window (all instances, when none comes or goes). */
  utilization: number;
  /** Busy fraction of each instance slot over the window, replica-major (replicas that come and go share their slot's). */
  instance_utilization: number[];
  /** Replica-seconds billed in the measured window, all tiers (= usage.replica_seconds). */
  replica_seconds: number;
  // The next three are always written by this simulator; optional in the type because results
  // written before autoscaling (stored baselines, hand-made fixtures) lack them.
  /** Replicas ready over the measured window, all tiers. */
  replicas?: ReplicaSummary;
  /** Decisions of the autoscaler in the window that changed the count asked for (0 without one). */
  scaling_events?: number;
  /** What the candidate used, for pricing; with tiers the sum of theirs (price `tiers` instead: their prices differ). */
  usage?: Usage;
  autoscaling?: AutoscalingSummary;
  /** With placement: each tier the candidate deploys (edge: every site's pool together). */
  tiers?: { edge?: TierResult; cloud?: TierResult };
  /** When the scenario declares sites: each entry's measured requests, the share served at its edge, and their latency. */
  sites?: SiteResult[];
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
