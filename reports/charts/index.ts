// The report's charts, in reading order: cost against latency (when the result is priced), latency
// against load (with a capacity search), latency percentiles, where the time goes, batch sizes, and
// the run over time. Large sweeps chart only the candidates that matter (reports/candidates.ts
// chartedViews) so a report stays quick and legible.
import { candidateViews, chartedViews, type CandidateView } from '../candidates.js';
import type { StoredResult } from '../../config/result.js';
import { batchSizesChart } from './batch-sizes.js';
import type { Chart } from './chart.js';
import { costLatencyChart } from './cost-latency.js';
import { latencyBreakdownChart } from './latency-breakdown.js';
import { latencyPercentilesChart } from './latency-percentiles.js';
import { timeSeriesChart } from './timeseries.js';
import { curvesToDraw, latencyLoadChart } from './latency-load.js';
import type { CapacityResult } from '../../config/capacity.js';

export type { Chart } from './chart.js';

export interface ChartOptions {
  /** Candidates in the per-candidate charts (the cost scatter shows every priced one). */
  maxCandidates?: number;
  /** Candidates in the time-series chart (one line each). */
  maxTimeSeries?: number;
  /** A capacity search of the same scenario: adds the latency-vs-load chart. */
  capacity?: CapacityResult;
}

export const DEFAULT_MAX_CANDIDATES = 20;
export const DEFAULT_MAX_TIME_SERIES = 6;

export interface ChartSet {
  charts: Chart[];
  /** Candidates in the per-candidate charts, and how many there are in all. */
  charted: number;
  total: number;
  timeSeries: number;
}

export function buildCharts(result: StoredResult, options: ChartOptions = {}, views: CandidateView[] = candidateViews(result)): ChartSet {
  const charted = chartedViews(views, options.maxCandidates ?? DEFAULT_MAX_CANDIDATES);
  const overTime = chartedViews(views, options.maxTimeSeries ?? DEFAULT_MAX_TIME_SERIES);
  const label = new Map(views.map((v) => [v.name, v.label]));
  const capacity = options.capacity;
  const recommended = result.recommendation?.name;
  const charts = [
    costLatencyChart(result, views),
    capacity ? latencyLoadChart(capacity, curvesToDraw(capacity, recommended ? [recommended] : []), (name) => label.get(name) ?? name) : null,
    latencyPercentilesChart(result, charted),
    latencyBreakdownChart(result, charted),
    batchSizesChart(result, charted),
    timeSeriesChart(result, overTime),
  ].filter((c): c is Chart => c !== null);
  return { charts, charted: charted.length, total: views.length, timeSeries: overTime.length };
}
