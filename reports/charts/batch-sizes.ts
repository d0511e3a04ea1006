// How full the batches were, per candidate: the share of its batches of each size, as a heat map
// (one row per candidate, one column per batch size used). Batches well below max_batch_size mean
// the batcher dispatched on its delay or on a free instance rather than on a full batch.
import type { CandidateView } from '../candidates.js';
import type { StoredResult } from '../../config/result.js';
import type { Chart } from './chart.js';
import { CONFIG, ROW_PLOT_WIDTH, ROW_STEP, VEGA_LITE_SCHEMA, candidateLabels } from './theme.js';

export function batchSizesChart(_result: StoredResult, views: readonly CandidateView[]): Chart | null {
  const labels = candidateLabels(views);
  const order = views.map((v) => labels.get(v)!);
  const rows = views.flatMap((v) => {
    const entries = Object.entries(v.candidate.batch_size_histogram).map(([size, n]) => ({ size: Number(size), n }));
    const total = entries.reduce((sum, e) => sum + e.n, 0);
    if (total === 0) return [];
    return entries.map((e) => ({ candidate: labels.get(v)!, size: e.size, share: e.n / total, text: shareText(e.n / total), tip: `${v.name}: batches of ${e.size}, ${shareText(e.n / total)}` }));
  });
  if (rows.length === 0) return null;
  const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => a - b);
  const step = Math.max(12, Math.min(40, Math.floor(ROW_PLOT_WIDTH / sizes.length)));
  const y = { field: 'candidate', type: 'nominal' as const, sort: order, title: null, axis: { labelLimit: 280 } };
  const x = { field: 'size', type: 'ordinal' as const, sort: sizes, title: 'batch size (sizes never used are left out)', axis: { labelAngle: 0 } };
  return {
    id: 'batch-sizes',
    title: 'Batch sizes',
    caption:
      'Share of each candidate’s batches by size, darker for a larger share. Batches far below max_batch_size were dispatched on the queue delay or as soon as an instance was free; all at max_batch_size means the batcher was always full, i.e. the replica was busy.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CONFIG,
      title: { text: 'Batch-size distribution', subtitle: 'share of batches of each size' },
      width: { step },
      height: { step: ROW_STEP },
      data: { values: rows },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
          encoding: {
            y,
            x,
            color: { field: 'share', type: 'quantitative', title: 'share of batches', scale: { scheme: 'blues', domain: [0, 1] }, legend: { format: '.0%', gradientLength: 160 } },
            description: { field: 'tip', type: 'nominal' },
          },
        },
        ...(step >= 30
          ? [
              {
                mark: { type: 'text', fontSize: 9 },
                encoding: {
                  y,
                  x,
                  text: { field: 'text', type: 'nominal' },
                  color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: '#222' },
                },
              } as const,
            ]
          : []),
      ],
    },
  };
}

/** "37%", "<1%" — short enough for a 30 px cell. */
function shareText(share: number): string {
  if (share < 0.005) return '<1%';
  return `${Math.round(share * 100)}%`;
}
