// Turns one candidate's MetricsRecorder into its entry of servetwin.result/v1: percentiles from the
// HDR histograms, rates over the measured window, SLO attainment with drops counted as misses, and
// numbers rounded so the JSON reads well and stays byte-identical for the same inputs.
import type { Candidate, Slo } from '../../config/scenario.js';
import type { CandidateResult, LatencyStats } from '../result.js';
import type { MetricsRecorder } from './recorder.js';
import type { LatencySummary } from './histogram.js';

/** Rounds to `digits` decimals (ms values keep 0.1 µs), turning -0 into 0. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  const v = Math.round(x * f) / f;
  return v === 0 ? 0 : v;
}

function stats(s: LatencySummary): LatencyStats {
  return { mean: round(s.mean), p50: round(s.p50), p90: round(s.p90), p99: round(s.p99), p999: round(s.p999), max: round(s.max) };
}

export function summarize(candidate: Candidate, m: MetricsRecorder, slo: Slo): CandidateResult {
  const measuredS = (m.endMs - m.warmupMs) / 1000;
  const dropped = m.dropped;
  const judged = m.completed + dropped + m.inFlightLate;
  const attainment = judged === 0 ? 1 : m.withinSlo / judged;
  const histogram: Record<string, number> = {};
  m.batchSizes.forEach((count, size) => {
    if (count > 0) histogram[String(size)] = count;
  });
  const instanceUtil = Array.from(m.busyMs, (busy) => round(busy / (measuredS * 1000), 6));
  const totalBusy = m.busyMs.reduce((a, b) => a + b, 0);
  return {
    name: candidate.name,
    config: { replicas: candidate.replicas, instances: candidate.instances, router: candidate.router, batching: candidate.batching },
    requests: { arrived: m.arrived, completed: m.completed, dropped, in_flight: m.inFlight },
    completed: m.completed,
    dropped,
    dropped_by_reason: { queue_full: m.droppedQueueFull, timeout: m.droppedTimeout, too_large: m.droppedTooLarge },
    in_flight: m.inFlight,
    throughput_rps: round(m.completed / measuredS),
    latency_ms: stats(m.latency.summary()),
    queue_ms: stats(m.queue.summary()),
    compute_ms: stats(m.compute.summary()),
    network_ms: stats(m.network.summary()),
    slo_attainment: round(attainment, 6),
    drop_rate: round(m.arrived === 0 ? 0 : dropped / m.arrived, 6),
    latency_at_slo_percentile_ms: round(m.latency.percentile(slo.percentile)),
    slo_met: attainment >= slo.percentile / 100 && (m.arrived === 0 ? 0 : dropped / m.arrived) <= slo.max_drop_rate,
    mean_batch_size: round(m.batches === 0 ? 0 : m.batchItems / m.batches),
    batch_size_histogram: histogram,
    batches: m.batches,
    utilization: round(totalBusy / (measuredS * 1000 * m.busyMs.length), 6),
    instance_utilization: instanceUtil,
    replica_seconds: round(candidate.replicas * measuredS),
    timeseries: m.series.toJson((x) => round(x)),
  };
}
