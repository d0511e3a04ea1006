// Loading scenarios: YAML syntax errors name the line, invalid fields name the file and the path
// (`traffic.arrivals.rate_rps: expected a positive number, got -3`), profile files resolve against
// the scenario's folder and then the servetwin folder, and trace files load as CSV or JSON lines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenarioText } from '../../simulator/scenario/load-scenario.js';
import { loadTrace } from '../../simulator/scenario/traffic/trace-file.js';
import { InputError } from '../../common/errors.js';

const VALID = `schema: servetwin.scenario/v1
name: t
seed: 7
duration_s: 60
warmup_s: 5
profile: { kind: exponential, mean_ms: 100 }
traffic:
  arrivals: { kind: poisson, rate_rps: 90 }
slo: { latency_ms: 250, percentile: 99 }
candidates:
  - name: a
    replicas: 1
    instances: 10
    batching: { max_batch_size: 1, max_queue_delay_ms: 0 }
`;

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-scenario-'));
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('scenario loading', () => {
  it('accepts the contract example and fills defaults', () => {
    const s = parseScenarioText(VALID, 'x.yaml');
    expect(s.candidates[0]).toMatchObject({ name: 'a', replicas: 1, instances: 10, router: 'round_robin' });
    expect(s.traffic.items_per_request).toBe(1);
  });

  it('names the file and the field of a bad value', () => {
    const e = errorOf(() => parseScenarioText(VALID.replace('rate_rps: 90', 'rate_rps: -3'), 'scenarios/x.yaml'));
    expect(e.message).toBe('scenarios/x.yaml: traffic.arrivals.rate_rps: expected a positive number, got -3');
    expect(e.detail.path).toBe('traffic.arrivals.rate_rps');
  });

  it.each([
    ['an unknown traffic kind', VALID.replace('kind: poisson', 'kind: poison'), /traffic\.arrivals\.kind: .*'poisson' \| 'steps'.*got "poison"/],
    ['a missing field', VALID.replace('duration_s: 60\n', ''), /duration_s: expected a number, but it is missing/],
    ['a misspelt field', VALID.replace('instances: 10', 'instance: 10'), /candidates\[0\]: unknown field\(s\) "instance"/],
    ['a warm-up past the end', VALID.replace('warmup_s: 5', 'warmup_s: 60'), /warmup_s: warmup_s must be less than duration_s/],
    ['a fractional batch size', VALID.replace('max_batch_size: 1', 'max_batch_size: 1.5'), /candidates\[0\]\.batching\.max_batch_size: expected an integer, got 1.5/],
    ['duplicate candidate names', VALID.replace('candidates:\n', 'candidates:\n  - { name: a, batching: { max_batch_size: 1 } }\n'), /candidates: candidate names must be unique/],
    [
      'an MMPP that never sends',
      VALID.replace('{ kind: poisson, rate_rps: 90 }', '{ kind: mmpp, states: [{ rate_rps: 0, mean_dwell_s: 1 }, { rate_rps: 0, mean_dwell_s: 1 }] }'),
      /traffic\.arrivals\.states: at least one state must have a rate above 0/,
    ],
    ['a wrong schema tag', VALID.replace('servetwin.scenario/v1', 'servetwin.scenario/v2'), /schema: expected one of "servetwin.scenario\/v1"/],
  ])('rejects %s with a path-qualified message', (_what, text, pattern) => {
    expect(errorOf(() => parseScenarioText(text, 'x.yaml')).message).toMatch(pattern);
  });

  it('names the line of a YAML syntax error', () => {
    const e = errorOf(() => parseScenarioText(VALID.replace('{ latency_ms: 250, percentile: 99 }', '[latency_ms: 250'), 'bad.yaml'));
    expect(e.message).toMatch(/^bad\.yaml: line \d+, column \d+: invalid YAML \(/);
  });

  it('names a missing scenario file', () => {
    expect(errorOf(() => loadScenario(path.join(dir, 'nope.yaml'))).message).toMatch(/nope\.yaml: expected a scenario YAML file, but it cannot be read \(no such file\)/);
  });

  it('resolves a profile file next to the scenario, then in the servetwin folder', () => {
    write('p.json', JSON.stringify({ schema: 'servetwin.profile/v1', kind: 'deterministic', mean_ms: 4 }));
    const local = loadScenario(write('local.yaml', VALID.replace('{ kind: exponential, mean_ms: 100 }', '{ file: p.json }')));
    expect(local.profile).toMatchObject({ kind: 'deterministic', mean_ms: 4 });
    expect(local.profileSource).toBe('p.json');
    const shipped = loadScenario(write('shipped.yaml', VALID.replace('{ kind: exponential, mean_ms: 100 }', '{ file: calibration/profiles/ppocr-cls.cpu-2core.json }')));
    expect(shipped.profile.kind).toBe('measured');
    const missing = errorOf(() => loadScenario(write('missing.yaml', VALID.replace('{ kind: exponential, mean_ms: 100 }', '{ file: nope.json }'))));
    expect(missing.message).toMatch(/missing\.yaml: profile\.file: expected a profile file, but "nope\.json" was found neither in/);
  });

  it('loads a trace relative to the scenario file', () => {
    write('t.csv', 'time_s\n100\n100.5\n');
    const loaded = loadScenario(write('trace.yaml', VALID.replace('{ kind: poisson, rate_rps: 90 }', '{ kind: trace, file: t.csv }')));
    expect(Array.from(loaded.trace!.timesMs)).toEqual([0, 500]);
  });
});

describe('trace files', () => {
  const fixtures = path.join(import.meta.dirname, 'fixtures');

  it('reads CSV with time_ms, sorted and shifted to 0', () => {
    const t = loadTrace(path.join(fixtures, 'tiny.csv'));
    expect(Array.from(t.timesMs)).toEqual([0, 10, 10.5]);
    expect(t.items).toBeNull();
  });

  it('reads JSON lines with time_s and items (missing items = the scenario default)', () => {
    const t = loadTrace(path.join(fixtures, 'tiny.jsonl'));
    expect(Array.from(t.timesMs)).toEqual([0, 250, 1000]);
    expect(Array.from(t.items!)).toEqual([2, 0, 0]);
  });

  it.each([
    ['no time column', 'when,items\n1,1\n', /line 1: expected a CSV header with a time_s or time_ms column/],
    ['a bad number', 'time_s\n1\nabc\n', /line 3: time_s: expected a number, got "abc"/],
    ['bad items', 'time_s,items\n1,0\n', /line 2: items: expected a positive integer, got "0"/],
    ['no rows', 'time_s\n', /expected at least one request in the trace/],
  ])('rejects a CSV with %s, naming the line', (_what, text, pattern) => {
    expect(errorOf(() => loadTrace(write(`bad-${Math.random()}.csv`, text))).message).toMatch(pattern);
  });

  it('rejects a JSON line that is not JSON, naming the line', () => {
    expect(errorOf(() => loadTrace(write('bad.jsonl', '{"time_s": 1}\n{oops\n'))).message).toMatch(/bad\.jsonl: line 2: expected a JSON object/);
  });
});
