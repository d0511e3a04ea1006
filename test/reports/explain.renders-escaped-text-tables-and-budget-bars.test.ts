// The explanation's three renderings (reports/explain-text.ts, explain-markdown.ts, explain-html.ts)
// share one layout: the same sections in the same order; text from the scenario is escaped in
// Markdown and HTML (a hostile candidate name stays text); the latency budget's bars are drawn on
// one scale, the longest one full width.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { explain } from '../../explain/explain.js';
import { formatExplanation } from '../../reports/explain-text.js';
import { renderExplanationMarkdown } from '../../reports/explain-markdown.js';
import { renderExplanationSection } from '../../reports/explain-html.js';
import { makeScenario } from '../simulator/helpers.js';

const hostile = '<script>alert(1)</script> | *bold* [x](y)';
const loaded = makeScenario(
  { duration_s: 200, warmup_s: 10, profile: { kind: 'exponential', mean_ms: 20 }, traffic: { arrivals: { kind: 'poisson', rate_rps: 60 } }, network: { delay: { kind: 'constant', ms: 5 }, delay_is: 'rtt' } },
  { name: hostile, instances: 2, batching: { max_batch_size: 4, max_queue_delay_ms: 3, max_queue_size: 1000 } },
);
const e = explain(loaded, loaded.scenario.candidates, simulate(loaded));

describe('explain renderings', () => {
  it('show the same seven sections in the terminal, Markdown and HTML', () => {
    const text = formatExplanation(e);
    const md = renderExplanationMarkdown(e);
    const html = renderExplanationSection(e);
    const titles = ['1. Load and stations', '2. Closed forms beside the simulation', '3. Batching', "4. Little's law on the simulation's counts", '5. Latency budget', '6. Cost', '7. Why'];
    const order = (s: string, escape: (t: string) => string) => titles.map((t) => s.indexOf(escape(t)));
    for (const [s, escape] of [[text, (t: string) => t], [md, (t: string) => t.replace('.', '\\.')], [html, (t: string) => t.replaceAll("'", '&#39;')]] as const) {
      const at = order(s, escape);
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it('escape a hostile candidate name in HTML and Markdown', () => {
    const html = renderExplanationSection(e);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = renderExplanationMarkdown(e);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\| \\*bold\\* \\[x\\](y)');
  });

  it('draw the budget on one scale: the longest bar fills the width, the parts add up to it', () => {
    const html = renderExplanationSection(e);
    const rows = html.split('class="bar-row"').slice(1);
    const widths = rows.map((row) => [...row.matchAll(/width:([\d.]+)%/g)].reduce((a, m) => a + Number(m[1]), 0));
    expect(Math.max(...widths)).toBeCloseTo(100, 0);
    const text = formatExplanation(e);
    // The simulator records the queue's split: batch filling (B) and waiting for an instance (Q).
    expect(text).toMatch(/simulated\s+N+B+Q+F+\s+[\d.]+ ms/);
    expect(text).toMatch(/N network · B waiting for the batch to fill · F forward pass · Q waiting for a free instance\n/);
  });
});
