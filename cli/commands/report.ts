// `servetwin report <result.json> [--capacity c.json]`: turns a servetwin.result/v1 JSON (from
// `simulate --json` or a sweep), with a capacity search beside it when given, into report.html
// (charts inline, self-contained) and report.md, and PNGs of the charts with --png
// (reports/write.ts). A missing, non-JSON or non-result file exits 2 naming it.
import type { Argv, CommandModule } from 'yargs';
import { loadResult } from '../../config/result-file.js';
import { loadCapacity } from '../../config/capacity-file.js';
import { REPORT_FORMATS, type ReportFormat } from '../../reports/options.js';
import { DEFAULT_MAX_CANDIDATES } from '../../reports/charts/index.js';
import { action } from '../run.js';
import { checkInteger } from './calibrate.js';

export const DEFAULT_REPORT_DIR = 'out/report';

interface ReportArgs {
  result: string;
  out: string;
  format: ReportFormat;
  png: boolean;
  top: number;
  capacity?: string;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <result>',
  describe: 'Write an HTML report with charts (self-contained, no JavaScript) and a Markdown summary of a simulation or sweep result.',
  builder: (y: Argv) =>
    y
      .positional('result', { type: 'string', demandOption: true, describe: 'A result JSON (servetwin.result/v1), as written by `servetwin simulate --json FILE`.' })
      .option('out', { type: 'string', default: DEFAULT_REPORT_DIR, describe: 'Folder to write report.html / report.md (and chart PNGs) into; created when missing.' })
      .option('format', { choices: REPORT_FORMATS, default: 'both' as ReportFormat, describe: 'html: report.html only; md: report.md only; both.' })
      .option('png', { type: 'boolean', default: false, describe: 'Also write each chart as chart-<name>.png (rendered with resvg).' })
      .option('top', {
        type: 'number',
        default: DEFAULT_MAX_CANDIDATES,
        describe: 'Chart at most this many candidates (the recommendation, runner-up and frontier first); the table lists them all.',
      })
      .option('capacity', { type: 'string', describe: 'Also a capacity search of the same scenario (servetwin.capacity/v1 from `servetwin capacity --json`): its table, the latency-vs-load chart and the recommendation’s headroom.' })
      .example('$0 simulate scenarios/ppocr-cls-peak.yaml --json r.json && $0 report r.json', 'Report on the default scenario in out/report/.')
      .example('$0 capacity s.yaml --json c.json && $0 report r.json --capacity c.json', 'With each candidate’s headroom and the latency-vs-load chart.')
      .example('$0 report r.json --format md --out . && cat report.md >> "$GITHUB_STEP_SUMMARY"', 'A Markdown summary for a CI job.') as unknown as Argv<ReportArgs>,
  handler: action(async (args: ReportArgs) => {
    const top = checkInteger(args.top, '--top', 1);
    const result = loadResult(args.result);
    const capacity = args.capacity === undefined ? undefined : loadCapacity(args.capacity, '--capacity');
    // vega loads only here (~0.5 s), not on every servetwin command.
    const { writeReport } = await import('../../reports/write.js');
    const written = await writeReport(result, args.out, { format: args.format, png: args.png, source: args.result, maxCandidates: top, capacity, capacitySource: args.capacity });
    for (const w of written.warnings) process.stderr.write(`servetwin: chart warning: ${w}\n`);
    const rec = result.recommendation;
    if (rec) process.stdout.write(rec.name === null ? `No recommendation: ${rec.reason}\n` : `Recommended: ${rec.name}\n`);
    process.stdout.write(`report written: ${written.files.join(', ')}\n`);
  }),
};
