// What a candidate deploys, as pools: without `placement` one pool (the candidate's replicas,
// fixed or autoscaled); with it a cloud pool (the candidate's own fields) and/or one edge pool per
// site (the `edge` section: its own profile, or the cloud profile slowed by speed_factor). A pool
// whose profile has a serving overhead gets a frontend per replica (frontend.ts). Pool order is
// fixed — the cloud first, then the edge pools in site order — so traces and streams name the same
// pool on every run. Built by simulate.ts, turned into live pools by run.ts.
import type { Candidate, Placement } from '../../config/scenario.js';
import type { AutoscalerConfig, Provisioning } from '../../config/autoscaler.js';
import type { ServiceTime } from './service-time.js';
import type { ServingOverhead } from '../../config/serving-overhead.js';
import type { PoolSpec } from './pool.js';
import { frontendSpec } from './frontend.js';
import { afterIdleOf } from './after-idle.js';
import type { CpuModel } from './host-cpu.js';
import type { Sites } from '../scenario/sites.js';

export interface PoolPlan {
  spec: PoolSpec;
  /** Replicas at the start when there is no autoscaler. */
  replicas: number;
  autoscaler?: AutoscalerConfig;
  provisioning?: Provisioning;
  /** Outages as [start, end) in ms. */
  outages: Array<{ startMs: number; endMs: number }>;
}

export interface Topology {
  pools: PoolPlan[];
  /** null: the one pool takes every request. */
  placement: { kind: Placement; threshold: number } | null;
  /** Results split per tier (the candidate has a placement). */
  tiered: boolean;
}

/** A service time slowed down by `factor` (speed relative to the profile): times divided by it. */
export function scaledServiceTime(base: ServiceTime, speed: number): ServiceTime {
  if (speed === 1) return base;
  return {
    sample: (items, u) => base.sample(items, u) / speed,
    mean: (items) => base.mean(items) / speed,
    coldStartMs: base.coldStartMs / speed,
    maxMeasuredBatch: base.maxMeasuredBatch,
    extrapolation: `${base.extrapolation}; divided by speed_factor ${speed}`,
  };
}

/** The serving overheads of the profiles a candidate's pools run (none: no frontend is modelled). */
export interface ServingOverheads {
  cloud?: ServingOverhead;
  edge?: ServingOverhead;
  /** The edge runs the cloud's profile at this speed (its overhead's draws are divided by it too). */
  edgeSpeed?: number;
}

/** How a tier's replicas use CPUs (cpu-model.ts): the model (null: a core per consumer) and each instance's threads. */
export interface PoolCpus {
  model: CpuModel | null;
  intraOpThreads: number;
}

/** A candidate's CPUs: the cloud's, the edge's, and a co-located load generator's CPU per request (0: none). */
export interface CandidateCpus {
  cloud: PoolCpus;
  edge: PoolCpus;
  clientCpuMs: number;
}

const NO_CPU_MODEL: CandidateCpus = { cloud: { model: null, intraOpThreads: 1 }, edge: { model: null, intraOpThreads: 1 }, clientCpuMs: 0 };

export function topologyOf(
  candidate: Candidate,
  cloudTime: ServiceTime,
  edgeTime: ServiceTime | null,
  sites: Sites | null,
  servingOverheads: ServingOverheads = {},
  cpus: CandidateCpus = NO_CPU_MODEL,
): Topology {
  const placement = candidate.placement;
  const cloud: PoolPlan = {
    spec: {
      tier: 'cloud',
      site: -1,
      label: 'cloud',
      instances: candidate.instances,
      batching: candidate.batching,
      router: candidate.router,
      serviceTime: cloudTime,
      routerStream: 'router',
      serviceStreamPrefix: 'service:replica-',
      frontend: frontendSpec(servingOverheads.cloud, 'frontend:replica-'),
      cpu: cpus.cloud.model,
      intraOpThreads: cpus.cloud.intraOpThreads,
      clientCpuMs: cpus.clientCpuMs,
      afterIdle: afterIdleOf(servingOverheads.cloud, cpus.cloud.model),
    },
    replicas: candidate.replicas,
    ...(candidate.autoscaler ? { autoscaler: candidate.autoscaler } : {}),
    ...(candidate.provisioning ? { provisioning: candidate.provisioning } : {}),
    outages: [],
  };
  if (placement === undefined) return { pools: [cloud], placement: null, tiered: false };

  const pools: PoolPlan[] = placement === 'edge_only' ? [] : [cloud];
  const edge = candidate.edge;
  let threshold = 0;
  if (placement !== 'cloud_only' && edge && sites && edgeTime) {
    const batching = edge.batching ?? candidate.batching;
    threshold = edge.overflow_queue_threshold ?? batching.max_batch_size;
    sites.names.forEach((name, site) => {
      const entry = sites.entryNames[sites.entryOf[site]!]!;
      pools.push({
        spec: {
          tier: 'edge',
          site,
          label: `edge:${name}`,
          instances: edge.instances,
          batching,
          router: edge.router,
          serviceTime: edgeTime,
          routerStream: `router:edge:${name}`,
          serviceStreamPrefix: `service:edge:${name}:replica-`,
          frontend: frontendSpec(servingOverheads.edge, `frontend:edge:${name}:replica-`, servingOverheads.edgeSpeed ?? 1),
          cpu: cpus.edge.model,
          intraOpThreads: cpus.edge.intraOpThreads,
          clientCpuMs: 0,
          afterIdle: afterIdleOf(servingOverheads.edge, cpus.edge.model, servingOverheads.edgeSpeed ?? 1),
        },
        replicas: edge.replicas,
        outages: (edge.outages ?? [])
          .filter((o) => o.sites === undefined || o.sites.includes(entry))
          .map((o) => ({ startMs: o.at_s * 1000, endMs: (o.at_s + o.duration_s) * 1000 })),
      });
    });
  }
  return { pools, placement: { kind: placement, threshold }, tiered: true };
}
