// Why a candidate breaks at the edge of its capacity, by one stated rule (ATTRIBUTION_RULE): drops
// when they alone break the SLO, else the largest part of the time spent by the requests slower
// than the SLO. Reads one run's trace (simulator/core/run-trace.ts): each late request's time is
// cut into network, waiting for a ready replica, the HTTP thread, waiting in the batcher while an
// instance was free (batch wait) or while every instance of its replica was busy (queueing for an
// instance), and the forward pass. Under an autoscaler, waiting for a replica or an instance counts
// as scale-up lag while the autoscaler has asked for more replicas than are ready, and as max
// replicas reached once the ready count is at its maximum. Run by planner/sweep-task.ts for
// planner/capacity.ts, at the first level above the edge, on a seed that failed there.
import type { Candidate, Slo } from '../config/scenario.js';
import type { CandidateResult } from '../config/result.js';
import type { BREAK_REASON_IDS } from '../config/capacity.js';
import type { BatchRecord, ReplicaRecord, RequestRecord, RunTrace, ScaleRecord } from '../simulator/core/run-trace.js';

export type BreakReason = (typeof BREAK_REASON_IDS)[number];
/** The parts a late request's time is cut into (every reason but drops). */
export type TimePart = Exclude<BreakReason, 'drops'>;
const PARTS: readonly TimePart[] = ['network', 'scale_up', 'max_replicas', 'http_thread', 'batch_wait', 'instance_queue', 'compute'];

export const REASON_TEXT: Record<BreakReason, string> = {
  instance_queue: 'queueing for an instance',
  batch_wait: 'batch wait',
  http_thread: 'the HTTP thread',
  network: 'network',
  drops: 'drops',
  scale_up: 'scale-up lag or cold start',
  max_replicas: 'max replicas reached',
  compute: 'the forward pass',
};

export const ATTRIBUTION_RULE =
  'at the first level above the edge, on the first seed that fails there: drops, when more requests were dropped than the SLO allows; otherwise the largest share of the time spent by the requests slower than the SLO latency (those still in flight past it included), cut into network, the HTTP thread (ingress and egress with their waits), batch wait (in the batcher while an instance of its replica was free), queueing for an instance (every instance of its replica busy) and the forward pass; under an autoscaler, waiting for a ready replica or an instance counts as scale-up lag or cold start while it had asked for more replicas than were ready, and as max replicas reached once the ready count was at its maximum';

export interface Attribution {
  reason: BreakReason;
  /** One sentence for people: the reason and the figure behind it. */
  text: string;
  /** Requests slower than the SLO (in flight past it included) whose time was cut up. */
  late_requests: number;
  /** Share of their summed time in each part (0..1, summing to 1 when there are any). */
  shares: Record<TimePart, number>;
}

/** Collects what the rule needs from one run: late requests, every batch, replicas, scaling decisions. */
export class AttributionTrace implements RunTrace {
  readonly late: RequestRecord[] = [];
  readonly batches: BatchRecord[] = [];
  readonly replicas: ReplicaRecord[] = [];
  readonly scales: ScaleRecord[] = [];

  constructor(
    private readonly warmupMs: number,
    private readonly endMs: number,
    private readonly sloMs: number,
  ) {}

  onRequest(r: RequestRecord): void {
    if (r.sendMs < this.warmupMs) return;
    const end = r.outcome === 'completed' ? r.doneMs : r.outcome === 'in_flight' ? this.endMs : -1;
    if (end >= 0 && end - r.sendMs > this.sloMs) this.late.push(r);
  }
  onBatch(b: BatchRecord): void {
    this.batches.push(b);
  }
  onReplica(r: ReplicaRecord): void {
    this.replicas.push(r);
  }
  onScale(s: ScaleRecord): void {
    this.scales.push(s);
  }
}

