// The JUnit XML check writes parses back as well-formed XML (test/regression/xml.ts) with the
// structure CI reporters read: counts that add up, one <testcase> per candidate × check, <failure>
// and <skipped> where due, and any candidate name — quotes, ampersands, angle brackets, control
// characters — escaped (fast-check, fixed seed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../regression/check.js';
import { toJUnit } from '../../regression/junit.js';
import { parseTolerances } from '../../regression/tolerance.js';
import { baseline, candidate, result } from './helpers.js';
import { findAll, parseXml } from './xml.js';

describe('JUnit output', () => {
  it('has one test case per candidate × check, with failures and skips', () => {
    const report = runChecks(
      result([candidate('ok'), candidate('slow', { p99: 40, attainment: 0.9 }), candidate('new')]),
      baseline([candidate('ok'), candidate('slow', { p99: 12 })]),
      parseTolerances(),
    );
    const root = parseXml(toJUnit(report));
    expect(root.name).toBe('testsuites');
    const [suite] = findAll(root, 'testsuite');
    const cases = findAll(root, 'testcase');
    expect(cases).toHaveLength(3 * 6);
    for (const el of [root, suite!]) {
      expect(Number(el.attributes.tests)).toBe(cases.length);
      expect(Number(el.attributes.failures)).toBe(findAll(root, 'failure').length);
      expect(Number(el.attributes.skipped)).toBe(findAll(root, 'skipped').length);
    }
    const failed = cases.filter((c) => c.children.some((x) => x.name === 'failure')).map((c) => `${c.attributes.classname}/${c.attributes.name}`);
    expect(failed).toEqual(['hand-made.slow/slo', 'hand-made.slow/p99', 'hand-made.slow/slo_attainment']);
    expect(findAll(root, 'skipped')).toHaveLength(5);
    const failure = findAll(root, 'failure')[1]!;
    expect(failure.attributes.type).toBe('regression');
    expect(failure.text).toBe(failure.attributes.message);
    expect(failure.text).toMatch(/^p99 40\.0 ms vs baseline 12\.0 ms \(\+233\.3%\)/);
  });

  it('escapes any candidate name and still parses back to the same name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30, unit: 'binary' }), (name) => {
        const report = runChecks(result([candidate(name, { attainment: 0.5 })]), baseline([candidate(name)]), parseTolerances());
        const root = parseXml(toJUnit(report));
        const cases = findAll(root, 'testcase');
        expect(cases).toHaveLength(6);
        // Characters XML 1.0 cannot carry at all are dropped; everything else round-trips.
        const xmlSafe = name.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
        expect(cases[0]!.attributes.classname).toBe(`hand-made.${xmlSafe}`);
      }),
      { seed: 20240606, numRuns: 100 },
    );
  });

  it('the XML reader itself rejects what is not well-formed', () => {
    for (const bad of ['<a><b></a></b>', '<a x="1" x="2"/>', '<a>1 < 2</a>', '<a>&nbsp;</a>', '<a/><b/>', '<a x=1/>']) {
      expect(() => parseXml(bad), bad).toThrow(/not well-formed/);
    }
  });
});
