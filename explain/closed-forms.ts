// Closed forms beside the simulation: one replica's batcher queue solved by Erlang C (M/M/c),
// Pollaczek–Khinchine (M/G/1) and Allen–Cunneen (G/G/c), each with its assumptions named and the
// ones this candidate breaks listed. Some breaks leave a formula as a reference (the service SCV is
// not 1, a round-robin router smooths the arrivals); others remove its model altogether, and then
// the formula gives no number and says why: batching (a request's service is its batch's),
// autoscaling (no fixed c), non-stationary or correlated arrivals (a burst is not a high SCV), ρ ≥ 1
// (no steady state), an unknown SCV. Built by explain/explain.ts for each pool.
import type { ClosedForm, ClosedForms } from '../config/explain.js';
import { mmc } from './erlang-c.js';
import { mg1 } from './pollaczek-khinchine.js';
import { ggc } from './allen-cunneen.js';
import type { ArrivalVariability } from './arrival-variability.js';
import type { MeasuredFigures } from './measured-figures.js';
import type { PoolContext } from './pools.js';
import { serviceMoments } from './service-moments.js';
import { perReplicaRps } from './stations.js';

export const SOURCES = {
  erlang_c: 'Erlang C: Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory, 4th ed. (2008), M/M/c',
  pollaczek_khinchine: 'Pollaczek–Khinchine: Kleinrock, Queueing Systems vol. 1 (1975), M/G/1',
  allen_cunneen: 'Allen–Cunneen: Allen, Probability, Statistics, and Queueing Theory, 2nd ed. (1990), G/G/c',
} as const;

/** Share of requests dropped above which the formulas' unbounded queue is called broken. */
const DROP_BOUND = 0.01;

/** How far an SCV may sit from 1 and still count as "exponential" / "Poisson". */
const SCV_SLACK = 0.05;

