// The planner's verdict for people: a cost/SLO table over all candidates, the frontier and the
// recommendation with its reason. The per-candidate detail tables come from reports/result-table.
import type { PlanResult } from '../config/result.js';

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
    if (result.recommendation.runner_up) out.push(`  Runner-up ${result.recommendation.runner_up.name}: ${result.recommendation.runner_up.why}.`);
  }
  return out.join('\n');
}
