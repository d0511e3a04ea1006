// Renders a check report as JUnit XML, the format CI systems (GitHub Actions reporters, GitLab,
// Jenkins) show as test results: one <testsuite> for the scenario, one <testcase> per candidate ×
// check, <failure> and <skipped> as JUnit defines them. No timestamps or durations, so the same
// report gives the same bytes.
import type { CheckReport } from './check.js';

export function toJUnit(report: CheckReport): string {
  const { counts } = report;
  const suite = `servetwin check ${report.scenario.name}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="servetwin check" tests="${counts.checks}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}">`,
    `  <testsuite name="${xml(suite)}" tests="${counts.checks}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}">`,
    '    <properties>',
    `      <property name="scenario" value="${xml(report.scenario.file ?? report.scenario.name)}"/>`,
    `      <property name="seed" value="${report.scenario.seed}"/>`,
    ...(report.baseline ? [`      <property name="baseline" value="${xml(report.baseline.file)}"/>`] : []),
    ...report.notes.map((n) => `      <property name="note" value="${xml(n)}"/>`),
    '    </properties>',
  ];
  for (const candidate of report.candidates) {
    const classname = `${report.scenario.name}.${candidate.name}`;
    for (const c of candidate.checks) {
      const open = `    <testcase classname="${xml(classname)}" name="${xml(c.check)}"`;
      if (c.status === 'pass') {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (c.status === 'fail') lines.push(`      <failure message="${xml(c.message)}" type="${c.check === 'slo' ? 'slo' : 'regression'}">${xml(c.message)}</failure>`);
      else lines.push(`      <skipped message="${xml(c.message)}"/>`);
      lines.push('    </testcase>');
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** Text and attribute values: the five XML entities, and characters XML 1.0 forbids dropped. */
export function xml(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
