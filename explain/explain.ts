// The explanation of a simulated scenario, per candidate: load and stations, the closed forms beside
// the simulation, batching arithmetic, Little's law on the simulation's counts, the latency budget,
// the cost arithmetic and why the winner won — and, given a replay's fidelity report, what the live
// engine measured as a third column. Pure: the scenario, its profile, the concrete candidates, a
// result and the measured figures come in loaded (cli/commands/explain.ts reads the files), a
// servetwin.explain/v1 object (config/explain.ts) comes out, and reports/explain-*.ts render it.
import { InputError } from '../common/errors.js';
import { EXPLAIN_SCHEMA_ID, type CandidateExplanation, type Explanation } from '../config/explain.js';
import type { Candidate } from '../config/scenario.js';
import type { StoredCandidate, StoredResult } from '../config/result.js';
import type { LoadedScenario } from '../simulator/scenario/loaded-scenario.js';
import { arrivalVariability, type ArrivalVariability } from './arrival-variability.js';
import { batchingOf } from './batching.js';
import { closedFormsOf } from './closed-forms.js';
import { costOf } from './cost.js';
import type { MeasuredFigures } from './measured-figures.js';
import { latencyBudget } from './latency-budget.js';
import { littlesLaw } from './littles-law.js';
import { poolsOf } from './pools.js';
import { serviceMoments } from './service-moments.js';
import { batchMixOf, stationsOf } from './stations.js';
import { ATTRIBUTION_RULE, whyOf } from './why.js';
import type { PoolContext } from './pools.js';
import type { PoolExplanation } from '../config/explain.js';

export interface ExplainOptions {
  /** Explain only these candidates (by name); all when empty. */
  names?: readonly string[];
  /** What a replay measured, for the measured column of the candidate it replayed. */
  measured?: MeasuredFigures | null;
}

/**
 * `candidates`: the scenario's concrete candidates (its grid expanded), which the result's entries
 * are matched to by name for what the result does not carry (cost, cpus).
 */
export function explain(loaded: LoadedScenario, candidates: readonly Candidate[], result: StoredResult, options: ExplainOptions = {}): Explanation {
  const s = loaded.scenario;
  const names = result.candidates.map((c) => c.name);
  const wanted = options.names?.length ? options.names : names;
  const unknown = wanted.filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    throw new InputError(`--candidate: expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}, got ${unknown.map((n) => JSON.stringify(n)).join(', ')}`, { source: '--candidate' });
  }
  const measured = options.measured ?? null;
  const notes: string[] = [];
  if (measured && !wanted.includes(measured.candidate)) {
    notes.push(`the fidelity report ${measured.file} is for candidate ${JSON.stringify(measured.candidate)}, which is not explained here: its measurements are not shown`);
  }
  if (measured && measured.scenario !== null && measured.scenario !== s.name) notes.push(`the fidelity report ${measured.file} replayed scenario ${JSON.stringify(measured.scenario)}, not ${JSON.stringify(s.name)}`);
  if (measured && measured.valid === false) notes.push(`the replay in ${measured.file} judged itself invalid for fidelity (its load generator fell behind): its measurements are shown but do not judge the twin`);
  const arrivals = arrivalVariability(s.traffic.arrivals, { fromS: s.warmup_s, toS: s.duration_s }, loaded.trace);
  const explained = result.candidates
    .filter((c) => wanted.includes(c.name))
    .map((r) => {
      const candidate = candidates.find((c) => c.name === r.name);
      if (!candidate) {
        throw new InputError(`the result's candidate ${JSON.stringify(r.name)} is not one of the scenario's (${candidates.map((c) => JSON.stringify(c.name)).join(', ')}): was the result made from another scenario?`, { source: '--result' });
      }
      return explainCandidate(loaded, candidate, r, result, arrivals, measured && measured.candidate === r.name ? measured : null);
    });
  return {
    schema: EXPLAIN_SCHEMA_ID,
    scenario: {
      name: s.name,
      file: loaded.file,
      seed: result.scenario.seed,
      seeds: result.seeds?.length ?? 1,
      measured_s: result.scenario.measured_s,
      traffic: s.traffic.arrivals.kind,
      profile: { kind: loaded.profile.kind, source: loaded.profileSource },
      slo: { latency_ms: s.slo.latency_ms, percentile: s.slo.percentile, max_drop_rate: s.slo.max_drop_rate },
    },
    attribution_rule: ATTRIBUTION_RULE,
    recommendation: result.recommendation ? { name: result.recommendation.name, reason: result.recommendation.reason } : null,
    candidates: explained,
    notes,
  };
}