/** The most replicas the candidate's autoscaler may run (Infinity without a limit or an autoscaler). */
function maxReplicas(candidate: Candidate): number {
  const a = candidate.autoscaler;
  if (!a) return Number.POSITIVE_INFINITY;
  if (a.kind === 'hpa' || a.kind === 'ray_serve') return a.max_replicas;
  if (a.kind === 'kpa') return a.max_scale > 0 ? a.max_scale : Number.POSITIVE_INFINITY;
  return Number.POSITIVE_INFINITY;
}

/** Time in [a, b] covered by sorted, disjoint intervals. */
function overlap(intervals: readonly [number, number][], a: number, b: number): number {
  let lo = 0;
  let hi = intervals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid]![1] <= a) lo = mid + 1;
    else hi = mid;
  }
  let total = 0;
  for (let i = lo; i < intervals.length && intervals[i]![0] < b; i++) total += Math.max(0, Math.min(b, intervals[i]![1]) - Math.max(a, intervals[i]![0]));
  return total;
}

/** Per replica (pool:replica), the intervals when every one of its instances was running a batch. */
function allBusyIntervals(batches: readonly BatchRecord[], instancesOf: (pool: number) => number, endMs: number): Map<string, [number, number][]> {
  const events = new Map<string, [number, number][]>();
  for (const b of batches) {
    const key = `${b.pool}:${b.replica}`;
    let list = events.get(key);
    if (!list) events.set(key, (list = []));
    list.push([b.startMs, 1], [b.endMs < 0 ? endMs : b.endMs, -1]);
  }
  const out = new Map<string, [number, number][]>();
  for (const [key, list] of events) {
    const instances = instancesOf(Number(key.split(':')[0]));
    list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const intervals: [number, number][] = [];
    let busy = 0;
    let openedAt = -1;
    for (const [t, d] of list) {
      busy += d;
      if (busy >= instances && openedAt < 0) openedAt = t;
      else if (busy < instances && openedAt >= 0) {
        if (t > openedAt) intervals.push([openedAt, t]);
        openedAt = -1;
      }
    }
    if (openedAt >= 0) intervals.push([openedAt, endMs]);
    out.set(key, intervals);
  }
  return out;
}

/** The cloud pool's state at a time: replicas ready, and whether the autoscaler wanted more than that. */
class PoolState {
  private readonly scales: ScaleRecord[];
  constructor(
    private readonly replicas: readonly ReplicaRecord[],
    scales: readonly ScaleRecord[],
  ) {
    this.scales = scales.filter((s) => s.pool === 0).sort((a, b) => a.atMs - b.atMs);
  }
  readyAt(t: number): number {
    let n = 0;
    for (const r of this.replicas) {
      if (r.pool !== 0 || r.readyMs < 0 || r.readyMs > t) continue;
      const leftAt = r.drainMs >= 0 ? r.drainMs : r.goneMs;
      if (leftAt < 0 || leftAt > t) n++;
    }
    return n;
  }
  startingAt(t: number): number {
    let n = 0;
    for (const r of this.replicas) {
      if (r.pool !== 0 || r.createdMs > t) continue;
      const stillStarting = r.readyMs < 0 ? r.goneMs < 0 || r.goneMs > t : r.readyMs > t;
      if (stillStarting) n++;
    }
    return n;
  }
  desiredAt(t: number): number | null {
    let found: number | null = null;
    for (const s of this.scales) {
      if (s.atMs > t) break;
      found = s.desired;
    }
    return found;
  }
}

export interface AttributionContext {
  candidate: Candidate;
  slo: Slo;
  warmupMs: number;
  endMs: number;
}

