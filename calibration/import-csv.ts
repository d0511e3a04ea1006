// Builds an `imported` profile from latencies measured elsewhere (a GPU, another server), so a
// planner can simulate hardware servetwin cannot run on. Two formats:
//  - csv: a header naming `batch_size` and either `latency_ms` (one row per measured pass: the rows
//    of a size are its samples), or `p50_ms` and `p99_ms` (summaries: a lognormal is fitted), or
//    `mean_ms` alone (a constant service time). Other columns are ignored.
//  - perf_analyzer: Triton perf_analyzer's `-f` CSV export (latencies in µs). It runs one batch
//    size per file, so the batch size of each file comes from --batch-sizes.
// Used by `servetwin calibrate --import`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, errorMessage } from '../common/errors.js';
import { PROFILE_SCHEMA_ID, type ImportedBatch, type ImportedProfile } from '../config/profile.js';
import { normalQuantile } from '../common/normal-quantile.js';
import { round, summarize, tukeyOutliers } from './statistics.js';

export type ImportFormat = 'csv' | 'perf_analyzer';

export interface ImportOptions {
  files: readonly string[];
  /** Detected from the header when absent (a `Concurrency` or `Request Rate` column means perf_analyzer). */
  format?: ImportFormat;
  /** perf_analyzer only: the batch size each file was measured at, in file order. */
  batchSizes?: readonly number[];
  /** Free text saying where the numbers were measured. */
  hostLabel?: string;
  modelName?: string;
}

/** Points of the fitted distribution stored as samples_ms when only summaries exist. */
export const SYNTHESIZED_POINTS = 200;
const Z99 = normalQuantile(0.99);

