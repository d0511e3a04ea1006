// Renders a check report as Markdown for a CI job summary (GitHub's $GITHUB_STEP_SUMMARY, GitLab
// and others render it): a verdict line, a table of candidates × checks, then every failure in a
// sentence. Deterministic, like the report it renders.
import type { CheckOutcome, CheckReport } from './check.js';
import { formatChange, formatValue, metricNamed } from './metrics.js';

const ICON = { pass: '✅', fail: '❌', skip: '➖' } as const;

export function toMarkdown(report: CheckReport): string {
  const { counts, scenario } = report;
  const verdict =
    report.verdict === 'pass'
      ? `${ICON.pass} servetwin check: ${scenario.name} — ${plural(counts.checks - counts.skipped, 'check')} passed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
      : `${ICON.fail} servetwin check: ${scenario.name} — ${counts.failed} of ${plural(counts.checks, 'check')} failed`;
  const out = [`## ${verdict}`, ''];
  const where = scenario.file ? `\`${scenario.file}\`` : scenario.name;
  out.push(
    `Scenario ${where}, seed ${scenario.seed}, SLO: ${scenario.slo.percentile}% of requests within ${scenario.slo.latency_ms} ms.` +
      (report.baseline ? ` Baseline \`${report.baseline.file}\`.` : ' No baseline: SLO checks only.'),
    '',
  );
  const columns = [...new Set(report.candidates.flatMap((c) => c.checks.map((k) => k.check)))];
  out.push(`| Candidate | ${columns.map(header).join(' | ')} |`, `|---|${columns.map(() => '---').join('|')}|`);
  for (const c of report.candidates) {
    const cells = columns.map((name) => {
      const k = c.checks.find((x) => x.check === name);
      return k ? cell(k) : '';
    });
    out.push(`| ${escape(c.name)} | ${cells.join(' | ')} |`);
  }
  const failures = report.candidates.flatMap((c) => c.checks.filter((k) => k.status === 'fail').map((k) => `- **${escape(c.name)} · ${k.check}**: ${escape(k.message)}`));
  if (failures.length > 0) out.push('', '### Failures', '', ...failures);
  if (report.notes.length > 0) out.push('', '### Notes', '', ...report.notes.map((n) => `- ${escape(n)}`));
  out.push('');
  return out.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function header(check: string): string {
  return check === 'slo' ? 'SLO' : check;
}

function cell(k: CheckOutcome): string {
  if (k.status === 'skip') return `${ICON.skip} no baseline`;
  if (k.check === 'slo') return `${ICON[k.status]} ${((k.current ?? 0) * 100).toFixed(2)}%`;
  const metric = metricNamed(k.check);
  if (!metric || k.current === undefined || k.baseline === undefined) return ICON[k.status];
  return `${ICON[k.status]} ${formatValue(metric, k.current)} (${formatChange(metric, k.current, k.baseline)})`;
}

/** Keeps table cells intact: pipes and line breaks in names or messages would break the row. */
function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
