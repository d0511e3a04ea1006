// Turns one candidate's run into its entry of servetwin.result/v1: percentiles from the HDR
// histograms, rates over the measured window, SLO attainment with drops counted as misses, replica
// counts and billing from the fleet, per-tier results and usage for pricing, the HTTP thread's part
// when a frontend was modelled, and numbers rounded so the JSON reads well and stays byte-identical
// for the same inputs.
import type { Candidate, Site, Slo } from '../config/scenario.js';
import type { AutoscalingSummary, CandidateResult, LatencyStats, ReplicaSummary, SiteResult, TierResult, Usage } from '../config/result.js';
import type { MetricsRecorder } from './fleet/metrics/recorder.js';
import type { LatencySummary } from './fleet/metrics/histogram.js';
import type { CandidateRun } from './run.js';
import type { FleetStats } from './fleet/metrics/fleet-stats.js';
import type { Tier } from './fleet/pool.js';

/** Rounds to `digits` decimals (ms values keep 0.1 µs), turning -0 into 0. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  const v = Math.round(x * f) / f;
  return v === 0 ? 0 : v;
}

function stats(s: LatencySummary): LatencyStats {
  return { mean: round(s.mean), p50: round(s.p50), p90: round(s.p90), p99: round(s.p99), p999: round(s.p999), max: round(s.max) };
}

/** The mean wait split by what it waited for (the three add up to queue_ms.mean). */
function queueSplit(m: MetricsRecorder): CandidateResult['queue_split_ms'] {
  if (m.completed === 0) return { replica_mean: 0, batch_fill_mean: 0, instance_mean: 0 };
  const batchFill = m.batchWaitSumMs / m.completed;
  const instance = m.instanceWaitSumMs / m.completed;
  const queue = m.queue.summary().mean;
  return { replica_mean: round(Math.max(0, queue - batchFill - instance)), batch_fill_mean: round(batchFill), instance_mean: round(instance) };
}

function attainment(m: MetricsRecorder): number {
  const judged = m.completed + m.dropped + m.inFlightLate;
  return judged === 0 ? 1 : m.withinSlo / judged;
}

function replicaSummary(f: FleetStats): ReplicaSummary {
  return { min: f.ready.min, max: f.ready.max, mean: round(f.ready.mean(), 6) };
}

function usage(m: MetricsRecorder, f: FleetStats, responseBytesPerItem: number): Usage {
  return {
    window_s: (m.endMs - m.warmupMs) / 1000,
    replica_seconds: round(f.billed.area() / 1000),
    busy_instance_seconds: round(m.busyTotalMs / 1000),
    requests: m.arrived,
    completed: m.completed,
    egress_bytes: m.completedItems * responseBytesPerItem,
  };
}

/** Busy share of the ready instances: against all instances when none came or went (exactly as before autoscaling). */
function utilization(m: MetricsRecorder, f: FleetStats, fixed: boolean): number {
  if (fixed) {
    const measuredS = (m.endMs - m.warmupMs) / 1000;
    return m.instanceCount === 0 ? 0 : m.busyTotalMs / (measuredS * 1000 * m.instanceCount);
  }
  const available = f.readyInstances.area();
  return available > 0 ? m.busyTotalMs / available : 0;
}

function tierResult(run: CandidateRun, tier: Tier, m: MetricsRecorder, responseBytesPerItem: number): TierResult {
  const f = run.ledger.tiers[tier];
  const measuredS = (m.endMs - m.warmupMs) / 1000;
  return {
    pools: run.pools.filter((p) => p.tier === tier).length,
    requests: { arrived: m.arrived, completed: m.completed, dropped: m.dropped, in_flight: m.inFlight },
    dropped_by_reason: { queue_full: m.droppedQueueFull, timeout: m.droppedTimeout, too_large: m.droppedTooLarge },
    throughput_rps: round(m.completed / measuredS),
    latency_ms: stats(m.latency.summary()),
    queue_ms: stats(m.queue.summary()),
    compute_ms: stats(m.compute.summary()),
    network_ms: stats(m.network.summary()),
    ...(m.withFrontend ? { frontend_ms: stats(m.frontend.summary()) } : {}),
    slo_attainment: round(attainment(m), 6),
    mean_batch_size: round(m.batches === 0 ? 0 : m.batchItems / m.batches),
    batches: m.batches,
    utilization: round(utilization(m, f, false), 6),
    replica_seconds: round(f.billed.area() / 1000),
    replicas: replicaSummary(f),
    usage: usage(m, f, responseBytesPerItem),
  };
}

/** Busy fraction of each replica slot's HTTP thread, pools with a frontend in pool order. */
function frontendUtilization(run: CandidateRun, measuredS: number): number[] {
  const out: number[] = [];
  for (const pool of run.pools) {
    if (pool.frontend === null) continue;
    for (let s = 0; s < pool.count; s++) {
      const busy = pool.frontendBusyMs[s]! + (pool.slots[s]?.frontendBusyMs ?? 0);
      out.push(round(busy / (measuredS * 1000), 6));
    }
  }
  return out;
}

/** How the cloud pool's replicas used their shared CPUs (only with a CPU model). */
function cpuSummary(run: CandidateRun): CandidateResult['cpu'] {
  const pool = run.pools.find((p) => p.tier === 'cloud');
  if (pool === undefined || pool.cpu === null) return undefined;
  const threads = pool.instances * pool.intraOpThreads + (pool.frontend !== null ? 1 : 0) + (pool.clientCpuMs > 0 ? 1 : 0);
  let busy = pool.cpuBusyThreadMs;
  for (const replica of pool.live) busy += replica.host!.busyThreadMs;
  const readyMs = run.ledger.tiers.cloud.ready.area();
  return {
    cpus: pool.cpu.cpus,
    threads,
    oversubscribed: threads > pool.cpu.cpus,
    busy_threads_mean: round(readyMs > 0 ? busy / readyMs : 0, 6),
    slowdown_max: round(pool.cpu.slowdown(threads), 6),
  };
}

