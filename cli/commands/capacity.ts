// `servetwin capacity <scenario>`: how much more load (or, with --burst, how much burstier traffic)
// each candidate takes before its SLO breaks, and why it breaks there (planner/capacity.ts on the
// sweep's worker pool). Prints a table, writes servetwin.capacity/v1 with --json; `--shard i/N`
// searches a slice for `servetwin merge`. Bad input (tolerance, --burst without an MMPP,
// --no-compress with a trace) exits 2 naming the flag.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { assertWritable, loadProfile } from '../../config/profile-file.js';
import type { CapacityResult } from '../../config/capacity.js';
import type { PlanResult } from '../../config/result.js';
import { headroomLine } from '../../reports/capacity-section.js';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { DEFAULT_TOLERANCE, checkTolerance, findCapacity, type CapacityOptions } from '../../planner/capacity.js';
import { formatCapacity } from '../../planner/capacity-format.js';
import { parseShard } from '../../planner/shard.js';
import { action, checkInteger, interactive } from '../run.js';
import { DEFAULT_SCENARIO } from './simulate.js';

interface CapacityArgs {
  scenario: string;
  candidate?: string[];
  seed?: number;
  seeds?: number;
  tolerance: number;
  burst: boolean;
  compress: boolean;
  json?: string;
  profile?: string;
  workers?: number;
  shard?: string;
}

/** The result as --json writes it: stable key order and formatting. */
export function capacityJson(result: CapacityResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export interface CapacityFileOptions extends Omit<CapacityOptions, 'workers'> {
  workers?: number;
  profile?: string;
  /** Print progress lines to stderr (a person watching). */
  progress?: boolean;
}

/** Loads the scenario (and a profile in place of its own) and searches it. */
export async function capacityOfFile(file: string, options: CapacityFileOptions): Promise<CapacityResult> {
  const loaded = loadScenario(file);
  if (options.profile) {
    loaded.profile = loadProfile(options.profile);
    loaded.profileSource = options.profile;
  }
  const workers = options.workers ?? Math.max(1, Math.min(availableParallelism(), 8));
  return findCapacity(loaded, {
    ...options,
    workers,
    onCandidate: options.progress ? (done, total, name) => process.stderr.write(`  searched ${done}/${total}: ${name}\n`) : options.onCandidate,
  });
}

/** Candidates `servetwin start` searches: the recommendation, then the sweep's frontier. */
const START_CURVES = 4;

/**
 * The capacity of a sweep's recommendation and frontier (what `servetwin start` prints and
 * reports): searched, written to `jsonFile`, and the recommendation's headroom printed. Null when
 * nothing was recommended.
 */
export async function capacityOfRecommendation(scenarioFile: string, profile: string | undefined, result: PlanResult, jsonFile: string): Promise<CapacityResult | null> {
  const name = result.recommendation.name;
  if (name === null) return null;
  const candidates = [...new Set([name, ...result.frontier])].slice(0, START_CURVES);
  process.stdout.write(`\nservetwin start: how much more load the recommendation takes (a capacity search of ${candidates.length} candidate(s): the recommendation and the cost / latency frontier)\n`);
  const capacity = await capacityOfFile(scenarioFile, { profile, candidates, progress: interactive() });
  writeFileSync(jsonFile, capacityJson(capacity));
  const line = headroomLine(capacity, name);
  process.stdout.write(`${line ? `  ${line}\n` : ''}capacity written to ${jsonFile}\n`);
  return capacity;
}

export const capacityCommand: CommandModule<object, CapacityArgs> = {
  command: 'capacity <scenario>',
  describe:
    'For each candidate, the highest load multiplier at which the SLO holds on every seed (bracketing, then bisection), the sustainable rate, headroom, QPS per $/h, and why it breaks there. --burst: the largest MMPP peak-to-trough ratio it survives at the same mean rate.',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: `Scenario YAML file (e.g. ${DEFAULT_SCENARIO}).` })
      .option('candidate', { type: 'string', array: true, describe: 'Search only this candidate (by name, as expanded from the grid). Repeatable.' })
      .option('seed', { type: 'number', describe: 'First seed, instead of the scenario’s own.' })
      .option('seeds', { type: 'number', describe: 'Seeds the SLO must hold on at a level (default: the scenario’s sweep.seeds, else 3 with a grid and 1 without).' })
      .option('tolerance', { type: 'number', default: DEFAULT_TOLERANCE, describe: 'Bisection stops when the failing level is within this factor of the passing one: (0, 0.5], 0.02 is 2 %.' })
      .option('burst', { type: 'boolean', default: false, describe: 'Search the MMPP’s peak-to-trough ratio at the scenario’s mean rate (dwell times fixed) instead of the load; needs mmpp traffic.' })
      .option('compress', { type: 'boolean', default: true, describe: 'Allow a trace to be time-compressed to scale its load (--no-compress forbids it: a trace scenario then exits 2).' })
      .option('json', { type: 'string', describe: 'Write the result (servetwin.capacity/v1) to this file; --json=- prints it to stdout instead of the table.' })
      .option('profile', { type: 'string', describe: 'Use this profile file instead of the scenario’s.' })
      .option('workers', { type: 'number', describe: 'Worker threads (default: one per core; 0 runs in the main thread).' })
      .option('shard', { type: 'string', describe: 'Search only slice i of N of the candidates (e.g. 2/8), or `auto` (from JOB_COMPLETION_INDEX and SERVETWIN_SHARD_COUNT, as `simulate`); join the slices with `servetwin merge`.' })
      .example(`$0 capacity ${DEFAULT_SCENARIO} --candidate 'cpu[max_batch_size=4,max_queue_delay_ms=0,replicas=2]'`, 'Headroom of one candidate of the default sweep.')
      .example('$0 capacity scenarios/bursty-mmpp.yaml --burst --json burst.json', 'How much burstier the traffic may get.') as unknown as Argv<CapacityArgs>,
  handler: action(async (args: CapacityArgs) => {
    const tolerance = checkTolerance(Array.isArray(args.tolerance) ? Number.NaN : args.tolerance);
    const seed = args.seed === undefined ? undefined : checkInteger(args.seed, '--seed', 0);
    const seeds = args.seeds === undefined ? undefined : checkInteger(args.seeds, '--seeds', 1);
    const workers = args.workers === undefined ? undefined : checkInteger(args.workers, '--workers', 0);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard, process.env);
    if (args.json && args.json !== '-') assertWritable(args.json, '--json');
    const started = performance.now();
    const result = await capacityOfFile(args.scenario, {
      candidates: args.candidate,
      seed,
      seeds,
      tolerance,
      burst: args.burst,
      compress: args.compress,
      profile: args.profile,
      workers,
      shard,
      progress: interactive() && args.json !== '-',
    });
    if (args.json === '-') {
      process.stdout.write(capacityJson(result));
      return;
    }
    const runs = result.candidates.reduce((n, c) => n + c.probes.length, 0) * result.seeds.length;
    process.stdout.write(`${formatCapacity(result)}\n\n(${result.candidates.length} candidate(s), ${runs} simulations, ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    if (args.json) {
      writeFileSync(args.json, capacityJson(result));
      process.stdout.write(`capacity written to ${args.json}\n`);
    }
  }),
};
