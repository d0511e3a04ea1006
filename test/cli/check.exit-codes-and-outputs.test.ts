// `servetwin check` end to end through the compiled CLI (npm test builds dist/ first): exit 0 when
// every check passes, 1 when a candidate misses its SLO or regressed past a tolerance against a
// baseline, 2 on bad input; JUnit, Markdown and JSON written, and byte-identical on a rerun. A
// baseline may be a result stored by an earlier version (test/regression/fixtures).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAll, parseXml } from '../regression/xml.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-check-'));
const fixtures = 'test/regression/fixtures';

/** A small M/D/c-like scenario on a parametric profile (simulates in milliseconds). */
function scenario(name: string, meanMs: number, candidates: object[]): string {
  const file = path.join(dir, `${name}.yaml`);
  const text = [
    'schema: servetwin.scenario/v1',
    `name: ${name}`,
    'seed: 5',
    'duration_s: 30',
    'warmup_s: 2',
    `profile: { kind: lognormal, mean_ms: ${meanMs}, cv: 0.2 }`,
    'traffic: { arrivals: { kind: poisson, rate_rps: 100 } }',
    'slo: { latency_ms: 40, percentile: 99 }',
    `candidates: ${JSON.stringify(candidates)}`,
  ].join('\n');
  writeFileSync(file, text);
  return file;
}

// Queues long enough never to fill here: with the default bound (4 × max_batch_size × instances,
// 4 requests for `one`) one instance 50 % busy drops 0.18 %, past the SLO's 0.1 %.
const two = { name: 'two', instances: 2, batching: { max_batch_size: 1, max_queue_size: 100 } };
const one = { name: 'one', instances: 1, batching: { max_batch_size: 1, max_queue_size: 100 } };
const fast = scenario('fast', 5, [two, one]);

