// `servetwin simulate <scenario>`: loads a scenario (simulator/scenario/load-scenario.ts), expands its grid
// and runs every candidate on every seed through the planner (planner/plan.ts: worker threads,
// pricing, frontier, recommendation), prints the tables and writes servetwin.result/v1 JSON with
// --json. `--shard i/N` (or `auto`, from an Indexed Job's environment) runs a slice for `servetwin
// merge`; --json is written whole or not at all, so a merge waiting for it never reads half a file.
// Invalid scenarios exit 2.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { assertWritable, loadProfile } from '../../config/profile-file.js';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { projectRoot } from '../../common/servetwin-files.js';
import { expandCandidates, plan, seedList } from '../../planner/plan.js';
import { formatPlan } from '../../planner/format.js';
import { parseShard, SHARD_COUNT_VARIABLE, SHARD_INDEX_VARIABLE, type Shard } from '../../planner/shard.js';
import { formatResult, oversubscriptionWarnings } from '../../reports/result-table.js';
import { count } from '../../reports/format.js';
import type { PlanResult, SimulationResult } from '../../config/result.js';
import { action, checkInteger, interactive } from '../run.js';
import { writeWhole } from '../write-whole.js';

export const DEFAULT_SCENARIO = 'scenarios/ppocr-cls-peak.yaml';
/** The default scenario wherever servetwin is run from. */
export const DEFAULT_SCENARIO_FILE = path.join(projectRoot(), DEFAULT_SCENARIO);

interface SimulateArgs {
  scenario: string;
  seed?: number;
  seeds?: number;
  json?: string;
  candidate?: string[];
  profile?: string;
  workers?: number;
  shard?: string;
  quiet?: boolean;
  'serving-config'?: string;
}

