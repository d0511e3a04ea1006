// writeReport: a result in (and optionally a capacity search of the same scenario), report files
// out — report.html (charts inline), report.md, and with `png` one chart-<id>.png per chart. Called by `servetwin report` (cli/commands/report.ts) and by
// `servetwin start` after its sweep.
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, errorMessage } from '../common/errors.js';
import { candidateViews } from './candidates.js';
import { buildCharts } from './charts/index.js';
import { renderHtml, type RenderedChart } from './html.js';
import { renderMarkdown } from './markdown.js';
import { EXPLAIN_CSS, renderExplanationSection } from './explain-html.js';
import { renderExplanationMarkdown } from './explain-markdown.js';
import { renderSvg, scopeSvgIds, svgToPng, svgTooltips } from './render.js';
import type { ReportOptions } from './options.js';
import type { StoredResult } from '../config/result.js';

export { REPORT_FORMATS, type ReportFormat, type ReportOptions } from './options.js';

export interface WrittenReport {
  /** Paths written, in order. */
  files: string[];
  /** Warnings vega / vega-lite raised while drawing (none expected). */
  warnings: string[];
  /** The Markdown summary, when written (so a caller can also print it). */
  markdown: string | null;
}

export const HTML_FILE = 'report.html';
export const MARKDOWN_FILE = 'report.md';

export async function writeReport(result: StoredResult, outDir: string, options: ReportOptions = {}): Promise<WrittenReport> {
  const format = options.format ?? 'both';
  prepareDir(outDir);
  const views = candidateViews(result);
  const set = buildCharts(result, options, views);
  const wantHtml = format === 'html' || format === 'both';
  const wantMd = format === 'md' || format === 'both';
  const files: string[] = [];
  const warnings: string[] = [];

  const rendered: RenderedChart[] = [];
  if (wantHtml || options.png) {
    for (const chart of set.charts) {
      const { svg, warnings: w } = await renderSvg(chart.spec);
      warnings.push(...w.map((m) => `${chart.id}: ${m}`));
      rendered.push({ chart, svg: svgTooltips(scopeSvgIds(svg, chart.id)) });
    }
  }
  const charted = { charted: set.charted, total: set.total, timeSeries: set.timeSeries };
  if (wantHtml) {
    const file = path.join(outDir, HTML_FILE);
    const extraSections = options.explanation ? [{ html: renderExplanationSection(options.explanation), css: EXPLAIN_CSS }] : [];
    writeFileSync(file, renderHtml({ result, views, charts: rendered, charted, source: options.source, capacity: options.capacity, capacitySource: options.capacitySource, extraSections }));
    files.push(file);
  }
  let markdown: string | null = null;
  if (wantMd) {
    markdown = renderMarkdown(result, views, charted, options.capacity);
    if (options.explanation) markdown += `\n${renderExplanationMarkdown(options.explanation, 2)}`;
    const file = path.join(outDir, MARKDOWN_FILE);
    writeFileSync(file, markdown);
    files.push(file);
  }
  if (options.png) {
    for (const { chart, svg } of rendered) {
      const file = path.join(outDir, `chart-${chart.id}.png`);
      writeFileSync(file, svgToPng(svg));
      files.push(file);
    }
  }
  return { files, warnings, markdown };
}

/** Creates the output folder; an InputError naming it when that is impossible. */
function prepareDir(dir: string): void {
  const fail = (why: string): never => {
    throw new InputError(`${dir}: cannot write the report there (${why})`, { source: dir });
  };
  if (existsSync(dir) && !statSync(dir).isDirectory()) fail('it is a file, not a folder');
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' ? 'a parent is not a folder' : errorMessage(err));
  }
}