function explainCandidate(
  loaded: LoadedScenario,
  candidate: Candidate,
  r: StoredCandidate,
  result: StoredResult,
  arrivals: ArrivalVariability,
  measured: MeasuredFigures | null,
): CandidateExplanation {
  const s = loaded.scenario;
  const contexts = poolsOf(loaded, candidate, r, arrivals, result.scenario.measured_s);
  const pools = contexts.map((p) => explainPool(p, arrivals, measured));
  const main = pools[0]!;
  const busiest = pools.map((p) => p.bottleneck).reduce((a, b) => (b.utilization > a.utilization ? b : a));
  return {
    name: r.name,
    summary: summaryOf(candidate),
    slo_met: r.slo_met,
    pools,
    littles_law: littlesLaw(r, s.warmup_s),
    latency_budget: latencyBudget({
      scenario: s,
      candidate,
      result: r,
      pool: contexts[0]!,
      windowWaitMs: main.batching.window_wait_ms,
      heldMs: batchMixOf(contexts[0]!, contexts[0]!.sim.meanBatchItems > 0 ? contexts[0]!.sim.meanBatchItems : main.batching.window_batch_requests * contexts[0]!.itemsPerRequest).heldMsPerRequest,
      queueFormulaMs: main.closed_forms.wait_ms.formula,
      measured,
    }),
    cost: costOf(s, candidate, r),
    why: whyOf(result, r, busiest),
    fidelity: measured?.file ?? null,
  };
}

function explainPool(p: PoolContext, arrivals: ArrivalVariability, measured: MeasuredFigures | null): PoolExplanation {
  const batching = batchingOf(p, measured);
  const mix = batchMixOf(p, p.sim.meanBatchItems > 0 ? p.sim.meanBatchItems : batching.window_batch_requests * p.itemsPerRequest);
  const { stations, bottleneck } = stationsOf(p, mix, measured);
  const k = p.itemsPerRequest;
  const sizes = [...new Set([k, ...measuredSizes(p), p.batching.max_batch_size])].filter((b) => b >= k && b <= p.batching.max_batch_size).sort((a, b) => a - b);
  let scvNote: string | null = null;
  const rows = sizes.map((b) => {
    const m = serviceMoments(p.profile, p.serviceTime, b, p.live);
    scvNote ??= m.scvNote;
    return { batch_size: b, mean_ms: m.meanMs, scv: m.scv, items_per_s: m.meanMs > 0 ? (b * 1000) / m.meanMs : 0 };
  });
  return {
    tier: p.tier,
    label: p.label,
    load: {
      offered_rps: p.offeredRps,
      offered_from: p.offeredFrom,
      peak_rps: p.peakRps,
      arrived_rps: p.sim.arrivedRps,
      items_per_request: k,
      pools: p.pools,
      replicas: p.replicas,
      per_replica_rps: p.offeredRps / p.pools / (p.replicas > 0 ? p.replicas : 1),
    },
    service: { source: serviceSource(p), rows, scv_note: scvNote },
    stations,
    bottleneck,
    closed_forms: closedFormsOf(p, arrivals, measured),
    batching,
  };
}

/** The profile's measured batch sizes (none for a parametric profile: powers of two instead). */
function measuredSizes(p: PoolContext): number[] {
  if ('batches' in p.profile) return p.profile.batches.map((b) => b.batch_size);
  const out: number[] = [];
  for (let b = 1; b <= p.batching.max_batch_size; b *= 2) out.push(b);
  return out;
}

function serviceSource(p: PoolContext): string {
  const parts = [`the ${p.profile.kind} profile's forward pass`];
  if (p.overhead) parts.push(p.cpu ? `plus ${p.live.addMs} ms per batch (serving overhead; the CPU model, not compute_scale, slows it)` : `× ${p.live.scale} + ${p.live.addMs} ms per batch (the measured serving overhead)`);
  // The after-idle extra depends on each instance's idle time, which only the simulation knows: the
  // closed forms leave it out, so their utilisation reads a little below the simulated one at low load.
  if (p.overhead?.after_idle && p.cpu) parts.push('(the after-idle extra is simulated, not in these formulas)');
  if (p.live.speed !== 1) parts.push(`÷ speed_factor ${p.live.speed} (edge device)`);
  return parts.join(' ');
}

function summaryOf(c: Candidate): string {
  const b = c.batching;
  const parts = [
    c.autoscaler ? `${c.autoscaler.kind} autoscaler` : `${c.replicas} replica(s)`,
    `${c.instances} instance(s) each`,
    b.max_batch_size > 1 ? `batches ≤ ${b.max_batch_size}${b.max_queue_delay_ms > 0 ? ` within ${b.max_queue_delay_ms} ms` : ', no delay'}` : 'no batching',
    `${c.router.replace('_', ' ')} router`,
  ];
  if (c.placement && c.placement !== 'cloud_only') parts.push(c.placement.replace('_', ' '));
  return parts.join(', ');
}