/** The rule applied to one run: `result` is its summary, `trace` what it recorded. */
export function attribute(trace: AttributionTrace, result: CandidateResult, ctx: AttributionContext): Attribution {
  const shares = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<TimePart, number>;
  const dropRate = result.drop_rate;
  if (dropRate > ctx.slo.max_drop_rate) {
    const by = Object.entries(result.dropped_by_reason).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${why.replace('_', ' ')}`);
    return {
      reason: 'drops',
      text: `drops: ${(dropRate * 100).toFixed(2)} % of requests were dropped (${by.join(', ') || 'none'}), more than the ${(ctx.slo.max_drop_rate * 100).toFixed(2)} % the SLO allows`,
      late_requests: trace.late.length,
      shares,
    };
  }
  const sums = cutLateRequests(trace, ctx);
  const total = PARTS.reduce((s, p) => s + sums[p], 0);
  for (const p of PARTS) shares[p] = total > 0 ? sums[p] / total : 0;
  if (trace.late.length === 0 || total <= 0) {
    return { reason: 'compute', text: 'no request was slower than the SLO on this run; it missed the SLO on drops or requests in flight', late_requests: 0, shares };
  }
  const reason = PARTS.reduce((best, p) => (sums[p] > sums[best] ? p : best), PARTS[0]!);
  const max = maxReplicas(ctx.candidate);
  const detail = reason === 'max_replicas' ? ` (${max} replicas)` : '';
  return {
    reason,
    text: `${REASON_TEXT[reason]}${detail}: ${(shares[reason] * 100).toFixed(0)} % of the time of the ${trace.late.length} requests slower than ${ctx.slo.latency_ms} ms`,
    late_requests: trace.late.length,
    shares,
  };
}

/** Each part's time summed over the late requests. */
function cutLateRequests(trace: AttributionTrace, ctx: AttributionContext): Record<TimePart, number> {
  const sums = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<TimePart, number>;
  const { candidate, endMs } = ctx;
  const instancesOf = (pool: number) => (pool === 0 ? candidate.instances : (candidate.edge?.instances ?? 1));
  const busy = allBusyIntervals(trace.batches, instancesOf, endMs);
  const lateIds = new Set(trace.late.map((r) => r.id));
  const batchEnd = new Map<number, number>();
  for (const b of trace.batches) for (const id of b.requestIds) if (lateIds.has(id)) batchEnd.set(id, b.endMs < 0 ? endMs : b.endMs);
  const scaled = candidate.autoscaler !== undefined;
  const pool = new PoolState(trace.replicas, trace.scales);
  const max = maxReplicas(candidate);
  // Waiting under an autoscaler: its lag while it wants more than is ready, its limit once at the maximum.
  const waitPart = (r: RequestRecord, t: number, fallback: TimePart): TimePart => {
    if (!scaled || r.pool !== 0) return fallback;
    const ready = pool.readyAt(t);
    if (ready >= max) return 'max_replicas';
    const desired = pool.desiredAt(t);
    if (pool.startingAt(t) > 0 || (desired !== null && desired > ready) || ready === 0) return 'scale_up';
    return fallback;
  };
  for (const r of trace.late) {
    const done = r.outcome === 'completed' ? r.doneMs : endMs;
    const reached = r.queuedMs >= 0 ? r.queuedMs : done;
    const netOut = reached - r.sendMs;
    sums.network += netOut;
    if (r.queuedMs < 0) continue;
    const routed = r.routedMs >= 0 ? r.routedMs : done;
    sums[waitPart(r, r.queuedMs, 'scale_up')] += routed - r.queuedMs;
    if (r.routedMs < 0) continue;
    const batched = r.batchedMs !== undefined && r.batchedMs >= 0 ? r.batchedMs : r.batchedMs === undefined ? routed : done;
    sums.http_thread += batched - routed;
    if (r.batchedMs !== undefined && r.batchedMs < 0) continue;
    const started = r.dispatchMs >= 0 ? r.dispatchMs : done;
    const allBusy = overlap(busy.get(`${r.pool}:${r.replica}`) ?? [], batched, started);
    sums[waitPart(r, batched, 'instance_queue')] += allBusy;
    sums.batch_wait += started - batched - allBusy;
    if (r.dispatchMs < 0) continue;
    const ended = Math.min(batchEnd.get(r.id) ?? done, done);
    sums.compute += ended - started;
    // After the batch: the return leg, and with an HTTP thread the egress before it. The return leg
    // is not traced; it is taken to be as long as the way out (exact for a round-trip delay).
    const after = done - ended;
    const back = r.batchedMs === undefined ? after : Math.min(after, netOut);
    sums.network += back;
    sums.http_thread += after - back;
  }
  return sums;
}
