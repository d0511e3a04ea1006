// `servetwin simulate <scenario>`: loads a scenario (simulator/load-scenario.ts), runs every
// candidate through the discrete-event simulator (simulator/simulate.ts), prints a table per
// candidate and writes servetwin.result/v1 JSON with --json. Invalid scenarios exit 2.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { assertWritable, loadProfile } from '../../calibration/profile-file.js';
import { loadScenario, projectRoot } from '../../simulator/load-scenario.js';
import { simulate } from '../../simulator/simulate.js';
import { formatResult } from '../../simulator/report-table.js';
import type { SimulationResult } from '../../simulator/result.js';
import { action } from '../run.js';
import { checkInteger } from './calibrate.js';

export const DEFAULT_SCENARIO = 'scenarios/ppocr-cls-peak.yaml';
/** The default scenario wherever servetwin is run from. */
export const DEFAULT_SCENARIO_FILE = path.join(projectRoot(), DEFAULT_SCENARIO);

interface SimulateArgs {
  scenario: string;
  seed?: number;
  json?: string;
  candidate?: string[];
  profile?: string;
}

/** The result as written by --json: stable key order and formatting, so equal runs are equal bytes. */
export function resultJson(result: SimulationResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export interface SimulateFileOptions {
  seed?: number;
  candidates?: string[];
  /** Result JSON file, or '-' for stdout instead of the tables. */
  json?: string;
  /** A profile file to use instead of the scenario's (e.g. a fresh calibration). */
  profile?: string;
}

/** Simulates a scenario file and prints the tables (also used by `servetwin start`). */
export function simulateFile(file: string, options: SimulateFileOptions = {}): SimulationResult {
  if (options.json && options.json !== '-') assertWritable(options.json, '--json');
  const loaded = loadScenario(file);
  if (options.profile) {
    loaded.profile = loadProfile(options.profile);
    loaded.profileSource = options.profile;
  }
  const started = performance.now();
  const result = simulate(loaded, { seed: options.seed, candidates: options.candidates });
  const seconds = (performance.now() - started) / 1000;
  if (options.json === '-') {
    process.stdout.write(resultJson(result));
    return result;
  }
  const requests = result.candidates.reduce((n, c) => n + c.requests.arrived, 0);
  process.stdout.write(`${formatResult(result)}\n\n`);
  process.stdout.write(`(${result.candidates.length} candidate(s), ${requests.toLocaleString('en')} measured requests, simulated in ${seconds.toFixed(2)} s)\n`);
  if (options.json) {
    writeFileSync(options.json, resultJson(result));
    process.stdout.write(`result written to ${options.json}\n`);
  }
  return result;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate <scenario>',
  describe: 'Simulate a scenario’s candidate architectures (traffic, network, routing, dynamic batching, instances) against a latency profile.',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: `Scenario YAML file (e.g. ${DEFAULT_SCENARIO}).` })
      .option('seed', { type: 'number', describe: 'Seed for every random stream, instead of the scenario’s own.' })
      .option('json', { type: 'string', describe: 'Write the result (servetwin.result/v1) to this file; --json=- prints it to stdout instead of the tables.' })
      .option('candidate', { type: 'string', array: true, describe: 'Simulate only this candidate (by name). Repeatable.' })
      .option('profile', { type: 'string', describe: 'Use this profile file (servetwin.profile/v1) instead of the scenario’s, e.g. one you just calibrated.' })
      .example('$0 simulate scenarios/mmc.yaml --json /tmp/r.json', 'M/M/10 at 90 rps, result as JSON.')
      .example(`$0 simulate ${DEFAULT_SCENARIO} --candidate batch-8`, 'One candidate of the default scenario.') as unknown as Argv<SimulateArgs>,
  handler: action((args: SimulateArgs) => {
    const seed = args.seed === undefined ? undefined : checkInteger(args.seed, '--seed', 0);
    simulateFile(args.scenario, { seed, candidates: args.candidate, json: args.json, profile: args.profile });
  }),
};