interface Table {
  file: string;
  header: string[];
  rows: string[][];
  /** 1-based line number of each row, for error messages. */
  lines: number[];
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') cells.push(cell.trim()), (cell = '');
    else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

export function readTable(file: string): Table {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: expected a CSV file to import, but it cannot be read (${code === 'ENOENT' ? 'no such file' : errorMessage(err)})`, {
      source: file,
    });
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  let header: string[] | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (!header) header = splitCsvLine(line);
    else rows.push(splitCsvLine(line)), lines.push(i + 1);
  });
  if (!header || rows.length === 0) throw new InputError(`${file}: expected a header line and at least one data row, but the file has none`, { source: file });
  return { file, header, rows, lines };
}

function column(table: Table, name: string): number {
  return table.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
}

function numberAt(table: Table, row: number, col: number, what: string, positive = true): number {
  const text = table.rows[row]![col] ?? '';
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new InputError(`${table.file}: line ${table.lines[row]}: expected ${what} to be a ${positive ? 'positive' : 'non-negative'} number, got ${JSON.stringify(text)}`, {
      source: table.file,
      path: `line ${table.lines[row]}`,
    });
  }
  return value;
}

export function detectFormat(table: Table): ImportFormat {
  return column(table, 'Concurrency') >= 0 || column(table, 'Request Rate') >= 0 ? 'perf_analyzer' : 'csv';
}

/** A lognormal through (p50, p99), stored as its quantiles at (k + 0.5)/K. */
export function lognormalSamples(p50: number, p99: number): { samples: number[]; sigma: number } {
  const sigma = Math.log(p99 / p50) / Z99;
  const mu = Math.log(p50);
  const samples = Array.from({ length: SYNTHESIZED_POINTS }, (_, k) => round(Math.exp(mu + sigma * normalQuantile((k + 0.5) / SYNTHESIZED_POINTS))));
  return { samples, sigma };
}

function fromSummary(batchSize: number, p50: number, p99: number, p90: number | undefined, origin: string, where: string): ImportedBatch {
  if (p99 < p50) throw new InputError(`${where}: expected p99 >= p50, got p50 ${p50} and p99 ${p99}`, { source: where });
  const { samples, sigma } = lognormalSamples(p50, p99);
  const stats = summarize(batchSize, samples);
  return {
    ...stats,
    p50_ms: round(p50),
    p90_ms: round(p90 ?? stats.p90_ms),
    p99_ms: round(p99),
    synthesis: `lognormal fitted to p50 ${round(p50)} ms and p99 ${round(p99)} ms (sigma ${sigma.toFixed(4)}) ${origin}; samples_ms are its ${SYNTHESIZED_POINTS} quantiles at (k+0.5)/${SYNTHESIZED_POINTS}`,
  };
}

/** csv format: batch sizes and latencies (or summaries) in ms. */
function importCsv(table: Table): ImportedBatch[] {
  const size = column(table, 'batch_size');
  const latency = column(table, 'latency_ms');
  const p50 = column(table, 'p50_ms');
  const p90 = column(table, 'p90_ms');
  const p99 = column(table, 'p99_ms');
  const mean = column(table, 'mean_ms');
  if (size < 0 || (latency < 0 && (p50 < 0 || p99 < 0) && mean < 0)) {
    throw new InputError(
      `${table.file}: expected a header with batch_size and latency_ms (one row per sample), or batch_size with p50_ms and p99_ms, or batch_size with mean_ms; got ${table.header.join(',')}`,
      { source: table.file, found: table.header.join(',') },
    );
  }
  const bySize = new Map<number, number[]>();
  table.rows.forEach((_, r) => {
    const n = numberAt(table, r, size, 'batch_size');
    if (!Number.isSafeInteger(n)) throw new InputError(`${table.file}: line ${table.lines[r]}: expected batch_size to be a positive integer, got ${n}`, { source: table.file });
    if (!bySize.has(n)) bySize.set(n, []);
    bySize.get(n)!.push(r);
  });
  return [...bySize.entries()].map(([n, rows]) => {
    if (latency >= 0) {
      const samples = rows.map((r) => numberAt(table, r, latency, 'latency_ms', false));
      return { ...summarize(n, samples), outliers: tukeyOutliers(samples) };
    }
    const r = rows[0]!;
    if (rows.length > 1) throw new InputError(`${table.file}: line ${table.lines[rows[1]!]}: batch_size ${n} appears twice; summary rows give one line per size`, { source: table.file });
    if (p50 >= 0 && p99 >= 0) {
      return fromSummary(n, numberAt(table, r, p50, 'p50_ms'), numberAt(table, r, p99, 'p99_ms'), p90 >= 0 ? numberAt(table, r, p90, 'p90_ms') : undefined, `from ${path.basename(table.file)}`, table.file);
    }
    const m = numberAt(table, r, mean, 'mean_ms');
    return { ...summarize(n, [m]), synthesis: `only a mean was given (${path.basename(table.file)}): a constant service time of ${round(m)} ms` };
  });
}

/** perf_analyzer format: the lowest-concurrency (or lowest-rate) row of one file, latencies in µs. */
function importPerfAnalyzer(table: Table, batchSize: number): ImportedBatch {
  const load = column(table, 'Concurrency') >= 0 ? column(table, 'Concurrency') : column(table, 'Request Rate');
  const p50 = column(table, 'p50 latency');
  const p90 = column(table, 'p90 latency');
  const p99 = column(table, 'p99 latency');
  if (load < 0 || p50 < 0 || p99 < 0) {
    throw new InputError(`${table.file}: expected perf_analyzer's CSV export with Concurrency (or Request Rate), p50 latency and p99 latency columns, got ${table.header.join(',')}`, {
      source: table.file,
    });
  }
  let best = 0;
  table.rows.forEach((_, r) => {
    if (numberAt(table, r, load, table.header[load]!) < numberAt(table, best, load, table.header[load]!)) best = r;
  });
  const us = (col: number, what: string) => numberAt(table, best, col, what) / 1000;
  const avg = column(table, 'Avg latency');
  const compute = ['Server Compute Input', 'Server Compute Infer', 'Server Compute Output'].map((c) => column(table, c));
  const extra = [
    avg >= 0 ? `its Avg latency was ${round(us(avg, 'Avg latency'))} ms` : '',
    compute.every((c) => c >= 0) ? `server compute (input+infer+output) ${round(compute.reduce((s, c) => s + us(c, table.header[c]!), 0))} ms` : '',
  ].filter(Boolean);
  const origin =
    `from perf_analyzer's client-side latency at ${table.header[load]} ${table.rows[best]![load]} in ${path.basename(table.file)} ` +
    `(includes client and network time${extra.length ? `; ${extra.join(', ')}` : ''})`;
  return fromSummary(batchSize, us(p50, 'p50 latency'), us(p99, 'p99 latency'), p90 >= 0 ? us(p90, 'p90 latency') : undefined, origin, table.file);
}

export function importProfile(options: ImportOptions, now = new Date()): ImportedProfile {
  const tables = options.files.map(readTable);
  const formats = new Set(tables.map((t) => options.format ?? detectFormat(t)));
  if (formats.size > 1) throw new InputError(`--import: the files mix csv and perf_analyzer formats; import them separately`, { source: '--import' });
  const format = [...formats][0]!;
  let batches: ImportedBatch[];
  if (format === 'perf_analyzer') {
    const sizes = options.batchSizes ?? [];
    if (sizes.length !== tables.length) {
      throw new InputError(
        `--batch-sizes: perf_analyzer files do not record their batch size; give one per imported file in order (${tables.length} file(s)), got ${sizes.length ? sizes.join(',') : 'none'}`,
        { source: '--batch-sizes' },
      );
    }
    batches = tables.map((t, i) => importPerfAnalyzer(t, sizes[i]!));
  } else {
    batches = tables.flatMap(importCsv);
  }
  batches.sort((a, b) => a.batch_size - b.batch_size);
  const dup = batches.find((b, i) => i > 0 && b.batch_size === batches[i - 1]!.batch_size);
  if (dup) throw new InputError(`--import: batch size ${dup.batch_size} is given by more than one file`, { source: '--import' });
  return {
    schema: PROFILE_SCHEMA_ID,
    kind: 'imported',
    source: { file: options.files.join(', '), format },
    host: options.hostLabel ?? 'unknown (imported)',
    ...(options.modelName ? { model: { name: options.modelName } } : {}),
    batches,
    imported_at: now.toISOString(),
  };
}
