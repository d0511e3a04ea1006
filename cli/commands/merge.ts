// `servetwin merge <shard.json...>`: joins `simulate --shard i/N` results into the whole sweep and
// prints the recommendation (planner/merge.ts does the work), or `capacity --shard i/N` results into
// the whole capacity search (planner/capacity-merge.ts), by the first file's schema.
import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { assertWritable } from '../../config/profile-file.js';
import { mergeShards } from '../../planner/merge.js';
import { formatPlan } from '../../planner/format.js';
import { readJsonFile } from '../../common/read-file.js';
import { CAPACITY_SCHEMA_ID } from '../../config/capacity.js';
import { schemaIdOf } from '../../config/capacity-file.js';
import { mergeCapacityShards } from '../../planner/capacity-merge.js';
import { formatCapacity } from '../../planner/capacity-format.js';
import { action } from '../run.js';
import { resultJson } from './simulate.js';
import { capacityJson } from './capacity.js';

interface MergeArgs {
  files: string[];
  json?: string;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <files..>',
  describe: 'Join the results of `simulate --shard i/N` (or `capacity --shard i/N`) runs into one result, with its frontier (and recommendation).',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Every shard’s result JSON (all N of them).' })
      .option('json', { type: 'string', describe: 'Write the merged result (servetwin.result/v1, or servetwin.capacity/v1) here; --json=- prints it to stdout.' })
      .example('$0 merge shard-*.json --json sweep.json', 'Join four shards of a sweep.') as unknown as Argv<MergeArgs>,
  handler: action((args: MergeArgs) => {
    if (args.json && args.json !== '-') assertWritable(args.json, '--json');
    const first = args.files[0];
    if (first !== undefined && schemaIdOf(readJsonFile(first, 'a shard JSON file')) === CAPACITY_SCHEMA_ID) {
      const capacity = mergeCapacityShards(args.files);
      const text = capacityJson(capacity);
      if (args.json === '-') process.stdout.write(text);
      else {
        process.stdout.write(`${formatCapacity(capacity)}\n`);
        if (args.json) {
          writeFileSync(args.json, text);
          process.stdout.write(`capacity written to ${args.json}\n`);
        }
      }
      return;
    }
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
