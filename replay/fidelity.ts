// Measured beside predicted: the servetwin.fidelity/v2 report of one replay — the simulator's
// figures for the candidate, what the generator and the server's /metrics measured over the same
// arrivals, and the signed error (measured − predicted) / predicted of each; where the engines and
// the generator ran (pinned or sharing cores) and whether the run is valid for fidelity. Also the
// terminal table. Built by replay/run-replay.ts from a CandidateResult, a SendReport and ServerFigures.
// v2 adds `placement`, `generator.cpu_ms_per_request` and `valid_for_fidelity` to v1; nothing reads
// stored reports back.
import type { Candidate } from '../config/scenario.js';
import type { CandidateResult } from '../config/result.js';
import type { ServingOverhead } from '../config/serving-overhead.js';
import { describeOverhead, type OverheadSamples } from './overhead.js';
import type { LatencyFigures, Outcomes, SendReport } from './sender.js';
import type { ServerFigures } from './server-metrics.js';
import type { HostLoad } from './host-load.js';
import type { Placement } from './placement.js';
import { formatCpuList } from '../common/cpu-list.js';

export const FIDELITY_SCHEMA_ID = 'servetwin.fidelity/v2';

/** The figures compared, on both sides. */
export interface FidelityFigures {
  latency_ms: { mean: number; p50: number; p90: number; p99: number };
  throughput_rps: number;
  mean_batch_size: number;
  /** Requests dropped (503/429 when measured) over requests sent in the measured window. */
  drop_rate: number;
  /** Mean wait in the batcher queue per request (server side), ms. */
  queue_ms: number;
  /**
   * Mean time the batch each request rode in held its instance, ms: predicted, the drawn service
   * time (with a serving overhead, scale · forward pass + per batch); measured, Server-Timing's
   * `instance` (the forward pass plus the round trip to the worker), else /metrics' forward pass.
   */
  compute_ms: number;
}

export const ERROR_KEYS = ['p50', 'p90', 'p99', 'mean', 'throughput_rps', 'mean_batch_size', 'drop_rate', 'queue_ms', 'compute_ms'] as const;
export type ErrorKey = (typeof ERROR_KEYS)[number];

export interface FidelityReport {
  schema: typeof FIDELITY_SCHEMA_ID;
  scenario: { name: string; file: string | null; seed: number; duration_s: number; warmup_s: number; traffic: string; profile: string };
  candidate: Candidate;
  target: string;
  model: string;
  protocol: string;
  predicted: FidelityFigures;
  measured: FidelityFigures;
  /** (measured − predicted) / predicted, signed; null where the prediction is 0. */
  error: Record<ErrorKey, number | null>;
  /** Latency from the actual send rather than the scheduled time (what a closed-loop tool reports). */
  measured_service_latency_ms: LatencyFigures;
  requests: { sent: number; measured: number; outcomes: Outcomes; statuses: Record<string, number>; errors: string[] };
  /**
   * The load generator: its lag behind the schedule (actual − scheduled send), the p99 lag over
   * which the run is invalid for fidelity, whether it passed it, and its CPU per request.
   */
  generator: { lag_ms: LatencyFigures; max_lag_ms: number; behind: boolean; cpu_ms_per_request: number };
  /** Where the engines and the generator ran, and what of it the prediction modelled. */
  placement: Placement;
  /** False when the generator fell behind its schedule: the figures are reported, but do not judge the twin. */
  valid_for_fidelity: boolean;
  /** The server's own figures over the measured window (null when /metrics could not be read). */
  server: ServerFigures | null;
  /** CPU cores busy during the measured window: all, the generator, the engine (if replay started it), the rest. */
  host: HostLoad | null;
  /** The engine's overhead beyond the forward pass that the prediction included, if any (replay/overhead.ts). */
  overhead: ServingOverhead | null;
  /** Where a request's time went, mean ms per part, on both sides (null parts: not modelled or not measured). */
  breakdown: Breakdown;
  notes: string[];
}

/** Mean ms per request of each part of its path. */
export interface BreakdownSide {
  /** Outside the server: the client's HTTP work, its lag, the link (predicted: the network legs). */
  client: number | null;
  /** On the HTTP thread: ingress + egress, waits for the thread included. */
  http_thread: number | null;
  /** In the batcher queue. */
  queue: number | null;
  /** Holding an instance: the forward pass and the round trip to the worker. */
  instance: number | null;
  /** Share of the time the HTTP thread was busy (predicted: ingress and egress; measured: Node's event-loop utilisation, all its work). */
  http_thread_busy: number | null;
}

