// Load and stations: every station a request passes in one replica — its instances, its HTTP
// thread (a second, single-server station once the profile has a measured serving overhead), and
// the CPUs its threads share (where the simulator models them) — with the busy time a request
// costs each, the capacity that gives one replica, and the utilisation ρ by formula beside the
// simulated (and measured) one. The station with the highest ρ is the bottleneck; at ρ ≥ 1 the
// queue before it grows without bound. Built by explain/explain.ts for each pool.
import type { Station } from '../config/explain.js';
import { delayMeanMs } from '../config/delay.js';
import type { MeasuredFigures } from './measured-figures.js';
import type { PoolContext } from './pools.js';

export interface Stations {
  stations: Station[];
  bottleneck: { station: string; utilization: number; stable: boolean };
}

/** HTTP-thread time per request: ingress + egress + the deferred work after each egress (ms). */
export function httpWorkMs(p: PoolContext): number | null {
  const o = p.overhead;
  if (!o) return null;
  return (delayMeanMs(o.ingress_ms) + delayMeanMs(o.egress_ms) + (o.deferred_ms ?? 0)) / p.live.speed;
}

/** The batch sizes the instances ran, and what they cost a request. */
export interface BatchMix {
  /** Mean batch, items. */
  meanItems: number;
  /** Instance time per request: Σ batches' S(b) / requests served. */
  instanceMsPerRequest: number;
  /** The forward pass a request rides in, averaged over requests: Σ n_b · b · S(b) / Σ n_b · b. */
  heldMsPerRequest: number;
  /** How the mix was obtained. */
  from: string;
}

/**
 * The batch mix from the simulation's histogram of batch sizes when there is one, else batches all
 * of `fallbackItems` (the tier's mean batch, or the window's expectation when nothing ran).
 */
export function batchMixOf(p: PoolContext, fallbackItems: number): BatchMix {
  const k = p.itemsPerRequest;
  const h = Object.entries(p.sim.histogram ?? {}).map(([b, n]) => ({ b: Number(b), n }));
  const items = h.reduce((a, x) => a + x.n * x.b, 0);
  if (items > 0) {
    const time = h.reduce((a, x) => a + x.n * p.serviceTime.mean(x.b), 0);
    const weighted = h.reduce((a, x) => a + x.n * x.b * p.serviceTime.mean(x.b), 0);
    const batches = h.reduce((a, x) => a + x.n, 0);
    return { meanItems: items / batches, instanceMsPerRequest: (time * k) / items, heldMsPerRequest: weighted / items, from: `the simulation's ${fmt(batches)} batches (mean ${fmt(items / batches)} items)` };
  }
  const b = Math.max(fallbackItems, k);
  const s = p.serviceTime.mean(b);
  return { meanItems: b, instanceMsPerRequest: (k * s) / b, heldMsPerRequest: s, from: `batches of ${fmt(b)} items` };
}

export function stationsOf(p: PoolContext, mix: BatchMix, measured: MeasuredFigures | null): Stations {
  const lambda = perReplicaRps(p);
  const instanceMs = mix.instanceMsPerRequest; // instance time one request costs
  const stations: Station[] = [];
  const capacity = (servers: number, workMs: number) => (workMs > 0 ? (servers * 1000) / workMs : null);
  stations.push({
    name: 'instances',
    label: `instances (${p.instances} per replica)`,
    servers: p.instances,
    work_ms_per_request: instanceMs,
    capacity_rps: capacity(p.instances, instanceMs),
    utilization: { formula: (lambda * instanceMs) / (1000 * p.instances), simulated: p.sim.utilization, measured: null },
    note: `S(b) summed over ${mix.from}, per request served${p.cpu ? '; S is the work alone on a core: the shared CPUs stretch it under load' : ''}`,
  });
  const http = httpWorkMs(p);
  if (http !== null) {
    stations.push({
      name: 'http_thread',
      label: 'HTTP thread (1 per replica)',
      servers: 1,
      work_ms_per_request: http,
      capacity_rps: capacity(1, http),
      utilization: { formula: (lambda * http) / 1000, simulated: p.sim.frontendUtilization, measured: p.tier === 'cloud' ? (measured?.httpThreadBusy ?? null) : null },
      note: 'ingress + egress + deferred work per request, from the profile’s serving_overhead; served one at a time, first come first served',
    });
  }
  if (p.cpu) {
    const cpu = p.cpu;
    const threadsOther = (http !== null ? 1 : 0) + (p.clientCpuMs > 0 ? 1 : 0);
    const intraOp = Math.max(1, (cpu.threads - threadsOther) / p.instances);
    const work = instanceMs * intraOp + (http ?? 0) + p.clientCpuMs;
    stations.push({
      name: 'cpus',
      label: `CPUs (${fmt(cpu.cpus)} cores per replica, ${cpu.threads} threads)`,
      servers: cpu.cpus,
      work_ms_per_request: work,
      capacity_rps: capacity(cpu.cpus, work),
      utilization: { formula: (lambda * work) / (1000 * cpu.cpus), simulated: cpu.busy_threads_mean / cpu.cpus, measured: null },
      note: `core time per request: the forward pass on ${fmt(intraOp)} thread(s)${http !== null ? ' + the HTTP thread' : ''}${p.clientCpuMs > 0 ? ' + the load generator' : ''}; ${cpu.oversubscribed ? `oversubscribed (${cpu.threads} threads on ${fmt(cpu.cpus)} cores): when all are busy each runs at up to ${fmt(cpu.slowdown_max)}× its time` : 'never more threads than cores'}`,
    });
  }
  const top = stations.reduce((a, s) => ((s.utilization.formula ?? 0) > (a.utilization.formula ?? 0) ? s : a));
  const rho = top.utilization.formula ?? 0;
  return { stations, bottleneck: { station: top.name, utilization: rho, stable: rho < 1 } };
}

/** λ per replica, requests per second. */
export function perReplicaRps(p: PoolContext): number {
  const replicas = p.replicas > 0 ? p.replicas : 1;
  return p.offeredRps / p.pools / replicas;
}

function fmt(x: number): string {
  return String(+x.toPrecision(3));
}
