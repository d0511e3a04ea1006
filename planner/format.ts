// The planner's verdict for people: a cost/SLO table over all candidates, the frontier and the
// recommendation with its reason and the margin it stands on. The per-candidate detail tables come from reports/result-table.
import type { Margin, PlanResult } from '../config/result.js';

const money = (x: number | null) => (x !== null && Number.isFinite(x) ? (x < 1 ? `$${x.toFixed(4)}` : `$${x.toFixed(2)}`) : '—');

export function formatPlan(result: PlanResult): string {
  const frontier = new Set(result.frontier);
  const header = ['candidate', '$/hour', '$/1M req', `p${result.scenario.slo.percentile} ms`, 'SLO attained', 'drops', 'seeds met', ''];
  const rows = result.candidates.map((c) => [
    c.name,
    money(c.cost.per_hour_usd),
    money(c.cost.per_million_requests_usd),
    c.latency_at_slo_percentile_ms.toFixed(1),
    `${(c.slo_attainment * 100).toFixed(2)} %`,
    `${(c.drop_rate * 100).toFixed(2)} %`,
    `${c.seeds.filter((s) => s.slo_met).length}/${c.seeds.length}`,
    [c.name === result.recommendation.name ? 'recommended' : '', frontier.has(c.name) ? 'frontier' : ''].filter(Boolean).join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [
    `SLO: p${result.scenario.slo.percentile} ≤ ${result.scenario.slo.latency_ms} ms, at most ${(result.scenario.slo.max_drop_rate * 100).toFixed(2)} % dropped, on ${result.seeds.length} seed(s) (${result.seeds.join(', ')})`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ];
  if (result.shard) {
    out.push(`Shard ${result.shard.index}/${result.shard.count}: ${result.candidates.length} of ${result.shard.total_candidates} candidates. Run \`servetwin merge\` on all shards for the recommendation.`);
  } else {
    out.push(result.recommendation.name ? `Recommendation: ${result.recommendation.name}` : 'Recommendation: none');
    out.push(`  ${result.recommendation.reason}`);
    const margin = result.recommendation.margin;
    if (margin) out.push(...describeMargin(margin, result.scenario.slo.percentile, result.cost_axis).map((l) => `  ${l}`));
    if (result.recommendation.runner_up) out.push(`  Runner-up ${result.recommendation.runner_up.name}: ${result.recommendation.runner_up.why}.`);
  }
  return out.join('\n');
}

/**
 * The margin a recommendation stands on, as sentences (the CLI and the report print the same):
 * its latency against the SLO with the spread over seeds, the calibration's spread, the
 * next-cheapest candidate that also passes, and the close-call line when the choice is close.
 */
export function describeMargin(m: Margin, percentile: number, costAxis: PlanResult['cost_axis']): string[] {
  const p = `p${+percentile.toFixed(3)}`;
  const f = (x: number) => `${x.toFixed(1)} ms`;
  const cost = (x: number) => (costAxis === 'instances' ? `${x.toFixed(1)} instances` : x < 1 ? `$${x.toFixed(4)}/h` : `$${x.toFixed(2)}/h`);
  const lines = [
    `Margin: ${p} ${f(m.worst_ms)} on its worst seed against the SLO's ${f(m.slo_latency_ms)}: ${f(m.margin_ms)} (${((m.margin_ms / m.slo_latency_ms) * 100).toFixed(0)} %) to spare${m.seed_spread_ms > 0 || m.best_ms !== m.worst_ms ? `; ${m.best_ms.toFixed(1)}–${f(m.worst_ms)} over the seeds` : ''}.`,
  ];
  if (m.calibration_ms !== null) lines.push(`With the profile at the slow end of the calibration's 95 % intervals: ${p} ${f(m.calibration_ms)}.`);
  const n = m.next_passing;
  if (n) {
    const diff = m.margin_ms - n.margin_ms;
    lines.push(
      `Next-cheapest that meets the SLO: ${n.name} at ${cost(n.cost)} (${n.cost_difference === 0 ? 'the same cost' : `${n.cost_difference > 0 ? '+' : ''}${(n.cost_difference * 100).toFixed(0)} %`}), ${p} ${f(n.worst_ms)}: ${f(n.margin_ms)} to spare, ${f(Math.abs(diff))} ${diff >= 0 ? 'less' : 'more'} than the recommendation.`,
    );
  } else lines.push('No other candidate that costs as much or more meets the SLO.');
  if (m.close_call) lines.push(`Close call: ${m.close_because.join('; ')}.`);
  return lines;
}