export function closedFormsOf(p: PoolContext, arrivals: ArrivalVariability, measured: MeasuredFigures | null): ClosedForms {
  const c = p.instances;
  const lambda = perReplicaRps(p); // per second
  const k = p.itemsPerRequest;
  const moments = serviceMoments(p.profile, p.serviceTime, k, p.live);
  const s = moments.meanMs;
  const rho = (lambda * s) / 1000 / c;
  const split = arrivalsAtOneReplica(p, arrivals);
  const cs2 = moments.scv;

  // Breaks that remove every formula's model.
  const structural: string[] = [];
  const limit = Math.floor(Math.min(p.batching.max_batch_size, ...(p.batching.preferred_batch_sizes ?? [])) / k);
  if (limit >= 2) structural.push(`batching: up to ${limit} requests share a batch (the simulation's mean batch was ${fmt(p.sim.meanBatchItems)} items), so a request's service time is its batch's, not its own`);
  if (p.autoscaled) structural.push(`autoscaling: the replica count changes over time (mean ${fmt(p.replicas)}), so there is no fixed queue to solve`);
  if (p.hybrid) structural.push('hybrid placement: requests overflow between the edge and the cloud by queue length, so neither pool sees a simple stream');
  if (arrivals.correlated && arrivals.kind !== 'trace') structural.push(arrivals.note);
  if (rho >= 1 && limit < 2) structural.push(`ρ = ${fmt(rho)} ≥ 1: the instances cannot keep up, the queue grows until requests are dropped, and there is no steady state`);

  // Breaks that leave a formula as a reference.
  const shared: string[] = [];
  if (split.stateDependent) shared.push(`the ${p.router} router sends each request by the replicas' queue lengths, so a replica's arrivals depend on its state (each replica is solved as its own queue fed λ/${fmt(p.replicas)})`);
  if (p.overhead) shared.push("the HTTP thread is a second station in tandem (ingress before the batcher, egress after): its time is outside these formulas (see stations and the latency budget)");
  if (p.cpu) shared.push(`the instances share ${fmt(p.cpu.cpus)} core(s) with the replica's other threads: service slows as more run at once`);
  if (p.sim.dropRate > DROP_BOUND) shared.push(`${pct(p.sim.dropRate)} of requests were dropped (queue bound or timeout): the formulas' queue has no bound`);
  const notPoisson = split.ca2 === null ? `the arrivals are not a renewal stream (${arrivals.kind})` : Math.abs(split.ca2 - 1) > SCV_SLACK ? `arrivals at a replica have Ca² = ${fmt(split.ca2)}, not 1 (${split.why})` : null;
  const notExponential = cs2 === null ? `the service SCV is unknown (${moments.scvNote})` : Math.abs(cs2 - 1) > SCV_SLACK ? `the service time has Cs² = ${fmt(cs2)}, not 1` : null;

  const forms: ClosedForm[] = [];
  const make = (formula: ClosedForm['formula'], model: string, assumptions: string[], broken: string[], blockers: string[], value: () => { pWait: number | null; wait: number; sojourn: number } | null): ClosedForm => {
    const applicable = blockers.length === 0;
    const v = applicable ? value() : null;
    return {
      formula,
      model,
      source: SOURCES[formula],
      assumptions,
      broken: applicable ? broken : [...blockers, ...broken],
      applicable,
      why_empty: applicable ? (v === null ? 'no steady state' : null) : `not applicable: ${blockers.join('; ')}`,
      p_wait: v?.pWait ?? null,
      wait_ms: v?.wait ?? null,
      sojourn_ms: v?.sojourn ?? null,
    };
  };
  const perMs = lambda / 1000;

  forms.push(
    make(
      'erlang_c',
      `M/M/${c}`,
      ['Poisson arrivals (Ca² = 1)', 'exponential service (Cs² = 1)', `${c} identical server(s) sharing one FIFO queue`, 'no bound on the queue'],
      [notPoisson, notExponential, ...shared].filter((x): x is string => x !== null),
      structural,
      () => {
        const m = mmc(perMs, s, c);
        return m && { pWait: m.pWait, wait: m.wait, sojourn: m.sojourn };
      },
    ),
  );
  const pkBlockers = [...structural];
  if (c > 1) pkBlockers.push(`P–K is for one server, and a replica has ${c} instances`);
  if (cs2 === null) pkBlockers.push(`it needs the service SCV, and ${moments.scvNote}`);
  forms.push(
    make(
      'pollaczek_khinchine',
      'M/G/1',
      ['Poisson arrivals (Ca² = 1)', 'any service distribution with a known SCV', 'one server', 'no bound on the queue'],
      [notPoisson, ...shared].filter((x): x is string => x !== null),
      pkBlockers,
      () => {
        const m = mg1(perMs, s, cs2!);
        return m && { pWait: null, wait: m.wait, sojourn: m.sojourn };
      },
    ),
  );
  const acBlockers = [...structural];
  if (cs2 === null) acBlockers.push(`it needs the service SCV, and ${moments.scvNote}`);
  if (split.ca2 === null) acBlockers.push(`it needs the arrivals' SCV, and ${arrivals.kind} arrivals have none that means anything`);
  const acBroken = [...shared];
  if (arrivals.kind === 'trace') acBroken.push(arrivals.note);
  if (cs2 !== null && split.ca2 !== null && c > 1 && (Math.abs(cs2 - 1) > SCV_SLACK || Math.abs(split.ca2 - 1) > SCV_SLACK)) acBroken.push('an approximation, not exact, when c > 1 and the SCVs are not 1 (best in heavy traffic)');
  forms.push(
    make(
      'allen_cunneen',
      `G/G/${c}`,
      ['independent gaps between arrivals with a known SCV Ca²', 'a known service SCV Cs²', `${c} identical server(s) sharing one FIFO queue`, 'no bound on the queue'],
      acBroken,
      acBlockers,
      () => {
        const m = ggc(perMs, s, c, split.ca2!, cs2!);
        return m && { pWait: m.pWait, wait: m.wait, sojourn: m.sojourn };
      },
    ),
  );

  const best = forms.find((f) => f.formula === 'allen_cunneen' && f.wait_ms !== null) ?? forms.find((f) => f.wait_ms !== null);
  return {
    servers: c,
    arrival_rps: lambda,
    service_ms: s,
    utilization: rho,
    ca2: split.ca2,
    cs2,
    index_of_dispersion: arrivals.indexOfDispersion,
    arrivals_note: p.peakRps !== null && p.peakRps > p.offeredRps * 1.01 ? `${split.note}; at the peak rate (${fmt(p.peakRps)}/s) ρ would be ${fmt((((p.peakRps / p.pools / Math.max(1, p.replicas)) * s) / 1000) / c)}${limit >= 2 ? ' if every request ran alone' : ''}` : split.note,
    forms,
    wait_ms: { formula: best?.wait_ms ?? null, simulated: p.sim.queue.mean, measured: p.tier === 'cloud' ? (measured?.queueMs ?? null) : null },
    sojourn_ms: {
      formula: best?.sojourn_ms ?? null,
      simulated: p.sim.queue.mean + p.sim.compute.mean,
      measured: p.tier === 'cloud' && measured?.queueMs != null && measured.computeMs != null ? measured.queueMs + measured.computeMs : null,
    },
  };
}

interface ReplicaArrivals {
  ca2: number | null;
  stateDependent: boolean;
  why: string;
  note: string;
}

/**
 * The arrival stream one replica sees. A Poisson stream split at random stays Poisson; split
 * round-robin over R replicas, each gets every R-th request, gaps that are sums of R independent
 * ones (Erlang-R for Poisson): Ca² / R. Routing by queue length makes the stream depend on the
 * replica's own state, which no formula here models.
 */
function arrivalsAtOneReplica(p: PoolContext, a: ArrivalVariability): ReplicaArrivals {
  const r = p.autoscaled ? 1 : Math.round(p.replicas);
  const base = a.ca2;
  if (r <= 1 || p.pools > 1) return { ca2: base, stateDependent: false, why: 'one replica takes the whole stream', note: a.note };
  if (base === null) return { ca2: null, stateDependent: false, why: '', note: a.note };
  switch (p.router) {
    case 'random':
      return { ca2: base, stateDependent: false, why: 'a random split keeps the gaps independent', note: `${a.note}; split at random over ${r} replicas, each sees the same kind of stream at λ/${r}` };
    case 'round_robin':
      return { ca2: base / r, stateDependent: false, why: `round robin over ${r} replicas: each replica's gaps are sums of ${r} gaps`, note: `${a.note}; round robin over ${r} replicas gives each one every ${r}th request: smoother gaps, Ca² = ${fmt(base / r)}` };
    default:
      return { ca2: base, stateDependent: true, why: 'routed by queue length', note: `${a.note}; ${p.router} routing by queue length over ${r} replicas` };
  }
}

function fmt(x: number): string {
  return String(+x.toPrecision(3));
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
