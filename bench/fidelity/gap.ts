// Where a missed target's gap comes from: the mean of each part of a request's path (client and
// link, HTTP thread, batcher queue, instance — replay's breakdown, predicted and measured) over the
// repeats, and a sentence ranking the parts by how far measured is from predicted. Pure; used by
// bench/fidelity.ts for the printed details and the notes under the table.
import type { BreakdownSide } from '../../replay/fidelity.js';

export const PARTS = [
  ['client', 'client and link'],
  ['http_thread', 'HTTP thread'],
  ['queue', 'queue'],
  ['instance', 'instance'],
] as const;

/** Each part's mean over `sides` (null where no side has it). */
export function meanBreakdown(sides: readonly BreakdownSide[]): BreakdownSide {
  const mean = (k: keyof BreakdownSide) => {
    const xs = sides.map((s) => s[k]).filter((x): x is number => x !== null && Number.isFinite(x));
    return xs.length > 0 ? xs.reduce((a, x) => a + x, 0) / xs.length : null;
  };
  return { client: mean('client'), http_thread: mean('http_thread'), queue: mean('queue'), instance: mean('instance'), http_thread_busy: mean('http_thread_busy') };
}

export interface PartGap {
  part: string;
  predicted: number;
  measured: number;
  /** measured − predicted, ms. */
  delta: number;
}

/** The parts both sides have, largest |measured − predicted| first. */
export function partGaps(predicted: BreakdownSide, measured: BreakdownSide): PartGap[] {
  return PARTS.flatMap(([key, part]) => {
    const p = predicted[key];
    const m = measured[key];
    return p === null || m === null ? [] : [{ part, predicted: p, measured: m, delta: m - p }];
  }).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
}

/** "queue +3.10 ms (0.90 → 4.00), instance +1.20 ms (…), …": the mean latency's gap, part by part. */
export function describeGaps(gaps: readonly PartGap[]): string {
  if (gaps.length === 0) return 'no breakdown (the answers carried no Server-Timing)';
  const total = gaps.reduce((a, g) => a + g.delta, 0);
  const sign = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
  return `mean per request, measured − predicted: ${gaps.map((g) => `${g.part} ${sign(g.delta)} ms (${g.predicted.toFixed(2)} → ${g.measured.toFixed(2)})`).join(', ')}; together ${sign(total)} ms`;
}
