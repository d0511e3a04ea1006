// A missed target's explanation: each part's mean over the repeats, the parts ranked by how far
// measured lies from predicted, and the sentence that says it.
import { describe, expect, it } from 'vitest';
import { describeGaps, meanBreakdown, partGaps } from '../../../bench/fidelity/gap.js';

const side = (client: number | null, http: number | null, queue: number | null, instance: number | null) => ({ client, http_thread: http, queue, instance, http_thread_busy: null });

describe('gap', () => {
  it('averages each part over the repeats, skipping runs without it', () => {
    expect(meanBreakdown([side(1, 2, 3, null), side(3, 4, null, null)])).toEqual({ client: 2, http_thread: 3, queue: 3, instance: null, http_thread_busy: null });
  });

  it('ranks the parts by |measured − predicted| and sums them', () => {
    const gaps = partGaps(side(2, 1, 1, 4), side(2.5, 0.8, 4, 5));
    expect(gaps.map((g) => g.part)).toEqual(['queue', 'instance', 'client and link', 'HTTP thread']);
    expect(describeGaps(gaps)).toBe(
      'mean per request, measured − predicted: queue +3.00 ms (1.00 → 4.00), instance +1.00 ms (4.00 → 5.00), client and link +0.50 ms (2.00 → 2.50), HTTP thread −0.20 ms (1.00 → 0.80); together +4.30 ms',
    );
  });

  it('says so when there is no breakdown', () => {
    expect(describeGaps(partGaps(side(null, null, null, null), side(1, 1, 1, 1)))).toMatch(/no breakdown/);
  });
});
