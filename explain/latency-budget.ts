// The latency budget: where a request's mean end-to-end time goes — the network (round trip plus
// payload ÷ bandwidth, per site and tier: edge against cloud), the wait for its batch to fill, the
// wait for a free instance, the forward pass, the serving overhead on the HTTP thread — by formula,
// by simulation and, with a replay, as measured. Means, because means add up and percentiles do not.
// Rendered as a stacked bar by reports/explain-*.ts. Built by explain/explain.ts.
import type { Columns, LatencyBudget } from '../config/explain.js';
import type { Candidate, Link, Scenario } from '../config/scenario.js';
import type { StoredCandidate } from '../config/result.js';
import type { MeasuredFigures } from './measured-figures.js';
import type { PoolContext } from './pools.js';
import { delayMeanMs } from '../config/delay.js';
import { httpWorkMs } from './stations.js';

type Leg = LatencyBudget['network'][number];

/** Round trip and transfer of one link, for a request of `items` items. */
function legOf(site: string | null, tier: Leg['tier'], share: number, link: Pick<Link, 'delay' | 'delay_is' | 'bandwidth_mbps'> | undefined, bytes: number): Leg {
  const delay = link?.delay ? delayMeanMs(link.delay) : 0;
  const rtt = link?.delay_is === 'rtt' ? delay : 2 * delay;
  const transfer = link?.bandwidth_mbps ? (bytes * 8) / (link.bandwidth_mbps * 1000) : 0; // bits / (Mbit/s) in ms
  return { site, tier, share, rtt_ms: rtt, transfer_ms: transfer };
}

export function networkLegs(s: Scenario, candidate: Candidate): Leg[] {
  const k = s.traffic.items_per_request;
  const bytes = k * ((s.network?.request_bytes_per_item ?? 0) + (s.network?.response_bytes_per_item ?? 0));
  const usesEdge = candidate.placement === 'edge_only' || candidate.placement === 'hybrid';
  const usesCloud = candidate.placement !== 'edge_only';
  const cloudDefault = s.network ? { delay: s.network.delay, delay_is: s.network.delay_is, bandwidth_mbps: s.network.bandwidth_mbps } : undefined;
  if (!s.sites) {
    return [...(usesEdge ? [legOf(null, 'edge', 1, undefined, bytes)] : []), ...(usesCloud ? [legOf(null, 'cloud', 1, cloudDefault, bytes)] : [])];
  }
  const total = s.sites.reduce((a, site) => a + site.share, 0);
  return s.sites.flatMap((site) => [
    legOf(site.name, 'edge', site.share / total, site.edge, bytes),
    legOf(site.name, 'cloud', site.share / total, site.cloud ?? cloudDefault, bytes),
  ]);
}

export interface BudgetInputs {
  scenario: Scenario;
  candidate: Candidate;
  result: StoredCandidate;
  /** The pool whose formulas stand for the candidate (the cloud pool when there is one). */
  pool: PoolContext;
  windowWaitMs: number;
  /** The forward pass a request rides in, mean over requests (explain/stations.ts batchMixOf). */
  heldMs: number;
  queueFormulaMs: number | null;
  measured: MeasuredFigures | null;
}

export function latencyBudget(x: BudgetInputs): LatencyBudget {
  const { result: r, pool: p, measured: m } = x;
  const legs = networkLegs(x.scenario, x.candidate);
  const notes: string[] = [];
  const tier: Leg['tier'] | null = x.candidate.placement === 'edge_only' ? 'edge' : x.candidate.placement === 'hybrid' ? null : 'cloud';
  const used = tier === null ? [] : legs.filter((l) => l.tier === tier);
  const networkFormula = tier === null ? null : used.reduce((a, l) => a + l.share * (l.rtt_ms + l.transfer_ms), 0);
  if (tier === null) notes.push("hybrid placement: the network depends on how many requests overflow to the cloud, so only the simulation's mean is shown");
  const split = r.queue_split_ms;
  const recorded = split !== undefined;
  if (!recorded) notes.push('this result does not split the batcher wait (its simulator did not record it): "queue" holds both the wait for the batch to fill and the wait for an instance');
  const http = httpWorkMs(p);
  const parts: LatencyBudget['parts'] = [
    { part: 'network', label: 'network (round trip + payload ÷ bandwidth)', ms: { formula: networkFormula, simulated: r.network_ms.mean, measured: m?.clientMs ?? null } },
    { part: 'batch_wait', label: 'waiting for the batch to fill', ms: { formula: x.windowWaitMs, simulated: recorded ? split.batch_fill_mean : null, measured: null } },
    // With the split, the queue part is the rest of the batcher wait: the wait for an instance, and any wait for a ready replica (an autoscaler's activator).
    { part: 'queue', label: recorded ? 'waiting for a free instance' : 'queue (batch fill + free instance)', ms: { formula: x.queueFormulaMs, simulated: recorded ? Math.max(0, r.queue_ms.mean - split.batch_fill_mean) : r.queue_ms.mean, measured: m?.queueMs ?? null } },
    { part: 'forward_pass', label: 'forward pass (the batch on an instance)', ms: { formula: x.heldMs, simulated: r.compute_ms.mean, measured: m?.computeMs ?? null } },
    { part: 'serving_overhead', label: 'serving overhead (HTTP thread: ingress + egress)', ms: { formula: http === null ? 0 : http - (p.overhead?.deferred_ms ?? 0) / p.live.speed, simulated: r.frontend_ms?.mean ?? 0, measured: m?.httpThreadMs ?? null } },
  ];
  if (recorded) {
    const held = split!.replica_mean;
    if (held > 0.01 * r.queue_ms.mean && held > 1e-6) notes.push(`of the wait for an instance, ${held.toFixed(2)} ms is a wait for a ready replica (requests held while the autoscaler brought one up)`);
  }
  if (x.queueFormulaMs === null) notes.push('no closed form applies to the queue here (see the closed forms), so the formula column has no total');
  if (m && m.queueMs !== null) notes.push('the replay measures the batcher queue as one figure: it sits under "queue"');
  const sum = (pick: (c: Columns) => number | null) => {
    let total = 0;
    for (const part of parts) {
      const v = pick(part.ms);
      if (v === null) return null;
      total += v;
    }
    return total;
  };
  return {
    parts,
    total_ms: { formula: sum((c) => c.formula), simulated: r.latency_ms.mean, measured: m?.latencyMeanMs ?? null },
    network: legs,
    notes,
  };
}
