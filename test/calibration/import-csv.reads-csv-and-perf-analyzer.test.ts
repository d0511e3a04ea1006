// Imported profiles: a CSV of batch_size,latency_ms rows (several rows per size are its samples),
// a summary CSV (p50/p99 → a lognormal, stated in `synthesis`), and Triton perf_analyzer's CSV
// export (µs; the lowest-concurrency row; batch size from --batch-sizes).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../common/errors.js';
import { importProfile } from '../../calibration/import-csv.js';
import { serviceTimeFor } from '../../simulator/fleet/service-time.js';
import { ProfileSchema } from '../../config/profile.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-import-'));
function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}
function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

const PERF_HEADER =
  'Concurrency,Inferences/Second,Client Send,Network+Server Send/Recv,Server Queue,Server Compute Input,Server Compute Infer,Server Compute Output,Client Recv,p50 latency,p90 latency,p95 latency,p99 latency,Avg latency';

describe('importProfile, csv', () => {
  it('turns rows into samples per batch size', () => {
    const f = file('gpu.csv', '# measured on an A10G\nbatch_size,latency_ms,note\n1,2.0,a\n8,5.0,\n1,2.2,\n1,1.8,\n8,5.5,\n');
    const p = importProfile({ files: [f], hostLabel: 'A10G' }, new Date('2024-05-01T00:00:00Z'));
    expect(ProfileSchema.parse(p)).toEqual(p);
    expect(p.source).toEqual({ file: f, format: 'csv' });
    expect(p.host).toBe('A10G');
    expect(p.batches.map((b) => [b.batch_size, b.samples_ms])).toEqual([
      [1, [2, 2.2, 1.8]],
      [8, [5, 5.5]],
    ]);
    expect(p.batches[0]!.p50_ms).toBe(2);
    expect(p.batches[0]!.synthesis).toBeUndefined();
  });

  it('fits a lognormal to p50/p99 summaries and says so', () => {
    const f = file('summary.csv', 'batch_size,p50_ms,p99_ms\n4,10,20\n16,30,45\n');
    const p = importProfile({ files: [f] });
    const b = p.batches[0]!;
    expect(b.samples_ms).toHaveLength(200);
    expect(b.p50_ms).toBe(10);
    expect(b.p99_ms).toBe(20);
    expect(b.synthesis).toMatch(/^lognormal fitted to p50 10 ms and p99 20 ms/);
    // The synthesised samples reproduce the given percentiles when sampled by the simulator.
    const st = serviceTimeFor(p);
    expect(st.sample(4, () => 0.5)).toBeCloseTo(10, 1);
    // 200 points at (k + 0.5)/200: u = 0.99 lands on the point at p = 0.9925, just above p99.
    expect(st.sample(4, () => 0.99)).toBeGreaterThan(20);
    expect(st.sample(4, () => 0.99)).toBeLessThan(21);
    expect(st.sample(4, () => 0.985)).toBeLessThan(20);
  });

  it('names the file and line of a bad value, and the header it expected', () => {
    const bad = file('bad.csv', 'batch_size,latency_ms\n1,2\n2,fast\n');
    expect(message(() => importProfile({ files: [bad] }))).toBe(`${bad}: line 3: expected latency_ms to be a non-negative number, got "fast"`);
    const noCols = file('cols.csv', 'size,time\n1,2\n');
    expect(message(() => importProfile({ files: [noCols] }))).toMatch(/expected a header with batch_size and latency_ms/);
    const frac = file('frac.csv', 'batch_size,latency_ms\n1.5,2\n');
    expect(message(() => importProfile({ files: [frac] }))).toMatch(/line 2: expected batch_size to be a positive integer/);
    expect(message(() => importProfile({ files: [path.join(dir, 'none.csv')] }))).toMatch(/none\.csv: expected a CSV file to import, but it cannot be read \(no such file\)/);
  });
});

describe('importProfile, perf_analyzer', () => {
  const rows = `${PERF_HEADER}\n2,900,40,300,500,20,1500,30,10,2400,2900,3100,3600,2500\n1,500,40,300,10,20,1500,30,10,1900,2300,2500,3000,2000\n`;

  it('uses the lowest-concurrency row, in µs, with the batch size from --batch-sizes', () => {
    const f = file('pa-b8.csv', rows);
    const p = importProfile({ files: [f], batchSizes: [8] });
    expect(p.source.format).toBe('perf_analyzer');
    const b = p.batches[0]!;
    expect(b.batch_size).toBe(8);
    expect([b.p50_ms, b.p90_ms, b.p99_ms]).toEqual([1.9, 2.3, 3]);
    expect(b.synthesis).toMatch(/client-side latency at Concurrency 1 .*Avg latency was 2 ms, server compute \(input\+infer\+output\) 1\.55 ms/);
    expect(ProfileSchema.safeParse(p).success).toBe(true);
  });

  it('joins several files, one batch size each', () => {
    const a = file('pa-1.csv', rows);
    const b = file('pa-4.csv', rows.replaceAll('1900', '4000').replaceAll('3000', '6000'));
    const p = importProfile({ files: [b, a], batchSizes: [4, 1] });
    expect(p.batches.map((x) => [x.batch_size, x.p50_ms])).toEqual([
      [1, 1.9],
      [4, 4],
    ]);
  });

  it('needs one batch size per file', () => {
    const f = file('pa.csv', rows);
    expect(message(() => importProfile({ files: [f] }))).toMatch(/^--batch-sizes: perf_analyzer files do not record their batch size/);
  });
});