/** The result as written by --json: stable key order and formatting, so equal runs are equal bytes. */
export function resultJson(result: SimulationResult | PlanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export interface SimulateFileOptions {
  seed?: number;
  /** Seeds each candidate must pass on (default: the scenario's sweep.seeds). */
  seeds?: number;
  candidates?: string[];
  /** Result JSON file, or '-' for stdout instead of the tables. */
  json?: string;
  /** A profile file to use instead of the scenario's (e.g. a fresh calibration). */
  profile?: string;
  /** Worker threads; default: one per core, none for a single run. */
  workers?: number;
  shard?: Shard;
  /** Only the summary table and the recommendation, not every candidate's detail. */
  quiet?: boolean;
  /** Write the recommended candidate's serving config (servetwin.serving/v1) here. */
  servingConfig?: string;
}

function defaultWorkers(tasks: number): number {
  return tasks > 1 ? Math.min(availableParallelism(), tasks) : 0;
}

/** Simulates (sweeps) a scenario file and prints the tables (also used by `servetwin start`). */
/** Loaded only when a bar is shown: a run into a file or a pipe does not pay for cli-progress. */
async function sweepBar() {
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  return new SingleBar({ format: ' simulating {bar} {value}/{total} runs | {duration}s', hideCursor: true }, Presets.shades_classic);
}

export async function simulateFile(file: string, options: SimulateFileOptions = {}): Promise<PlanResult> {
  if (options.json && options.json !== '-') assertWritable(options.json, '--json');
  if (options.servingConfig) assertWritable(options.servingConfig, '--serving-config');
  const loaded = loadScenario(file);
  if (options.profile) {
    loaded.profile = loadProfile(options.profile);
    loaded.profileSource = options.profile;
  }
  const tasks = expandCandidates(loaded.scenario, file).length * seedList(loaded.scenario, options).length;
  const workers = options.workers ?? defaultWorkers(tasks);
  const bar = interactive() && options.json !== '-' && tasks > 1 ? await sweepBar() : null;
  bar?.start(tasks, 0);
  const started = performance.now();
  let result: PlanResult;
  try {
    result = await plan(loaded, { seed: options.seed, seeds: options.seeds, candidates: options.candidates, shard: options.shard, workers, onProgress: (done) => bar?.update(done) });
  } finally {
    bar?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  if (options.json === '-') {
    process.stdout.write(resultJson(result));
    return result;
  }
  const requests = result.candidates.reduce((n, c) => n + c.requests.arrived, 0) * result.seeds.length;
  if (!options.quiet) process.stdout.write(`${formatResult(result)}\n\n`);
  for (const warning of oversubscriptionWarnings(result)) process.stderr.write(`${warning}\n`);
  process.stdout.write(`${formatPlan(result)}\n\n`);
  process.stdout.write(
    `(${result.candidates.length} candidate(s) × ${result.seeds.length} seed(s), ${count(requests)} measured requests, simulated in ${seconds.toFixed(2)} s on ${Math.max(1, workers)} thread(s))\n`,
  );
  if (options.json) {
    writeWhole(options.json, resultJson(result));
    process.stdout.write(`result written to ${options.json}\n`);
  }
  if (options.servingConfig) {
    if (result.recommendation.serving_config) {
      writeFileSync(options.servingConfig, `${JSON.stringify(result.recommendation.serving_config, null, 2)}\n`);
      process.stdout.write(`recommended serving config written to ${options.servingConfig} (serve it with \`servetwin serve --config ${options.servingConfig}\`)\n`);
    } else {
      process.stdout.write(`no serving config written to ${options.servingConfig}: nothing met the SLO\n`);
    }
  }
  return result;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate <scenario>',
  describe: 'Simulate a scenario’s candidate architectures (a grid of them, on several seeds, in parallel), price them and recommend the cheapest that meets the SLO.',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: `Scenario YAML file (e.g. ${DEFAULT_SCENARIO}).` })
      .option('seed', { type: 'number', describe: 'First seed for every random stream, instead of the scenario’s own.' })
      .option('seeds', { type: 'number', describe: 'How many seeds (seed, seed+1, …) a candidate must meet the SLO on to be recommended. Default: the scenario’s sweep.seeds, else 3 with a grid and 1 without.' })
      .option('json', { type: 'string', describe: 'Write the result (servetwin.result/v1) to this file; --json=- prints it to stdout instead of the tables.' })
      .option('candidate', { type: 'string', array: true, describe: 'Simulate only this candidate (by name, as expanded from the grid). Repeatable.' })
      .option('profile', { type: 'string', describe: 'Use this profile file (servetwin.profile/v2 or v1) instead of the scenario’s, e.g. one you just calibrated.' })
      .option('workers', { type: 'number', describe: 'Worker threads for the sweep (default: one per core; 0 runs in the main thread).' })
      .option('shard', {
        type: 'string',
        describe: `Run only slice i of N of the candidates (e.g. 2/8); join the slices with \`servetwin merge\`. \`auto\`: slice ${SHARD_INDEX_VARIABLE} + 1 (0-based, as an Indexed Job sets it) of ${SHARD_COUNT_VARIABLE}.`,
      })
      .option('serving-config', { type: 'string', describe: 'Write the recommended candidate’s serving config (servetwin.serving/v1) to this file, for `servetwin serve --config`.' })
      .option('quiet', { type: 'boolean', describe: 'Print only the summary and the recommendation, not each candidate’s detail.' })
      .example('$0 simulate scenarios/mmc.yaml --json /tmp/r.json', 'M/M/10 at 90 rps, result as JSON.')
      .example(`$0 simulate ${DEFAULT_SCENARIO} --shard 1/4 --json shard-1.json`, 'A quarter of the default sweep, for a CI matrix or an Indexed Job.')
      .example(`${SHARD_INDEX_VARIABLE}=0 ${SHARD_COUNT_VARIABLE}=4 $0 simulate ${DEFAULT_SCENARIO} --shard auto --json shard-0.json`, 'The same quarter, as a pod of an Indexed Job runs it (docs/scale-out.md).') as unknown as Argv<SimulateArgs>,
  handler: action(async (args: SimulateArgs) => {
    const seed = args.seed === undefined ? undefined : checkInteger(args.seed, '--seed', 0);
    const seeds = args.seeds === undefined ? undefined : checkInteger(args.seeds, '--seeds', 1);
    const workers = args.workers === undefined ? undefined : checkInteger(args.workers, '--workers', 0);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard, process.env);
    await simulateFile(args.scenario, { seed, seeds, candidates: args.candidate, json: args.json, profile: args.profile, workers, shard, quiet: args.quiet, servingConfig: args['serving-config'] });
  }),
};