function check(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/servetwin.js', 'check', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('servetwin check', () => {
  it('exits 0 when every candidate meets its SLO, and writes JUnit, Markdown and JSON', () => {
    const out = (f: string) => path.join(dir, f);
    const r = check(fast, '--junit', out('pass.xml'), '--summary', out('pass.md'), '--json', out('pass.json'), '--result', out('base.json'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PASS: fast \(seed 5\): 2 check\(s\) passed/);
    const xml = parseXml(readFileSync(out('pass.xml'), 'utf8'));
    expect(findAll(xml, 'testcase').map((c) => c.attributes.classname)).toEqual(['fast.two', 'fast.one']);
    expect(readFileSync(out('pass.md'), 'utf8')).toMatch(/^## ✅ servetwin check: fast/);
    const report = JSON.parse(readFileSync(out('pass.json'), 'utf8'));
    expect(report).toMatchObject({ schema: 'servetwin.check/v1', verdict: 'pass', counts: { checks: 2, failed: 0 } });
    expect(JSON.parse(readFileSync(out('base.json'), 'utf8')).schema).toBe('servetwin.result/v1');
  });

  it('exits 1 when a candidate misses its SLO', () => {
    // One instance at 100 rps × 9 ms is 90 % busy: the p99 passes 40 ms.
    const r = check(scenario('busy', 9, [two, one]));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^FAIL: busy \(seed 5\): 1 of 2 check\(s\) failed/);
    expect(r.stdout).toMatch(/FAIL +one +slo +SLO missed: /);
  });

  it('exits 1 on a regression past the tolerance against a baseline, 0 within it, and is deterministic', () => {
    const base = path.join(dir, 'baseline.json');
    expect(check(fast, '--result', base).status).toBe(0);
    // The same config again: nothing changed.
    const same = check(fast, '--baseline', base, '--junit', path.join(dir, 'same1.xml'));
    expect(same.status, same.stdout).toBe(0);
    expect(check(fast, '--baseline', base, '--junit', path.join(dir, 'same2.xml')).stdout).toBe(same.stdout);
    expect(readFileSync(path.join(dir, 'same2.xml'), 'utf8')).toBe(readFileSync(path.join(dir, 'same1.xml'), 'utf8'));
    // A model 20 % slower: p50 and p99 regress past 5 % and 10 %, though the SLO still holds.
    const slower = scenario('fast', 6, [two, one]);
    const r = check(slower, '--baseline', base, '--junit', path.join(dir, 'slower.xml'));
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/FAIL +two +p50 +p50 .* vs baseline .*: regressed past the 5% tolerance/);
    const failures = findAll(parseXml(readFileSync(path.join(dir, 'slower.xml'), 'utf8')), 'failure');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    // Loosened tolerances let the same change pass.
    expect(check(slower, '--baseline', base, '--tolerance', 'p50=50%,p99=100%').status).toBe(0);
  });

  // Each stored result beside the scenario it was simulated from, and a candidate of it that meets its SLO.
  it.each([
    { baseline: 'sweep-2026-12-06.json', scenario: 'stored-sweep.yaml', candidate: 'c[instances=2,max_batch_size=4]' },
    { baseline: 'result-2026-11-23-4fba67a.json', scenario: 'stored-sweep.yaml', candidate: 'c[instances=2,max_batch_size=4]' },
    { baseline: 'result-2026-11-23-9ce6d57.json', scenario: 'stored-results.yaml', candidate: 'two' },
    { baseline: 'result-2026-12-06.json', scenario: '../../../scenarios/steps.yaml', candidate: 'batch-8' },
  ])('compares with the baseline $baseline, a result stored by that version', ({ baseline, scenario, candidate }) => {
    const json = path.join(dir, `against-${baseline}`);
    const r = check(path.join(fixtures, scenario), '--baseline', path.join(fixtures, baseline), '--candidate', candidate, '--json', json);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PASS: /);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.baseline).toMatchObject({ file: path.join(fixtures, baseline) });
    // Same scenario and seed as the baseline: no note but the candidates left out by --candidate.
    expect(report.notes.filter((n: string) => !n.startsWith('candidate(s) in the baseline but not checked now'))).toEqual([]);
    const checks = report.candidates[0].checks as { check: string; status: string; baseline?: number }[];
    expect(checks.map((c) => c.check)).toEqual(['slo', 'p50', 'p99', 'throughput', 'slo_attainment', 'drop_rate']);
    for (const c of checks.slice(1)) expect(c, `${c.check} against ${baseline}`).toMatchObject({ status: 'pass', baseline: expect.any(Number) });
  });

  it('checks a serving config as the only candidate', () => {
    const config = path.join(dir, 'serving.json');
    writeFileSync(config, JSON.stringify({ schema: 'servetwin.serving/v1', models: [{ model: 'ppocr-cls', instances: 2, batching: { max_batch_size: 4, max_queue_delay_ms: 1 } }] }));
    const r = check(fast, '--config', config);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok +serving-config +slo /);
  });

  it('exits 2 with one sentence on bad input', () => {
    const bad = (r: { status: number | null; stderr: string }, pattern: RegExp) => {
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    };
    bad(check(fast, '--tolerance', 'p98=0.1'), /^servetwin: --tolerance: expected a metric among/);
    bad(check(fast, '--baseline', path.join(dir, 'missing.json')), /^servetwin: --baseline: expected a servetwin\.result\/v1 JSON file, but .*missing\.json cannot be read \(no such file\)/);
    const broken = path.join(dir, 'broken.json');
    const stored = JSON.parse(readFileSync(path.join(fixtures, 'sweep-2026-12-06.json'), 'utf8'));
    delete stored.candidates[0].throughput_rps;
    writeFileSync(broken, JSON.stringify(stored));
    bad(check(fast, '--baseline', broken), /broken\.json: candidates\[0\]\.throughput_rps: expected a number, but it is missing/);
    writeFileSync(broken, '{ not json');
    bad(check(fast, '--baseline', broken), /^servetwin: --baseline: expected a servetwin\.result\/v1 JSON file, but .*broken\.json is not valid JSON/);
    bad(check(path.join(dir, 'nope.yaml')), /nope\.yaml: expected a scenario YAML file, but it cannot be read/);
    bad(check(fast, '--junit', path.join(dir, 'no-such-folder', 'j.xml')), /^servetwin: --junit: cannot write/);
    bad(check(fast, '--candidate', 'three'), /^servetwin: --candidate: expected one of "two", "one", got "three"/);
  });
});