export interface Breakdown {
  predicted: BreakdownSide;
  measured: BreakdownSide;
  /** Successful measured requests whose answer carried the engine's Server-Timing. */
  timed_requests: number;
}

const mean = (xs: readonly number[]): number | null => (xs.length > 0 ? xs.reduce((a, x) => a + x, 0) / xs.length : null);

/** What the simulator predicted for each part of a request's path. */
export function predictedBreakdown(c: CandidateResult): BreakdownSide {
  return {
    client: c.network_ms.mean,
    http_thread: c.frontend_ms ? c.frontend_ms.mean : null,
    queue: c.queue_ms.mean,
    instance: c.compute_ms.mean,
    http_thread_busy: c.frontend_utilization ? (mean(c.frontend_utilization) ?? 0) : null,
  };
}

/**
 * What the replay measured for each part, from its answers' Server-Timing and the engines' /metrics
 * over `windowMs`; `threads` HTTP threads (one per engine) share the busy time, as the prediction's
 * mean over replicas.
 */
export function measuredBreakdown(s: OverheadSamples, server: ServerFigures | null, windowMs: number, threads = 1): BreakdownSide {
  return {
    client: mean(s.client),
    http_thread: mean(s.ingress.map((x, i) => x + s.egress[i]!)),
    queue: mean(s.queue),
    instance: mean(s.instance),
    http_thread_busy: server && server.event_loop_busy_ms > 0 && windowMs > 0 ? server.event_loop_busy_ms / windowMs / threads : null,
  };
}

export function predictedFigures(c: CandidateResult): FidelityFigures {
  return {
    latency_ms: { mean: c.latency_ms.mean, p50: c.latency_ms.p50, p90: c.latency_ms.p90, p99: c.latency_ms.p99 },
    throughput_rps: c.throughput_rps,
    mean_batch_size: c.mean_batch_size,
    drop_rate: c.requests.arrived > 0 ? c.requests.dropped / c.requests.arrived : 0,
    queue_ms: c.queue_ms.mean,
    compute_ms: c.compute_ms.mean,
  };
}

export function measuredFigures(sent: SendReport, server: ServerFigures | null, s: OverheadSamples): FidelityFigures {
  const l = sent.latencyMs;
  return {
    latency_ms: { mean: l.mean, p50: l.p50, p90: l.p90, p99: l.p99 },
    throughput_rps: sent.throughputRps,
    mean_batch_size: server?.mean_batch_size ?? Number.NaN,
    drop_rate: sent.measured > 0 ? sent.outcomes.rejected / sent.measured : 0,
    queue_ms: server?.queue_ms ?? Number.NaN,
    compute_ms: mean(s.instance) ?? server?.compute_ms ?? Number.NaN,
  };
}

function flat(f: FidelityFigures): Record<ErrorKey, number> {
  return { ...f.latency_ms, throughput_rps: f.throughput_rps, mean_batch_size: f.mean_batch_size, drop_rate: f.drop_rate, queue_ms: f.queue_ms, compute_ms: f.compute_ms };
}

export function fidelityErrors(predicted: FidelityFigures, measured: FidelityFigures): Record<ErrorKey, number | null> {
  const p = flat(predicted);
  const m = flat(measured);
  const out = {} as Record<ErrorKey, number | null>;
  for (const k of ERROR_KEYS) out[k] = p[k] > 0 && Number.isFinite(m[k]) ? (m[k] - p[k]) / p[k] : null;
  return out;
}

const ROWS: { key: ErrorKey; label: string; format: (v: number) => string }[] = [
  { key: 'p50', label: 'latency p50 (ms)', format: (v) => v.toFixed(2) },
  { key: 'p90', label: 'latency p90 (ms)', format: (v) => v.toFixed(2) },
  { key: 'p99', label: 'latency p99 (ms)', format: (v) => v.toFixed(2) },
  { key: 'mean', label: 'latency mean (ms)', format: (v) => v.toFixed(2) },
  { key: 'throughput_rps', label: 'throughput (rps)', format: (v) => v.toFixed(1) },
  { key: 'mean_batch_size', label: 'mean batch size', format: (v) => v.toFixed(2) },
  { key: 'drop_rate', label: 'drop rate', format: (v) => `${(v * 100).toFixed(2)}%` },
  { key: 'queue_ms', label: 'server queue (ms)', format: (v) => v.toFixed(2) },
  { key: 'compute_ms', label: 'instance (ms)', format: (v) => v.toFixed(2) },
];

