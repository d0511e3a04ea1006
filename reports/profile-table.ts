// The human view of a profile: one row per batch size (percentiles, mean, spread, throughput,
// per-item time, outliers) under a header saying what was measured where. Printed by calibrate
// and start; `--json` prints the profile itself instead.
import type { Profile } from '../config/profile.js';
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
      `host  ${h.cpu_model}, ${h.cores} cores, ${h.os}, node ${h.node}, onnxruntime ${h.onnxruntime}; intra-op threads ${profile.threads.intra_op}`,
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
  if (profile.serving_overhead) lines.push('', `serving overhead (measured live): ${describeOverhead(profile.serving_overhead)}`);
  return lines.join('\n');
}
