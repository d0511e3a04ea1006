// The pools a candidate deploys, as the explanation sees them: for each tier (the cloud pool, the
// edge pools taken together as one average pool) the load it was offered, its replicas, instances
// and batcher, the service time the simulator drew from (simulator/fleet/service-time.ts, with the
// serving overhead, edge speed and CPU model it applied) and what the simulation measured of it.
// Everything else in explain/ starts from these. Built by explain/explain.ts.
import type { Batching } from '../config/batching.js';
import type { Candidate, RouterKind } from '../config/scenario.js';
import type { ParametricProfile, Profile } from '../config/profile.js';
import type { ServingOverhead } from '../config/serving-overhead.js';
import type { LatencyStats, StoredCandidate } from '../config/result.js';
import type { LoadedScenario } from '../simulator/scenario/loaded-scenario.js';
import { serviceTimeFor, type ServiceTime } from '../simulator/fleet/service-time.js';
import { scaledServiceTime } from '../simulator/fleet/topology.js';
import type { ArrivalVariability } from './arrival-variability.js';

/** What the simulation measured of one pool (a tier, or the whole candidate when it has none). */
export interface SimulatedPool {
  /** Requests that arrived in the measured window, per second. */
  arrivedRps: number;
  queue: LatencyStats;
  compute: LatencyStats;
  frontend: LatencyStats | undefined;
  /** Busy share of the ready instances. */
  utilization: number;
  meanBatchItems: number;
  dropRate: number;
  /** Mean busy share of the HTTP threads (only where a frontend was modelled and the figure is per pool). */
  frontendUtilization: number | null;
  /** Batches by size in items (the candidate's, when it has a single pool; null for a tier). */
  histogram: Record<string, number> | null;
  /** The mean wait split by what it waited for, when the simulator recorded it (queue_split_ms). */
  split: QueueSplit | undefined;
}

export interface PoolContext {
  tier: 'cloud' | 'edge';
  label: string;
  /** Identical pools this one stands for (edge: one per site). */
  pools: number;
  /** Ready replicas per pool, time-averaged. */
  replicas: number;
  autoscaled: boolean;
  hybrid: boolean;
  instances: number;
  router: RouterKind;
  batching: Batching;
  itemsPerRequest: number;
  profile: Profile | ParametricProfile;
  /** The instance's hold time per batch, as the simulator draws it. */
  serviceTime: ServiceTime;
  /** The live factors applied to the forward pass: hold = (scale · pass + addMs) / speed. */
  live: { scale: number; addMs: number; speed: number };
  overhead: ServingOverhead | undefined;
  /** The result's CPU figures when the replicas share CPUs (the cloud pool only). */
  cpu: StoredCandidate['cpu'];
  clientCpuMs: number;
  offeredRps: number;
  offeredFrom: string;
  peakRps: number | null;
  sim: SimulatedPool;
}

/** queue_ms's mean split: waiting for a ready replica, for the batch to fill (an instance free), for an instance. */
export type QueueSplit = NonNullable<StoredCandidate['queue_split_ms']>;

/** The result's queue split, where it has one (results of older simulators do not). */
function splitOf(x: object): { split: QueueSplit | undefined } {
  return { split: (x as { queue_split_ms?: QueueSplit }).queue_split_ms };
}

