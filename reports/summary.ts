// The words both report formats lead with: the SLO, the recommendation (or why there is none),
// and how each candidate was configured. Plain strings; reports/html.ts escapes them for HTML and
// reports/markdown.ts for Markdown.
import { type CandidateView, exactSloLatency, percentileLabel, sloLatencyLabel, sloStat } from './candidates.js';
import { duration, ms, num } from './format.js';
import type { StoredCandidate, StoredResult } from '../config/result.js';
import type { CapacityResult } from '../config/capacity.js';
import { describeMargin } from '../planner/format.js';
import { headroomLine } from './capacity-section.js';

export interface Verdict {
  /** recommended: a sweep picked one; none: a sweep found none meets the SLO; unranked: no recommendation in the result. */
  kind: 'recommended' | 'none' | 'unranked';
  headline: string;
  /** Further sentences, in order. */
  details: string[];
  /** The serving config to deploy (recommended only), as pretty JSON. */
  servingConfig: string | null;
}

/** "p99 ≤ 25 ms, ≤ 0.1 % dropped". */
export function sloText(result: StoredResult): string {
  const { latency_ms, percentile, max_drop_rate } = result.scenario.slo;
  const drops = max_drop_rate === undefined ? '' : `, ≤ ${num(max_drop_rate * 100)} % dropped`;
  return `${percentileLabel(percentile)} ≤ ${num(latency_ms)} ms${drops}`;
}

/** " (p99 read for p95)" when the tables show a stored percentile in place of the SLO's. */
export function sloNote(result: StoredResult): string {
  const s = sloLatencyLabel(result);
  return s.exact ? '' : ` (${s.label} read for ${percentileLabel(result.scenario.slo.percentile)})`;
}

/** The verdict; with a capacity search of the same scenario, the recommendation's headroom too. */
export function verdict(result: StoredResult, views: readonly CandidateView[], capacity?: CapacityResult): Verdict {
  const rec = result.recommendation;
  if (rec && rec.name !== null) {
    const details = [rec.reason];
    if (rec.margin) details.push(...describeMargin(rec.margin, result.scenario.slo.percentile, result.cost_axis ?? 'usd_per_hour'));
    const headroom = capacity ? headroomLine(capacity, rec.name) : null;
    if (headroom) details.push(headroom);
    if (rec.runner_up) details.push(`Runner-up: ${rec.runner_up.name} — ${rec.runner_up.why}`);
    const config = rec.serving_config === undefined || rec.serving_config === null ? null : JSON.stringify(rec.serving_config, null, 2);
    return { kind: 'recommended', headline: `Recommended: ${rec.name}`, details, servingConfig: config };
  }
  if (rec) return { kind: 'none', headline: 'No candidate meets the SLO', details: [rec.reason], servingConfig: null };

  const meeting = views.filter((v) => v.meets);
  const stat = sloLatencyLabel(result);
  const details: string[] = [];
  if (meeting.length > 0) {
    const names = meeting.slice(0, 8).map((v) => v.name);
    details.push(`Meeting it: ${names.join(', ')}${meeting.length > names.length ? ` and ${meeting.length - names.length} more` : ''}.`);
    const fastest = [...meeting].sort((a, b) => a.sloLatencyMs - b.sloLatencyMs || a.index - b.index)[0]!;
    details.push(`Lowest ${stat.label} among them: ${fastest.name} (${ms(fastest.sloLatencyMs)} ms).`);
  } else if (views.length > 0) {
    const closest = [...views].sort((a, b) => b.worstAttainment - a.worstAttainment || a.index - b.index)[0]!;
    details.push(`Closest: ${closest.name}, with ${(closest.worstAttainment * 100).toFixed(2)} % of requests within ${num(result.scenario.slo.latency_ms)} ms.`);
  }
  details.push('This result carries no recommendation: a sweep with costs (a scenario with a grid) ranks the candidates and recommends the cheapest that meets the SLO on every seed.');
  return {
    kind: 'unranked',
    headline: `${meeting.length} of ${views.length} candidate${views.length === 1 ? '' : 's'} meet${meeting.length === 1 && views.length === 1 ? 's' : ''} the SLO`,
    details,
    servingConfig: null,
  };
}

/** "1 replica × 2 instances · batch ≤ 8, wait ≤ 2 ms · queue ≤ 64" and the autoscaler, when known. */
export function describeConfig(c: StoredCandidate): string {
  return configParts(c).join(' · ');
}

/** The parts of describeConfig, for a renderer that keeps each one on a line. */
export function configParts(c: StoredCandidate): string[] {
  const { replicas, instances, batching } = c.config;
  const extra = c.config as Record<string, unknown>;
  const parts = [`${replicas} replica${replicas === 1 ? '' : 's'} × ${instances} instance${instances === 1 ? '' : 's'}`];
  parts.push(batching.max_batch_size <= 1 ? 'no batching' : `batch ≤ ${batching.max_batch_size}, wait ≤ ${+batching.max_queue_delay_ms.toFixed(3)} ms`);
  if (typeof batching.max_queue_size === 'number') parts.push(`queue ≤ ${batching.max_queue_size}`);
  const autoscaler = extra.autoscaler;
  if (autoscaler && typeof autoscaler === 'object' && typeof (autoscaler as { kind?: unknown }).kind === 'string') {
    parts.push(`autoscaler ${(autoscaler as { kind: string }).kind}`);
  }
  if (typeof extra.placement === 'string') parts.push(`placement ${extra.placement}`);
  return parts;
}

/** The run in one line: traffic, measured window, seed. */
export function runText(result: StoredResult): string {
  const s = result.scenario;
  return `${s.traffic} traffic · ${duration(s.measured_s)} measured after ${duration(s.warmup_s)} warm-up · seed ${s.seed}`;
}

/** Notes for the foot of the report: the profile, its extrapolation, and how numbers were made. */
export function footnotes(result: StoredResult, charted: { charted: number; total: number; timeSeries: number }): string[] {
  const s = result.scenario;
  const stat = sloStat(s.slo.percentile);
  const notes = [
    `Profile: ${s.profile.kind}, from ${s.profile.source}. ${capitalise(s.profile.extrapolation)}.`,
    `Scenario ${s.name}${s.file ? ` (${s.file})` : ''}: ${s.traffic} arrivals for ${duration(s.duration_s)}, the first ${duration(s.warmup_s)} a warm-up left out of every statistic; seed ${s.seed}.`,
    'Latency percentiles come from HDR histograms (3 significant digits); means and maxima are exact. SLO attainment counts dropped requests, and requests still in flight past the SLO at the end, as misses.',
  ];
  if (!stat.exact && !exactSloLatency(result)) notes.push(`The SLO is set at ${percentileLabel(s.slo.percentile)}, which the result does not store; charts read it as ${stat.label}, the next stored percentile above (the conservative side). SLO attainment is exact.`);
  if (result.candidates.some((c) => (c.seeds?.length ?? 0) > 1)) notes.push('Candidates were simulated on several seeds: latency, throughput and the charts come from one seed’s run; the SLO column gives the verdict over every seed (met on k of n) and the worst attainment.');
  if (charted.charted < charted.total) {
    notes.push(
      `The per-candidate charts show ${charted.charted} of ${charted.total} candidates: the recommendation and its runner-up, then the Pareto frontier and the others that meet the SLO, then the closest misses. The table lists all of them.`,
    );
  }
  if (charted.timeSeries < charted.total) notes.push(`The time-series chart shows ${charted.timeSeries} of ${charted.total} candidates, chosen the same way.`);
  return notes;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}