function autoscalingSummary(run: CandidateRun): AutoscalingSummary | undefined {
  const scaled = run.pools.filter((p) => p.scaler !== null);
  if (scaled.length === 0) return undefined;
  const sum = (f: (s: NonNullable<(typeof scaled)[number]['scaler']>) => number): number => scaled.reduce((acc, p) => acc + f(p.scaler!), 0);
  const kpa = scaled.find((p) => p.scaler!.reportsPanic)?.scaler;
  return {
    kind: scaled.map((p) => p.scaler!.policy.kind).join('+'),
    scale_ups: sum((s) => s.scaleUps),
    scale_downs: sum((s) => s.scaleDowns),
    replicas_started: run.fleet.started,
    replicas_stopped: run.fleet.stopped,
    max_desired: sum((s) => s.maxDesired),
    held_requests: run.metrics.held,
    ...(kpa ? { panic_fraction: round(kpa.panic.mean(), 6), activator_fraction: round(kpa.activator.mean(), 6) } : {}),
  };
}

function siteResults(run: CandidateRun, sites: readonly Site[]): SiteResult[] {
  return run.siteMetrics!.map((s, e) => ({
    name: sites[e]!.name,
    count: sites[e]!.count,
    requests: s.arrived,
    edge_share: round(s.arrived === 0 ? 0 : s.atEdge / s.arrived, 6),
    latency_ms: stats(s.latency.summary()),
  }));
}

export function summarize(candidate: Candidate, run: CandidateRun, slo: Slo, responseBytesPerItem: number, sites: readonly Site[] = []): CandidateResult {
  const m = run.metrics;
  const measuredS = (m.endMs - m.warmupMs) / 1000;
  const dropped = m.dropped;
  const reached = attainment(m);
  const histogram: Record<string, number> = {};
  m.batchSizes.forEach((count, size) => {
    if (count > 0) histogram[String(size)] = count;
  });
  const instanceUtil = Array.from(m.busyMs.subarray(0, m.instanceCount), (busy) => round(busy / (measuredS * 1000), 6));
  const dropRate = m.arrived === 0 ? 0 : dropped / m.arrived;
  const scaling = autoscalingSummary(run);
  const cpu = cpuSummary(run);
  const tiers: NonNullable<CandidateResult['tiers']> = {};
  if (run.tierMetrics.edge) tiers.edge = tierResult(run, 'edge', run.tierMetrics.edge, responseBytesPerItem);
  if (run.tierMetrics.cloud) tiers.cloud = tierResult(run, 'cloud', run.tierMetrics.cloud, responseBytesPerItem);
  const cloud = run.pools[0]!;
  return {
    name: candidate.name,
    config: {
      replicas: cloud.tier === 'cloud' && cloud.scaler ? cloud.scaler.policy.initialReplicas : candidate.replicas,
      instances: candidate.instances,
      router: candidate.router,
      batching: candidate.batching,
      ...(candidate.autoscaler ? { autoscaler: candidate.autoscaler } : {}),
      ...(candidate.provisioning ? { provisioning: candidate.provisioning } : {}),
      ...(candidate.placement ? { placement: candidate.placement } : {}),
      ...(candidate.edge && candidate.placement && candidate.placement !== 'cloud_only' ? { edge: candidate.edge } : {}),
    },
    requests: { arrived: m.arrived, completed: m.completed, dropped, in_flight: m.inFlight },
    completed: m.completed,
    dropped,
    dropped_by_reason: { queue_full: m.droppedQueueFull, timeout: m.droppedTimeout, too_large: m.droppedTooLarge },
    in_flight: m.inFlight,
    throughput_rps: round(m.completed / measuredS),
    latency_ms: stats(m.latency.summary()),
    queue_ms: stats(m.queue.summary()),
    queue_split_ms: queueSplit(m),
    compute_ms: stats(m.compute.summary()),
    network_ms: stats(m.network.summary()),
    ...(m.withFrontend ? { frontend_ms: stats(m.frontend.summary()), frontend_utilization: frontendUtilization(run, measuredS) } : {}),
    ...(cpu ? { cpu } : {}),
    slo_attainment: round(reached, 6),
    drop_rate: round(dropRate, 6),
    latency_at_slo_percentile_ms: round(m.latency.percentile(slo.percentile)),
    slo_met: reached >= slo.percentile / 100 && dropRate <= slo.max_drop_rate,
    mean_batch_size: round(m.batches === 0 ? 0 : m.batchItems / m.batches),
    batch_size_histogram: histogram,
    batches: m.batches,
    utilization: round(utilization(m, run.ledger.total, run.fixed), 6),
    instance_utilization: instanceUtil,
    replica_seconds: round(run.ledger.total.billed.area() / 1000),
    replicas: replicaSummary(run.ledger.total),
    scaling_events: scaling ? scaling.scale_ups + scaling.scale_downs : 0,
    usage: usage(m, run.ledger.total, responseBytesPerItem),
    ...(scaling ? { autoscaling: scaling } : {}),
    ...(run.tierMetrics.edge || run.tierMetrics.cloud ? { tiers } : {}),
    ...(run.siteMetrics ? { sites: siteResults(run, sites) } : {}),
    timeseries: m.series.toJson((x) => round(x)),
  };
}
