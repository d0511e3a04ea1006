// What a caller can ask of a report (`servetwin report` flags, `servetwin start`), kept apart
// from reports/write.ts so the CLI can declare its flags without loading vega until it draws.
import type { ChartOptions } from './charts/index.js';
import type { Explanation } from '../config/explain.js';
import type { CapacityResult } from '../config/capacity.js';

export type ReportFormat = 'html' | 'md' | 'both';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md', 'both'];

export interface ReportOptions extends ChartOptions {
  /** Which files to write (default both). */
  format?: ReportFormat;
  /** Also write each chart as a PNG. */
  png?: boolean;
  /** Where the result came from, named in the report's footer. */
  source?: string;
  /** `servetwin explain`'s figures for the result, added as a section of both files. */
  explanation?: Explanation;
  /** A capacity search of the same scenario (`servetwin capacity --json`): its table, the latency-vs-load chart, the winner's headroom. */
  capacity?: CapacityResult;
  /** Where that came from, named in the footer. */
  capacitySource?: string;
}
