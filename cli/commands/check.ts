// `servetwin check <scenario>`: CI regression of serving configs. Simulates the scenario like
// `simulate` does (planner/: grid expanded, several seeds) or the serving config given with
// --config, checks each candidate's SLO on every seed and, with --baseline, each
// metric against a stored result within --tolerance (regression/), and writes JUnit XML, a Markdown
// job summary and a JSON report. Exit 0 when everything passes, 1 when a check fails, 2 on bad input.
import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { assertWritable } from '../../config/profile-file.js';
import { InputError } from '../../common/errors.js';
import { loadServingConfig } from '../../config/serving-file.js';
import { candidateFromServingConfig } from '../../config/serving-translation.js';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { availableParallelism } from 'node:os';
import { expandCandidates, plan, seedList, withCandidates } from '../../planner/plan.js';
import { loadBaseline } from '../../regression/baseline.js';
import { runChecks, type CheckReport } from '../../regression/check.js';
import { toJUnit } from '../../regression/junit.js';
import { toMarkdown } from '../../regression/summary.js';
import { parseTolerances } from '../../regression/tolerance.js';
import { CHECK_METRICS } from '../../regression/metrics.js';
import { action, EXIT_FAILURE, EXIT_OK } from '../run.js';
import { checkInteger } from './calibrate.js';
import { resultJson } from './simulate.js';

interface CheckArgs {
  scenario: string;
  baseline?: string;
  junit?: string;
  summary?: string;
  json?: string;
  result?: string;
  tolerance?: string[];
  seed?: number;
  seeds?: number;
  config?: string;
  candidate?: string[];
}

async function run(args: CheckArgs): Promise<number> {
  const outputs: [string | undefined, string][] = [
    [args.junit, '--junit'],
    [args.summary, '--summary'],
    [args.json, '--json'],
    [args.result, '--result'],
  ];
  for (const [file, flag] of outputs) if (file) assertWritable(file, flag);
  const tolerances = parseTolerances(args.tolerance);
  const seed = args.seed === undefined ? undefined : checkInteger(args.seed, '--seed', 0);
  let loaded = loadScenario(args.scenario);
  const notes: string[] = [];
  if (args.config) {
    if (args.candidate?.length) throw new InputError('--candidate: not with --config, which checks the serving config as the only candidate', { source: '--candidate' });
    const serving = candidateFromServingConfig(loadServingConfig(args.config), loaded.profile, args.config);
    loaded = withCandidates(loaded, [serving.candidate]);
    notes.push(...serving.notes);
  }
  const baseline = args.baseline ? loadBaseline(args.baseline) : null;
  // The planner's path, as `simulate` takes it: the grid expanded, every candidate on every seed.
  const seeds = args.seeds === undefined ? undefined : checkInteger(args.seeds, '--seeds', 1);
  const tasks = expandCandidates(loaded.scenario, args.scenario).length * seedList(loaded.scenario, { seed, seeds }).length;
  const workers = tasks > 1 ? Math.min(availableParallelism(), tasks) : 0;
  const result = await plan(loaded, { seed, seeds, candidates: args.config ? undefined : args.candidate, workers });
  const report = runChecks(result, baseline, tolerances);
  report.notes.push(...notes);

  if (args.junit) writeFileSync(args.junit, toJUnit(report));
  if (args.summary) writeFileSync(args.summary, toMarkdown(report));
  if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
  if (args.result) writeFileSync(args.result, resultJson(result));
  process.stdout.write(formatReport(report));
  return report.verdict === 'pass' ? EXIT_OK : EXIT_FAILURE;
}

/** The terminal view: the verdict, then one line per check. */
export function formatReport(report: CheckReport): string {
  const { counts } = report;
  const head =
    report.verdict === 'pass'
      ? `PASS: ${report.scenario.name} (seed ${report.scenario.seed}): ${counts.checks - counts.skipped} check(s) passed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
      : `FAIL: ${report.scenario.name} (seed ${report.scenario.seed}): ${counts.failed} of ${counts.checks} check(s) failed`;
  const width = Math.max(...report.candidates.map((c) => c.name.length), 9);
  const mark = { pass: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;
  const lines = [head];
  for (const c of report.candidates) {
    for (const k of c.checks) lines.push(`  ${mark[k.status]}  ${c.name.padEnd(width)}  ${k.check.padEnd(14)}  ${k.message}`);
  }
  for (const n of report.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <scenario>',
  describe: 'CI regression of serving configs: simulate, then fail (exit 1) when a candidate misses its SLO or regressed past a tolerance against a baseline result.',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file: traffic, SLO, profile and candidates (a grid is expanded; with a grid, check the config you deploy with --config or --candidate).' })
      .option('baseline', { type: 'string', describe: 'A stored result (servetwin.result/v1, from `simulate --json` or `check --result`) to compare each candidate with, by name.' })
      .option('tolerance', {
        type: 'string',
        array: true,
        describe: `Allowed regression per metric, comma-separated or repeated: e.g. p99=0.1,throughput=5%,p50=off. Metrics: ${CHECK_METRICS.map((m) => `${m.name}${m.defaultTolerance === null ? '' : ` (default ${m.defaultTolerance})`}`).join(', ')}. Latency and throughput are relative changes; slo_attainment and drop_rate are absolute (0.01 = 1 point).`,
      })
      .option('config', { type: 'string', describe: 'Check this serving config (servetwin.serving/v1, what `serve --config` runs) instead of the scenario’s candidates.' })
      .option('candidate', { type: 'string', array: true, describe: 'Check only this candidate of the scenario (by name, as expanded from the grid). Repeatable.' })
      .option('seed', { type: 'number', describe: 'Seed for every random stream, instead of the scenario’s own.' })
      .option('seeds', { type: 'number', describe: 'How many seeds (seed, seed+1, …) a candidate must meet its SLO on. Default: the scenario’s sweep.seeds, else 3 with a grid and 1 without.' })
      .option('junit', { type: 'string', describe: 'Write JUnit XML here: one test case per candidate × check.' })
      .option('summary', { type: 'string', describe: 'Write a Markdown summary here (e.g. "$GITHUB_STEP_SUMMARY").' })
      .option('json', { type: 'string', describe: 'Write the check report (servetwin.check/v1) here.' })
      .option('result', { type: 'string', describe: 'Also write the simulation result (servetwin.result/v1) here, e.g. to store as the next baseline.' })
      .example('$0 check scenarios/ppocr-cls-peak.yaml', 'Fail when a candidate misses the SLO.')
      .example('$0 check scenarios/ppocr-cls-peak.yaml --baseline baseline.json --tolerance p99=0.1 --junit check.xml', 'Also fail when p99 grew more than 10 % against the baseline.')
      .example('$0 check scenarios/ppocr-cls-peak.yaml --config serving.json --summary "$GITHUB_STEP_SUMMARY"', 'Check the serving config a deployment will run.') as unknown as Argv<CheckArgs>,
  handler: action(run),
};
