// `replay --repeat 2` through the CLI: two independent replays on seeds seed and seed+1, each with
// its prediction on the same seed, and per percentile a 95 % interval, the prediction's spread,
// the paired error with its interval and a verdict — written as servetwin.fidelity-repeats/v1 and
// printed. No latency is asserted (CI has two shared cores); the statistics must follow from the
// runs in the file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repeatStatistics } from '../../replay/repeat-statistics.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-repeat-'));

describe('replay --repeat', () => {
  it('replays on successive seeds and judges each percentile against the noise', () => {
    const json = path.join(dir, 'repeats.json');
    const r = spawnSync(process.execPath, ['bin/servetwin.js', 'replay', 'scenarios/fidelity-light.yaml', '--serve', '--duration-s', '1.5', '--warmup-s', '0.3', '--repeat', '2', '--json', json], {
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.schema).toBe('servetwin.fidelity-repeats/v1');
    expect(doc.runs).toHaveLength(2);
    expect(doc.runs.map((run: { scenario: { seed: number } }) => run.scenario.seed)).toEqual([11, 12]);
    for (const run of doc.runs) expect(run.schema).toBe('servetwin.fidelity/v2');
    // Matched seeds: each run's prediction is of its own seed's arrivals, so the two differ.
    expect(doc.runs[0].predicted.latency_ms).not.toEqual(doc.runs[1].predicted.latency_ms);
    expect(doc.statistics.seeds).toEqual([11, 12]);
    // The statistics are exactly those of the runs in the file.
    const again = repeatStatistics(
      doc.runs.map((run: { scenario: { seed: number }; measured: { latency_ms: object }; predicted: { latency_ms: object }; valid_for_fidelity: boolean }) => ({
        seed: run.scenario.seed,
        measured: run.measured.latency_ms,
        predicted: run.predicted.latency_ms,
        valid_for_fidelity: run.valid_for_fidelity,
      })),
    );
    expect(doc.statistics).toEqual(JSON.parse(JSON.stringify(again)));
    for (const f of ['p50', 'p90', 'p99']) {
      const s = doc.statistics.figures[f];
      expect(s.measured.values).toEqual(doc.runs.map((run: { measured: { latency_ms: Record<string, number> } }) => run.measured.latency_ms[f]));
      expect(s.measured.half_width).toBeGreaterThanOrEqual(0);
      expect(['exceeds the noise', 'within the noise', 'noise too wide to judge']).toContain(s.verdict);
    }
    expect(doc.valid_for_fidelity).toBe(doc.runs.every((run: { valid_for_fidelity: boolean }) => run.valid_for_fidelity));
    expect(r.stdout).toMatch(/^over 2 independent replays \(seeds 11, 12\), 95 % intervals from the repeats/m);
    // Columns at least two spaces apart, whatever their widths.
    expect(r.stdout).toMatch(/^p99 {5} +\d+\.\d\d ± \d+\.\d\d \(\d+\.\d %\)  +\d+\.\d\d \[\d+\.\d\d–\d+\.\d\d\]  +[+−]\d+\.\d % \[[+−]\d+\.\d %, [+−]\d+\.\d %\]  (exceeds the noise|within the noise|noise too wide to judge): /m);
    expect(r.stderr).toMatch(/replay 2\/2, seed 12: p50 /);
  });
});
