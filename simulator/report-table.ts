// The human side of `servetwin simulate`: a block per candidate (latency parts by percentile,
// throughput, drops, SLO, batching, utilisation) and, with several candidates, a one-line-each
// comparison. Plain monospace text; the JSON result is the machine side.
import type { CandidateResult, LatencyStats, SimulationResult } from './result.js';

function table(rows: string[][], alignLeft = 1): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c < alignLeft ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pct = (x: number): string => `${(x * 100).toFixed(x >= 0.9995 || x === 0 ? 1 : 2)}%`;

function latencyRow(label: string, s: LatencyStats): string[] {
  return [label, ms(s.mean), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.p999), ms(s.max)];
}

export function formatCandidate(c: CandidateResult, result: SimulationResult): string {
  const b = c.config.batching;
  const batching = [`max_batch_size ${b.max_batch_size}`, `delay ${b.max_queue_delay_ms} ms`];
  if (b.preferred_batch_sizes?.length) batching.push(`preferred ${b.preferred_batch_sizes.join('/')}`);
  if (b.max_queue_size !== undefined) batching.push(`queue ≤ ${b.max_queue_size}`);
  if (b.queue_timeout_ms !== undefined) batching.push(`timeout ${b.queue_timeout_ms} ms`);
  const routing = c.config.replicas > 1 ? `, ${c.config.router}` : '';
  const lines = [
    `${c.name}: ${c.config.replicas} replica(s) × ${c.config.instances} instance(s)${routing}; ${batching.join(', ')}`,
    table([
      ['latency (ms)', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max'],
      latencyRow('end to end', c.latency_ms),
      latencyRow('  queue', c.queue_ms),
      latencyRow('  compute', c.compute_ms),
      latencyRow('  network', c.network_ms),
    ]),
  ];
  const slo = result.scenario.slo;
  const drops = c.dropped === 0 ? '0 dropped' : `${c.dropped} dropped (${Object.entries(c.dropped_by_reason).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${why}`).join(', ')})`;
  lines.push(
    `throughput ${c.throughput_rps.toFixed(1)} rps; ${c.completed} completed, ${drops}, ${c.in_flight} in flight at the end`,
    `SLO p${slo.percentile} ≤ ${slo.latency_ms} ms: ${pct(c.slo_attainment)} within → ${c.slo_met ? 'met' : 'MISSED'}`,
    `batches: mean size ${c.mean_batch_size.toFixed(2)} over ${c.batches}; instances busy ${pct(c.utilization)}`,
  );
  return lines.join('\n');
}

export function formatComparison(result: SimulationResult): string {
  const slo = result.scenario.slo;
  const rows = [['candidate', 'p50 ms', 'p99 ms', `≤${slo.latency_ms} ms`, 'SLO', 'rps', 'dropped', 'batch', 'busy']];
  for (const c of result.candidates) {
    rows.push([
      c.name,
      ms(c.latency_ms.p50),
      ms(c.latency_ms.p99),
      pct(c.slo_attainment),
      c.slo_met ? 'met' : 'missed',
      c.throughput_rps.toFixed(1),
      String(c.dropped),
      c.mean_batch_size.toFixed(2),
      pct(c.utilization),
    ]);
  }
  return table(rows);
}

export function formatResult(result: SimulationResult): string {
  const s = result.scenario;
  const head = `${s.name}: ${s.duration_s} s simulated (${s.warmup_s} s warm-up), seed ${s.seed}, ${s.traffic} traffic, profile ${s.profile.source === 'inline' ? s.profile.kind : s.profile.source}`;
  const blocks = result.candidates.map((c) => formatCandidate(c, result));
  const parts = [head, '', blocks.join('\n\n')];
  if (result.candidates.length > 1) parts.push('', formatComparison(result));
  return parts.join('\n');
}
