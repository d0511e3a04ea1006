// Reads a trace of request times for `traffic.arrivals: { kind: trace, file }`: CSV with a header
// row naming a `time_s` or `time_ms` column (and optionally `items`), or JSON lines (`.jsonl`,
// `.ndjson`) of objects with those fields. Times may be absolute (epoch) or relative; they are
// sorted and shifted so the first request is at 0. Every error names the file and line.
import { readFileSync } from 'node:fs';
import { InputError, errorMessage } from '../../../common/errors.js';
import type { TraceData } from './trace.js';

interface Row {
  time: number;
  items: number;
}

export function loadTrace(file: string, shownAs = file): TraceData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${shownAs}: expected a trace file (CSV or JSON lines), but it cannot be read (${code === 'ENOENT' ? 'no such file' : errorMessage(err)})`, {
      source: shownAs,
    });
  }
  const jsonLines = /\.(jsonl|ndjson)$/i.test(file);
  const { rows, scale } = jsonLines ? parseJsonLines(text, shownAs) : parseCsv(text, shownAs);
  if (rows.length === 0) throw new InputError(`${shownAs}: expected at least one request in the trace, found none`, { source: shownAs });
  rows.sort((a, b) => a.time - b.time);
  const first = rows[0]!.time;
  const anyItems = rows.some((r) => r.items !== 0);
  return {
    file: shownAs,
    timesMs: Float64Array.from(rows, (r) => (r.time - first) * scale),
    items: anyItems ? Uint32Array.from(rows, (r) => r.items) : null,
  };
}

function parseCsv(text: string, file: string): { rows: Row[]; scale: number } {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const timeCol = header.findIndex((h) => h === 'time_s' || h === 'time_ms');
  if (timeCol < 0) {
    throw new InputError(`${file}: line 1: expected a CSV header with a time_s or time_ms column, got ${JSON.stringify(lines[0] ?? '')}`, {
      source: file,
    });
  }
  const scale = header[timeCol] === 'time_s' ? 1000 : 1;
  const itemsCol = header.indexOf('items');
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',');
    rows.push({
      time: number(cells[timeCol], file, i + 1, header[timeCol]!),
      items: itemsCol >= 0 ? items(cells[itemsCol], file, i + 1) : 0,
    });
  }
  return { rows, scale };
}

function parseJsonLines(text: string, file: string): { rows: Row[]; scale: number } {
  const rows: Row[] = [];
  let scale = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (err) {
      throw new InputError(`${file}: line ${i + 1}: expected a JSON object, but it is not valid JSON (${errorMessage(err)})`, { source: file });
    }
    const rec = (obj ?? {}) as Record<string, unknown>;
    const key = 'time_s' in rec ? 'time_s' : 'time_ms' in rec ? 'time_ms' : undefined;
    if (key === undefined) throw new InputError(`${file}: line ${i + 1}: expected a time_s or time_ms field`, { source: file });
    const lineScale = key === 'time_s' ? 1000 : 1;
    if (scale !== 0 && scale !== lineScale) throw new InputError(`${file}: line ${i + 1}: mixes time_s and time_ms; use one`, { source: file });
    scale = lineScale;
    rows.push({
      time: number(rec[key], file, i + 1, key),
      items: 'items' in rec ? items(rec.items, file, i + 1) : 0,
    });
  }
  return { rows, scale: scale || 1 };
}

function number(raw: unknown, file: string, line: number, field: string): number {
  const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(v)) throw new InputError(`${file}: line ${line}: ${field}: expected a number, got ${JSON.stringify(raw ?? '')}`, { source: file });
  return v;
}

function items(raw: unknown, file: string, line: number): number {
  const v = number(raw, file, line, 'items');
  if (!Number.isInteger(v) || v < 1) throw new InputError(`${file}: line ${line}: items: expected a positive integer, got ${JSON.stringify(raw)}`, { source: file });
  return v;
}
