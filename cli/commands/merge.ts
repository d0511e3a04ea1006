// `servetwin merge <shard.json...>`: joins `simulate --shard i/N` results into the whole sweep and
// prints the recommendation (planner/merge.ts does the work).
import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { assertWritable } from '../../config/profile-file.js';
import { mergeShards } from '../../planner/merge.js';
import { formatPlan } from '../../planner/format.js';
import { action } from '../run.js';
import { resultJson } from './simulate.js';

interface MergeArgs {
  files: string[];
  json?: string;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <files..>',
  describe: 'Join the results of `simulate --shard i/N` runs into one sweep result, with its frontier and recommendation.',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Every shard’s result JSON (all N of them).' })
      .option('json', { type: 'string', describe: 'Write the merged result (servetwin.result/v1) here; --json=- prints it to stdout.' })
      .example('$0 merge shard-*.json --json sweep.json', 'Join four shards of a sweep.') as unknown as Argv<MergeArgs>,
  handler: action((args: MergeArgs) => {
    if (args.json && args.json !== '-') assertWritable(args.json, '--json');
    const merged = mergeShards(args.files);
    if (args.json === '-') {
      process.stdout.write(resultJson(merged));
      return;
    }
    process.stdout.write(`${formatPlan(merged)}\n`);
    if (args.json) {
      writeFileSync(args.json, resultJson(merged));
      process.stdout.write(`result written to ${args.json}\n`);
    }
  }),
};