export function poolsOf(loaded: LoadedScenario, candidate: Candidate, r: StoredCandidate, arrivals: ArrivalVariability, measuredS: number): PoolContext[] {
  const s = loaded.scenario;
  const k = s.traffic.items_per_request;
  const sharedCpus = r.cpu !== undefined;
  const cloudTime = serviceTimeFor(loaded.profile, { sharedCpus });
  const cloudOverhead = loaded.profile.serving_overhead;
  const cloudLive = { scale: cloudOverhead ? (sharedCpus ? 1 : cloudOverhead.compute_scale) : 1, addMs: cloudOverhead?.per_batch_ms ?? 0, speed: 1 };
  const hybrid = candidate.placement === 'hybrid';
  const base = {
    autoscaled: candidate.autoscaler !== undefined,
    hybrid,
    itemsPerRequest: k,
    clientCpuMs: s.client?.cpu_ms_per_request ?? 0,
  };
  const offered = (arrived: number) => ({ offeredRps: arrived / measuredS, offeredFrom: 'the requests that arrived at this tier in the simulation', peakRps: null });
  const pools: PoolContext[] = [];

  const tiers = r.tiers;
  if (!tiers || tiers.cloud) {
    const t = tiers?.cloud;
    const nominal = !tiers && arrivals.meanRps !== null;
    const replicas = t ? t.replicas.mean : (r.replicas?.mean ?? candidate.replicas);
    pools.push({
      ...base,
      tier: 'cloud',
      label: tiers ? 'cloud pool' : 'replicas',
      pools: 1,
      replicas: candidate.autoscaler ? replicas : candidate.replicas,
      instances: candidate.instances,
      router: candidate.router,
      batching: candidate.batching,
      profile: loaded.profile,
      serviceTime: cloudTime,
      live: cloudLive,
      overhead: cloudOverhead,
      cpu: r.cpu,
      ...(nominal ? { offeredRps: arrivals.meanRps!, offeredFrom: `the scenario's ${arrivals.kind} traffic`, peakRps: arrivals.peakRps } : offered(t ? t.requests.arrived : r.requests.arrived)),
      sim: {
        arrivedRps: (t ? t.requests.arrived : r.requests.arrived) / measuredS,
        queue: t ? t.queue_ms : r.queue_ms,
        compute: t ? t.compute_ms : r.compute_ms,
        frontend: t ? t.frontend_ms : r.frontend_ms,
        utilization: t ? t.utilization : r.utilization,
        meanBatchItems: t ? t.mean_batch_size : r.mean_batch_size,
        dropRate: dropRate(t ? t.requests : r.requests),
        frontendUtilization: !tiers && r.frontend_utilization && r.frontend_utilization.length > 0 ? mean(r.frontend_utilization) : null,
        histogram: tiers ? null : r.batch_size_histogram,
        ...splitOf(t ?? r),
      },
    });
  }
  if (tiers?.edge && candidate.edge) {
    const t = tiers.edge;
    const edge = candidate.edge;
    const own = edgeProfile(loaded, candidate);
    const speed = own === null ? (edge.speed_factor ?? 1) : 1;
    const profile = own ?? loaded.profile;
    const overhead = own === null ? cloudOverhead : own.serving_overhead;
    const serviceTime = own === null ? scaledServiceTime(cloudTime, speed) : serviceTimeFor(own);
    const live = own === null ? { ...cloudLive, speed } : { scale: overhead?.compute_scale ?? 1, addMs: overhead?.per_batch_ms ?? 0, speed: 1 };
    const poolCount = Math.max(1, t.pools);
    pools.push({
      ...base,
      tier: 'edge',
      label: `edge pools (${poolCount}, one per site; an average pool)`,
      pools: poolCount,
      replicas: t.replicas.mean / poolCount,
      autoscaled: false,
      instances: edge.instances,
      router: edge.router,
      batching: edge.batching ?? candidate.batching,
      profile,
      serviceTime,
      live,
      overhead,
      cpu: undefined,
      clientCpuMs: 0,
      ...offered(t.requests.arrived),
      sim: {
        arrivedRps: t.requests.arrived / measuredS,
        queue: t.queue_ms,
        compute: t.compute_ms,
        frontend: t.frontend_ms,
        utilization: t.utilization,
        meanBatchItems: t.mean_batch_size,
        dropRate: dropRate(t.requests),
        frontendUtilization: null,
        histogram: null,
        ...splitOf(t),
      },
    });
  }
  return pools;
}

function dropRate(q: { arrived: number; dropped: number }): number {
  return q.arrived > 0 ? q.dropped / q.arrived : 0;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, x) => a + x, 0) / xs.length;
}

/** The edge's own profile, or null when it runs the cloud's at speed_factor (as simulator/simulate.ts decides). */
function edgeProfile(loaded: LoadedScenario, candidate: Candidate): Profile | ParametricProfile | null {
  const p = candidate.edge?.profile;
  if (p === undefined) return null;
  if (!('file' in p)) return p;
  return loaded.profiles?.[p.file] ?? null;
}
