// servetwin.capacity/v1 for people: what was searched and how (the definitions every figure rests
// on), then one row per candidate — its sustainable level, the rates and cost there, and why it
// breaks — and the edge cases in words: "no sustainable load", "≥ bound", "non-monotone".
import type { CandidateCapacity, CapacityResult } from '../config/capacity.js';
import { REASON_TEXT, type BreakReason } from './attribution.js';

const thousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const rps = (x: number | null) => (x === null ? '—' : x >= 100 ? thousands(x) : x.toFixed(1));
const money = (x: number | null) => (x === null ? '—' : x < 1 ? `$${x.toFixed(4)}` : `$${x.toFixed(2)}`);
/** A level as a person reads it: ×2.31, ×1/64. */
export function levelText(level: number, mode: CapacityResult['search']['mode']): string {
  if (mode === 'burst') return `${+level.toPrecision(3)}:1`;
  if (level < 1 && Number.isInteger(+(1 / level).toPrecision(6))) return `×1/${+(1 / level).toPrecision(6)}`;
  return `×${+level.toPrecision(3)}`;
}

/** The sustainable level in words, with the edge cases. */
export function sustainableText(c: CandidateCapacity, result: CapacityResult): string {
  const mode = result.search.mode;
  const [, max] = result.search.bounds;
  switch (c.status) {
    case 'none':
      return 'no sustainable load';
    case 'at_bound':
      return `≥ ${levelText(max, mode)}`;
    case 'non_monotone':
      return c.level === null
        ? `non-monotone: passes at ${levelText(c.edge_level!, mode)} but fails at ${c.failures_below.map((l) => levelText(l, mode)).join(', ')}`
        : `${levelText(c.level, mode)} (non-monotone: passes at ${levelText(c.edge_level!, mode)} but fails at ${c.failures_below.map((l) => levelText(l, mode)).join(', ')})`;
    case 'found':
      return levelText(c.level!, mode);
  }
}

/** Why it breaks, short: the reason's name. */
export function breaksText(c: CandidateCapacity): string {
  if (!c.breaks) return c.status === 'at_bound' ? 'did not break within the bounds' : '—';
  return REASON_TEXT[c.breaks.reason as BreakReason];
}

export function formatCapacity(result: CapacityResult): string {
  const s = result.scenario;
  const mode = result.search.mode;
  const slo = `p${s.slo.percentile} ≤ ${s.slo.latency_ms} ms with at most ${(s.slo.max_drop_rate * 100).toFixed(2)} % dropped`;
  const t = result.traffic;
  const lines = [
    mode === 'load'
      ? `Capacity: the highest load multiplier at which ${slo} holds on all ${result.seeds.length} seed(s) (${result.seeds.join(', ')}).`
      : `Burst tolerance: the highest MMPP peak-to-trough ratio at the scenario's mean rate (${rps(t.mean_rps)} req/s) at which ${slo} holds on all ${result.seeds.length} seed(s) (${result.seeds.join(', ')}).`,
    `  Traffic as written: ${t.kind}, mean ${rps(t.mean_rps)} req/s, peak ${rps(t.peak_rps)} req/s${t.peak_to_trough !== null ? `, peak-to-trough ${levelText(t.peak_to_trough, 'burst')}` : ''}.`,
    `  Level: ${result.search.level}; ${result.search.scaling}.`,
    `  Search: ${levelText(result.search.bounds[0], mode)} … ${levelText(result.search.bounds[1], mode)}, bracketing from ${levelText(result.search.start, mode)} then bisection to ${(result.search.tolerance * 100).toFixed(1)} %; also checked at ${result.search.below_edge_checks.join(', ')} × the edge (pass/fail need not be monotone).`,
    '',
  ];
  const usd = result.cost_axis === 'usd_per_hour';
  const burst = mode === 'burst';
  // Under a load search the sustainable level is the headroom (× the scenario's load): one column.
  const header = [
    'candidate',
    burst ? 'max peak/trough' : 'headroom',
    ...(burst ? ['× scenario'] : []),
    'mean req/s',
    'peak req/s',
    usd ? '$/h there' : 'instances',
    ...(usd ? ['req/s per $/h'] : []),
    'breaks by',
  ];
  const rows = result.candidates.map((c) => [
    c.name,
    sustainableText(c, result),
    ...(burst ? [c.headroom === null ? '—' : `×${+c.headroom.toPrecision(3)}`] : []),
    rps(c.sustainable_mean_rps),
    rps(c.sustainable_peak_rps),
    usd ? money(c.cost_at_level) : c.cost_at_level === null ? '—' : c.cost_at_level.toFixed(1),
    ...(usd ? [c.qps_per_usd_per_hour === null ? '—' : thousands(c.qps_per_usd_per_hour)] : []),
    breaksText(c),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const left = new Set([0, 1, header.length - 1]);
  const line = (cells: string[]) => cells.map((cell, i) => (left.has(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  lines.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '');
  for (const c of result.candidates) if (c.breaks) lines.push(`${c.name}: breaks at ${levelText(c.breaks.level, mode)} (seed ${c.breaks.seed}) by ${c.breaks.text}.`);
  lines.push('', `Breaks by: ${result.search.attribution}.`);
  if (result.shard) lines.push(`Shard ${result.shard.index}/${result.shard.count}: ${result.candidates.length} of ${result.shard.total_candidates} candidates; join the shards with \`servetwin merge\`.`);
  return lines.join('\n');
}