export function formatError(e: number | null): string {
  if (e === null) return '—';
  return `${e >= 0 ? '+' : '−'}${(Math.abs(e) * 100).toFixed(1)}%`;
}

/** The side-by-side table a person reads after a replay. */
export function formatFidelity(r: FidelityReport): string {
  const p = flat(r.predicted);
  const m = flat(r.measured);
  const show = (row: (typeof ROWS)[number], v: number) => (Number.isFinite(v) ? row.format(v) : 'n/a');
  const lines = [
    `${r.scenario.name} · candidate ${r.candidate.name} → ${r.target} (${r.protocol}, ${r.requests.measured} measured of ${r.requests.sent} requests, ${r.scenario.duration_s} s, seed ${r.scenario.seed})`,
    `${''.padEnd(20)}${'predicted'.padStart(11)}${'measured'.padStart(11)}${'error'.padStart(9)}`,
    ...ROWS.map((row) => `${row.label.padEnd(20)}${show(row, p[row.key]).padStart(11)}${show(row, m[row.key]).padStart(11)}${formatError(r.error[row.key]).padStart(9)}`),
  ];
  const o = r.requests.outcomes;
  lines.push(
    `outcomes: ${o.ok} ok, ${o.rejected} rejected (503/429), ${o.client_error} other 4xx, ${o.server_error} other 5xx, ${o.error} transport errors, ${o.timeout} timeouts`,
  );
  const lag = r.generator.lag_ms;
  lines.push(
    `generator lag (actual − scheduled send): p50 ${lag.p50.toFixed(2)} ms, p99 ${lag.p99.toFixed(2)} ms, max ${lag.max.toFixed(2)} ms; CPU ${r.generator.cpu_ms_per_request.toFixed(3)} ms per request`,
  );
  lines.push(describePlacement(r.placement));
  lines.push(
    r.valid_for_fidelity
      ? `valid for fidelity: yes (generator p99 lag ${lag.p99.toFixed(2)} ms ≤ ${r.generator.max_lag_ms.toFixed(2)} ms)`
      : `valid for fidelity: NO — the generator fell behind (p99 lag ${lag.p99.toFixed(2)} ms > ${r.generator.max_lag_ms.toFixed(2)} ms); the figures above include its lag`,
  );
  const b = r.breakdown;
  if (b.timed_requests > 0) {
    const cell = (v: number | null, percent = false) => (v === null ? 'not modelled' : percent ? `${(v * 100).toFixed(1)}%` : v.toFixed(2)).padStart(13);
    lines.push(`where the time went (mean ms, from ${b.timed_requests} answers' Server-Timing)`, `${''.padEnd(20)}${'predicted'.padStart(13)}${'measured'.padStart(13)}`);
    for (const [key, label] of [['client', 'client and link'], ['http_thread', 'HTTP thread'], ['queue', 'batcher queue'], ['instance', 'instance']] as const) {
      lines.push(`${label.padEnd(20)}${cell(b.predicted[key])}${cell(b.measured[key])}`);
    }
    lines.push(`${'HTTP thread busy'.padEnd(20)}${cell(b.predicted.http_thread_busy, true)}${cell(b.measured.http_thread_busy, true)}`);
  }
  if (r.overhead) lines.push(`prediction includes the engine's overhead: ${describeOverhead(r.overhead)}`);
  for (const note of r.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}


/** One line: pinned or sharing, each side's cores, and what the prediction made of it. */
export function describePlacement(p: Placement): string {
  const list = (cpus: number[] | null) => (cpus === null ? 'unknown cores' : `core${cpus.length === 1 ? '' : 's'} ${formatCpuList(cpus)} (${cpus.length})`);
  const engines = p.engines.length === 1 ? `the engine on ${list(p.engines[0]!.cpus)}` : `${p.engines.length} engines on ${p.engines.map((e) => list(e.cpus)).join(', ')}`;
  const cores = p.engine_cores === null ? '' : `; ${p.engine_cores} core(s) per replica in the prediction`;
  const client = p.client_in_prediction ? `; the generator's ${p.generator_cpu_ms_per_request.toFixed(3)} ms CPU per request in the prediction as a co-located consumer` : '';
  return `${p.pinned ? 'pinned' : 'not pinned'}: ${engines}, the generator on ${list(p.generator_cpus)}${cores}${client}`;
}
