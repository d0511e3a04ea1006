// Candidates are labelled by what varies between them: a grid's long names become `b4 · 0 ms · 2 rep`
// (only the fields needed to tell them apart, a derived one left out), several templates keep their
// template's name, short hand-written names stay, and labels are always distinct.
import { describe, expect, it } from 'vitest';
import { candidateShortLabels } from '../../reports/labels.js';

const config = (b: number, d: number, r: number, extra: Record<string, unknown> = {}) => ({
  replicas: r,
  instances: 2,
  router: 'least_outstanding',
  batching: { max_batch_size: b, max_queue_delay_ms: d, max_queue_size: 4 * b * 2 },
  ...extra,
});

describe('candidateShortLabels', () => {
  it('names a grid by the fields it varies, in the order people read them', () => {
    const cs = [4, 8].flatMap((b) => [0, 2].flatMap((d) => [1, 2].map((r) => ({ name: `cpu[max_batch_size=${b},max_queue_delay_ms=${d},replicas=${r}]`, config: config(b, d, r) }))));
    // The queue bound follows the batch size, so it tells nothing apart and is left out.
    expect(candidateShortLabels(cs)).toEqual(['b4 · 0 ms · 1 rep', 'b4 · 0 ms · 2 rep', 'b4 · 2 ms · 1 rep', 'b4 · 2 ms · 2 rep', 'b8 · 0 ms · 1 rep', 'b8 · 0 ms · 2 rep', 'b8 · 2 ms · 1 rep', 'b8 · 2 ms · 2 rep']);
  });

  it('uses only as many fields as it takes', () => {
    const cs = [1, 2, 3].map((r) => ({ name: `a-very-long-template-name[replicas=${r}]`, config: config(4, 0, r) }));
    expect(candidateShortLabels(cs)).toEqual(['1 rep', '2 rep', '3 rep']);
  });

  it('keeps the template’s name when several templates were expanded', () => {
    const cs = ['hpa', 'kpa'].flatMap((kind) =>
      [1, 2].map((r) => ({ name: `${kind}-with-a-long-name[replicas=${r}]`, config: config(1, 0, r, { autoscaler: { kind, max_replicas: 4 } }) })),
    );
    expect(candidateShortLabels(cs)).toEqual(['hpa-with-a-long-name · 1 rep · hpa', 'hpa-with-a-long-name · 2 rep · hpa', 'kpa-with-a-long-name · 1 rep · kpa', 'kpa-with-a-long-name · 2 rep · kpa']);
  });

  it('leaves short names alone', () => {
    expect(candidateShortLabels([{ name: 'kpa-panic', config: config(1, 0, 1) }, { name: 'hpa', config: config(1, 0, 2) }])).toEqual(['kpa-panic', 'hpa']);
  });

  it('keeps hand-written names, and the names of grid candidates no field tells apart', () => {
    const hand = [
      { name: 'a-long-hand-written-name-for-one', config: config(4, 0, 1) },
      { name: 'a-long-hand-written-name-for-two', config: config(4, 0, 2) },
    ];
    expect(candidateShortLabels(hand)).toEqual(hand.map((c) => c.name));
    const grid = [
      { name: 'template-with-a-long-name[cpus=1]', config: config(4, 0, 1) },
      { name: 'template-with-a-long-name[cpus=2]', config: config(4, 0, 1) },
      { name: 'template-with-a-long-name[cpus=3]', config: config(4, 0, 2) },
    ];
    expect(candidateShortLabels(grid)).toEqual(['template-with-a-long-name[cpus=1]', 'template-with-a-long-name[cpus=2]', '2 rep']);
  });
});
