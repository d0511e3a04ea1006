// The one result loader (config/result-file.ts) reads what every version of servetwin wrote: the
// stored results in test/regression/fixtures were written by earlier commits' code (the first
// servetwin.result/v1, the first `check --result`) and by today's, and must keep loading, unchanged,
// because users keep them as `check --baseline`. A file of this version passes the `written` mode
// too, whose every field is required; an older file misses exactly the fields declared `later`.
// Fields a later version adds pass through; anything else wrong is an error naming file and field.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../common/errors.js';
import { loadResult, parseResult } from '../../config/result-file.js';

const fixtures = path.resolve(import.meta.dirname, '../regression/fixtures');
const goldens = path.resolve(import.meta.dirname, '../scenarios/golden-results');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-result-file-'));

const jsonFiles = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.json')).map((f) => path.join(folder, f));
const text = (file: string) => readFileSync(file, 'utf8');

/** The message of the InputError `f` throws. */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

describe('loadResult', () => {
  it.each(jsonFiles(fixtures).map((file) => ({ file, name: path.basename(file) })))('loads the stored $name unchanged', ({ file }) => {
    const loaded = loadResult(file);
    // Same keys in the same order, same values: what a merge or a report passes on is the file's.
    expect(`${JSON.stringify(loaded, null, 2)}\n`).toBe(text(file));
  });

  it.each(jsonFiles(goldens).map((file) => ({ file, name: path.basename(file) })))('reads the golden $name (what plan() writes today) in the written mode', ({ file }) => {
    expect(() => loadResult(file, { mode: 'written' })).not.toThrow();
  });

  it("reads today's fixtures in the written mode, and older ones miss only the fields declared later", () => {
    const missing = (name: string) =>
      new Set(
        errorOf(() => loadResult(path.join(fixtures, name), { mode: 'written' }))
          .split('\n')
          // One issue reads "FILE: PATH: expected …"; several, "FILE: " then one "  PATH: expected …" a line.
          .map((line) => /(?:^\s+|\.json: )([^:\s]+): expected .*, but it is missing$/.exec(line)?.[1])
          .filter((field): field is string => field !== undefined)
          .map((field) => field.replace(/^candidates\[\d+\]/, 'candidates[]')),
      );
    // Results written earlier today: before the queue's split (queue_split_ms), and before the recommendation stated its margin (#11).
    const split = 'candidates[].queue_split_ms';
    expect([...missing('result-2026-12-06-margin.json')]).toEqual([split]);
    expect([...missing('sweep-2026-12-06-margin.json')]).toEqual([split]);
    expect([...missing('result-2026-12-06.json')].sort()).toEqual([split, 'recommendation.margin'].sort());
    expect([...missing('sweep-2026-12-06.json')].sort()).toEqual([split, 'recommendation.margin'].sort());
    // The first `check --result` (before autoscaling) had the planner's fields but no replica summary, scaling events or usage.
    expect([...missing('result-2026-11-23-4fba67a.json')].sort()).toEqual([split, 'candidates[].replicas', 'candidates[].scaling_events', 'candidates[].usage', 'recommendation.margin'].sort());
    // The first servetwin.result/v1: a plain simulation, before the SLO's drop bound and the planner.
    expect([...missing('result-2026-11-23-9ce6d57.json')].sort()).toEqual(
      [
        'scenario.slo.max_drop_rate',
        'candidates[].drop_rate',
        'candidates[].latency_at_slo_percentile_ms',
        'candidates[].replicas',
        'candidates[].scaling_events',
        'candidates[].usage',
        'candidates[].position',
        'candidates[].cost',
        'candidates[].seeds',
        'candidates[].serving_config',
        'candidates[].queue_split_ms',
        'seeds',
        'cost_axis',
        'frontier',
        'recommendation',
      ].sort(),
    );
  });

  it('passes fields a later version added through, in the stored mode only', () => {
    const raw = JSON.parse(text(path.join(fixtures, 'sweep-2026-12-06.json')));
    raw.provenance = { host: 'ci' };
    raw.scenario.slo.max_queue_ms = 5;
    raw.candidates[1].energy_joules = 12;
    raw.candidates[1].config.batching.priority_levels = 2;
    raw.candidates[1].seeds[0].p95_ms = 3;
    const stored = parseResult(raw, 'later.json');
    expect(stored).toBe(raw);
    expect((stored.candidates[1] as Record<string, unknown>).energy_joules).toBe(12);
    const message = errorOf(() => parseResult(raw, 'later.json', 'written'));
    expect(message).toContain('(top level): unknown field(s) "provenance"');
    expect(message).toContain('candidates[1].config.batching: unknown field(s) "priority_levels"');
    expect(message).toContain('candidates[1].seeds[0]: unknown field(s) "p95_ms"');
  });

  it('names the file and the field when a stored result is broken', () => {
    const raw = JSON.parse(text(path.join(fixtures, 'result-2026-11-23-4fba67a.json')));
    delete raw.candidates[2].throughput_rps;
    raw.candidates[0].seeds[1].slo_met = 'yes';
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(raw));
    const message = errorOf(() => loadResult(file));
    expect(message).toBe(`${file}: \n  candidates[0].seeds[1].slo_met: expected a boolean, got "yes"\n  candidates[2].throughput_rps: expected a number, but it is missing`);
  });

  it('says what the file should have been when it is not a result', () => {
    const file = path.join(dir, 'profile.json');
    writeFileSync(file, '{"schema":"servetwin.profile/v1"}');
    expect(errorOf(() => loadResult(file))).toMatch(/profile\.json: expected a servetwin\.result\/v1 result .*, but its schema is "servetwin\.profile\/v1"$/);
    writeFileSync(file, '{ not json');
    expect(errorOf(() => loadResult(file, { label: '--baseline' }))).toMatch(/^--baseline: expected a servetwin\.result\/v1 JSON file, but .*profile\.json is not valid JSON/);
    expect(errorOf(() => loadResult(path.join(dir, 'nope.json')))).toMatch(/nope\.json: expected a servetwin\.result\/v1 JSON file, but it cannot be read \(no such file\)$/);
  });
});
