// The human side of `servetwin simulate`: a block per candidate (latency parts by percentile, with
// the HTTP thread's when a frontend was modelled, throughput, drops, SLO, batching, utilisation,
// replicas and autoscaling, edge/cloud tiers) and, with several candidates, a one-line-each
// comparison. Plain monospace text; the JSON result is the machine side.
import type { Batching } from '../config/batching.js';
import type { CandidateResult, LatencyStats, SimulationResult } from '../config/result.js';

function table(rows: string[][], alignLeft = 1): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c < alignLeft ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pct = (x: number): string => `${(x * 100).toFixed(x >= 0.9995 || x === 0 ? 1 : 2)}%`;

function latencyRow(label: string, s: LatencyStats): string[] {
  return [label, ms(s.mean), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.p999), ms(s.max)];
}

function batchingText(b: Batching): string {
  const batching = [`max_batch_size ${b.max_batch_size}`, `delay ${b.max_queue_delay_ms} ms`];
  if (b.preferred_batch_sizes?.length) batching.push(`preferred ${b.preferred_batch_sizes.join('/')}`);
  if (b.max_queue_size !== undefined) batching.push(`queue ≤ ${b.max_queue_size}`);
  if (b.queue_timeout_ms !== undefined) batching.push(`timeout ${b.queue_timeout_ms} ms`);
  return batching.join(', ');
}

/** With a frontend: how busy the replicas' HTTP threads were (the busiest, when they differ). */
function frontendText(c: CandidateResult): string {
  const u = c.frontend_utilization;
  if (!u || u.length === 0) return '';
  const mean = u.reduce((a, b) => a + b, 0) / u.length;
  const max = Math.max(...u);
  return max - mean > 0.005 ? `; HTTP threads busy ${pct(mean)} (busiest ${pct(max)})` : `; HTTP threads busy ${pct(mean)}`;
}

export function formatCandidate(c: CandidateResult, result: SimulationResult): string {
  const routing = c.config.replicas > 1 || c.config.autoscaler ? `, ${c.config.router}` : '';
  const fleet = c.config.autoscaler ? `${c.config.autoscaler.kind} autoscaler from ${c.config.replicas} replica(s)` : `${c.config.replicas} replica(s)`;
  const edge = c.config.edge;
  const edgeText = edge
    ? `edge ${edge.replicas} replica(s) × ${edge.instances} instance(s) per site${edge.speed_factor ? ` at ${edge.speed_factor}× speed` : ''}; ${batchingText(edge.batching ?? c.config.batching)}`
    : '';
  const cloudText = `${fleet} × ${c.config.instances} instance(s)${routing}; ${batchingText(c.config.batching)}`;
  const head =
    c.config.placement === 'edge_only'
      ? `edge only: ${edgeText}`
      : c.config.placement === 'hybrid'
        ? `hybrid: ${edgeText}, overflow to cloud ${cloudText}`
        : `${cloudText}${c.config.placement ? '; cloud only' : ''}`;
  const lines = [
    `${c.name}: ${head}`,
    table([
      ['latency (ms)', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max'],
      latencyRow('end to end', c.latency_ms),
      latencyRow('  queue', c.queue_ms),
      latencyRow('  compute', c.compute_ms),
      latencyRow('  network', c.network_ms),
      ...(c.frontend_ms ? [latencyRow('  frontend', c.frontend_ms)] : []),
    ]),
  ];
  const slo = result.scenario.slo;
  const drops = c.dropped === 0 ? '0 dropped' : `${c.dropped} dropped (${Object.entries(c.dropped_by_reason).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${why}`).join(', ')})`;
  lines.push(
    `throughput ${c.throughput_rps.toFixed(1)} rps; ${c.completed} completed, ${drops}, ${c.in_flight} in flight at the end`,
    `SLO p${slo.percentile} ≤ ${slo.latency_ms} ms: ${pct(c.slo_attainment)} within → ${c.slo_met ? 'met' : 'MISSED'}`,
    `batches: mean size ${c.mean_batch_size.toFixed(2)} over ${c.batches}; instances busy ${pct(c.utilization)}${frontendText(c)}`,
  );
  if (c.cpu) {
    const cpu = c.cpu;
    const over = cpu.oversubscribed ? ` — oversubscribed: with all busy each runs ${cpu.slowdown_max.toFixed(2)}× slower` : '';
    lines.push(`CPUs: ${cpu.cpus} core(s) per replica shared by up to ${cpu.threads} thread(s), ${cpu.busy_threads_mean.toFixed(2)} busy on average${over}`);
  }
  const replicas = c.replicas;
  if (c.autoscaling && replicas) {
    const a = c.autoscaling;
    const knative = a.panic_fraction !== undefined ? `, panic ${pct(a.panic_fraction)} of the time, activator in path ${pct(a.activator_fraction ?? 0)}` : '';
    lines.push(
      `autoscaler ${a.kind}: ${a.scale_ups} up / ${a.scale_downs} down, ${a.replicas_started} replicas started; ready ${replicas.min}–${replicas.max} (mean ${replicas.mean.toFixed(2)})${knative}; ${a.held_requests} requests waited for a ready replica`,
    );
  }
  if (c.autoscaling || c.tiers) lines.push(`replica-seconds billed ${c.replica_seconds.toFixed(0)} (${(c.replica_seconds / 3600).toFixed(2)} replica-hours)`);
  for (const [tier, t] of Object.entries(c.tiers ?? {})) {
    lines.push(
      `  ${tier.padEnd(5)} ${t.requests.arrived} requests (${pct(c.requests.arrived === 0 ? 0 : t.requests.arrived / c.requests.arrived)}), p50 ${ms(t.latency_ms.p50)} ms, p99 ${ms(t.latency_ms.p99)} ms, ${t.requests.dropped} dropped; ${t.pools} pool(s), ${t.replica_seconds.toFixed(0)} replica-s, busy ${pct(t.utilization)}`,
    );
  }
  for (const site of c.sites ?? []) {
    const where = c.tiers?.edge ? `, ${pct(site.edge_share)} at the edge` : '';
    lines.push(`  site ${site.name}${site.count > 1 ? ` (×${site.count})` : ''}: ${site.requests} requests${where}, p50 ${ms(site.latency_ms.p50)} ms, p99 ${ms(site.latency_ms.p99)} ms`);
  }
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

/** One warning line per candidate whose replicas have more threads than cores (empty when none has). */
export function oversubscriptionWarnings(result: SimulationResult): string[] {
  return result.candidates
    .filter((c) => c.cpu?.oversubscribed)
    .map((c) => `warning: ${c.name}: ${c.cpu!.threads} threads per replica on ${c.cpu!.cpus} core(s) — oversubscribed; when all are busy each runs ${c.cpu!.slowdown_max.toFixed(2)}× slower (give the replicas more cpus, or fewer instances or intra-op threads)`);
}

export function formatResult(result: SimulationResult): string {
  const s = result.scenario;
  const head = `${s.name}: ${s.duration_s} s simulated (${s.warmup_s} s warm-up), seed ${s.seed}, ${s.traffic} traffic, profile ${s.profile.source === 'inline' ? s.profile.kind : s.profile.source}`;
  const blocks = result.candidates.map((c) => formatCandidate(c, result));
  const parts = [head, '', blocks.join('\n\n')];
  if (result.candidates.length > 1) parts.push('', formatComparison(result));
  return parts.join('\n');
}
