// What every chart builder returns: a vega-lite spec plus the words the report puts around it.
// Builders are pure functions of the result (reports/charts/*.ts); reports/render.ts draws them.
import type { TopLevelSpec } from 'vega-lite';

/** One layer of a layered chart, as vega-lite types it. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export interface Chart {
  /** File-name-safe id: the PNG is chart-<id>.png. */
  id: string;
  /** Heading in the HTML report. */
  title: string;
  /** How to read it, one or two sentences under the chart. */
  caption: string;
  spec: TopLevelSpec;
}

/** A log scale when the values span more than `ratio`, so a slow candidate does not flatten the rest. */
export function spansDecades(values: readonly number[], ratio = 25): boolean {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length < 2) return false;
  return Math.max(...positive) / Math.min(...positive) > ratio;
}

/** A log scale fitted to the data (a nice log domain would run to the next power of ten). */
export function logScale(values: readonly number[]): { type: 'log'; domain: number[]; nice: false } {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  return { type: 'log', domain: [Math.min(...positive) / 1.3, Math.max(...positive) * 1.3], nice: false };
}
