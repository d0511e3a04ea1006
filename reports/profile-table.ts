// The human view of a profile: one row per batch size (percentiles, mean, spread, throughput,
// per-item time, outliers) under a header saying what was measured where; then, where measured,
// the contention curve beside plain processor sharing, the HTTP path's CPU per request and the
// serving overhead, each with its 95 % intervals. Printed by calibrate and start; `--json` prints
// the profile itself instead.
import type { MeasuredProfile, Profile } from '../config/profile.js';
import type { Ci95 } from '../config/profile-cpu.js';
import type { ServingOverhead } from '../config/serving-overhead.js';
import { describeOverhead } from '../replay/overhead.js';

const fmt = (x: number, digits = 2) => x.toFixed(digits);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatProfile(profile: Profile): string {
  switch (profile.kind) {
    case 'deterministic':
    case 'exponential':
    case 'lognormal': {
      const mean = typeof profile.mean_ms === 'number' ? `${profile.mean_ms} ms` : `${profile.mean_ms.base_ms} + ${profile.mean_ms.per_item_ms}·n ms`;
      return `parametric profile: ${profile.kind} service time, mean ${mean}${profile.kind === 'lognormal' ? `, cv ${profile.cv}` : ''}`;
    }
    case 'measured':
    case 'imported':
      break;
  }
  const lines: string[] = [];
  if (profile.kind === 'measured') {
    const h = profile.host;
    const c = profile.cold_start;
    lines.push(
      `model ${profile.model.name} (${profile.model.inputs.map((i) => `${i.name} ${i.dtype} [${i.synthesized_shape.map((d) => (d < 0 ? 'N' : d)).join(',')}]`).join(', ')})`,
      `host  ${h.cpu_model}, ${h.cores} cores${h.cpus === undefined ? '' : ` (${h.cpus} usable${h.cpu_set ? `: cpus ${cpuList(h.cpu_set)}` : ''})`}, ${h.os}, node ${h.node}, onnxruntime ${h.onnxruntime}; intra-op threads ${profile.threads.intra_op}`,
      `cold start: session ${fmt(c.session_create_ms, 1)} ms + first run ${fmt(c.first_run_ms, 1)} ms; RSS growth ${fmt(c.memory_rss_growth_bytes / 2 ** 20, 1)} MiB`,
      `${profile.settings.iterations} recorded passes per size after ${profile.settings.warmup} warm-up, sizes interleaved in shuffled rounds (seed ${profile.settings.seed})`,
      '',
    );
  } else {
    lines.push(`imported from ${profile.source.file} (${profile.source.format}); host: ${profile.host}`, '');
  }
  const rows = profile.batches.map((b) => [
    String(b.batch_size),
    fmt(b.p50_ms),
    fmt(b.p90_ms),
    fmt(b.p99_ms),
    fmt(b.mean_ms),
    fmt(b.stddev_ms),
    fmt(b.items_per_s, 0),
    fmt(b.mean_ms / b.batch_size, 3),
    b.outliers ? String(b.outliers.count) : '-',
  ]);
  lines.push(table(['batch', 'p50 ms', 'p90 ms', 'p99 ms', 'mean ms', 'stddev', 'items/s', 'ms/item', 'outliers'], rows));
  const synthesized = profile.kind === 'imported' ? profile.batches.filter((b) => b.synthesis) : [];
  for (const b of synthesized) lines.push(`batch ${b.batch_size}: ${b.synthesis}`);
  if (profile.kind === 'measured') lines.push(...cpuSide(profile));
  if (profile.serving_overhead) {
    lines.push('', `serving overhead (measured live): ${describeOverhead(profile.serving_overhead)}`);
    if (profile.serving_overhead.ci95) lines.push(`  95 % intervals: ${overheadIntervals(profile.serving_overhead.ci95)}`);
  }
  return lines.join('\n');
}

const ci = (c: Ci95, digits = 3) => `[${fmt(c[0], digits)}, ${fmt(c[1], digits)}]`;

/** `0-3,8`: an affinity list as the kernel writes it. */
function cpuList(cpus: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length; i++) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j]! + 1) j++;
    parts.push(j > i ? `${cpus[i]}-${cpus[j]}` : String(cpus[i]));
    i = j;
  }
  return parts.join(',');
}

/** The contention curve (beside plain processor sharing's max(1, busy / cpus)) and the HTTP path's CPU. */
function cpuSide(profile: MeasuredProfile): string[] {
  const lines: string[] = [];
  const c = profile.contention;
  if (c) {
    const threads = c.intra_op_threads;
    const rows = c.points.map((p) => [
      String(p.busy),
      fmt(p.forward_pass_ms),
      fmt(p.slowdown, 3),
      ci(p.ci95),
      fmt(Math.max(1, (p.busy * threads) / c.cpus), 3),
      String(p.passes),
    ]);
    lines.push(
      '',
      `contention: batch ${c.batch_size}, ${threads} intra-op thread(s) per instance, ${c.cpus} cpus`,
      table(['busy', 'forward ms', 'slowdown', '95 % interval', 'sharing', 'passes'], rows),
      '(sharing: plain processor sharing’s slowdown, max(1, busy × threads / cpus))',
    );
  }
  const h = profile.http_path;
  if (h) {
    const one = (name: string, f: typeof h.binary) =>
      `${name} ingress ${fmt(f.ingress_cpu_ms, 3)} ${ci(f.ci95_ingress)}, egress ${fmt(f.egress_cpu_ms, 3)} ${ci(f.ci95_egress)}`;
    lines.push('', `HTTP path CPU per request, ms (95 % interval): ${one('binary', h.binary)}; ${one('json', h.json)}`);
  }
  return lines;
}

function overheadIntervals(c: NonNullable<ServingOverhead['ci95']>): string {
  const parts = [
    c.ingress_mean_ms && `ingress mean ${ci(c.ingress_mean_ms)} ms`,
    c.egress_mean_ms && `egress mean ${ci(c.egress_mean_ms)} ms`,
    c.deferred_ms && `deferred ${ci(c.deferred_ms)} ms`,
    c.per_batch_ms && `per batch ${ci(c.per_batch_ms)} ms`,
    c.compute_scale && `forward pass × ${ci(c.compute_scale)}`,
  ];
  return parts.filter(Boolean).join(', ');
}
