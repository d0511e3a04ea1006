// `servetwin merge <shard.json...>`: joins `simulate --shard i/N` results into the whole sweep and
// prints the recommendation (planner/merge.ts does the work), or `capacity --shard i/N` results into
// the whole capacity search (planner/capacity-merge.ts), by the first file's schema. With --wait-s
// it first waits for every file to appear (cli/wait-for-files.ts): the merge step of an Indexed
// Job's sweep starts with the shards and runs when the last one lands (docs/scale-out.md).
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
import { action, checkInteger } from '../run.js';
import { waitForFiles } from '../wait-for-files.js';
import { resultJson } from './simulate.js';
import { capacityJson } from './capacity.js';

interface MergeArgs {
  files: string[];
  json?: string;
  'wait-s'?: number;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <files..>',
  describe: 'Join the results of `simulate --shard i/N` (or `capacity --shard i/N`) runs into one result, with its frontier (and recommendation).',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Every shard’s result JSON (all N of them).' })
      .option('json', { type: 'string', describe: 'Write the merged result (servetwin.result/v1, or servetwin.capacity/v1) here; --json=- prints it to stdout.' })
      .option('wait-s', { type: 'number', describe: 'First wait up to this many seconds for every file to exist (shards still being simulated elsewhere); exit 1 naming the missing ones after that.' })
      .example('$0 merge shard-*.json --json sweep.json', 'Join four shards of a sweep.')
      .example('$0 merge --wait-s 3600 /results/shard-0.json /results/shard-1.json --json /results/sweep.json', 'Wait up to an hour for both shards, then join them (the merge Job of `export --to kubernetes-sweep`).') as unknown as Argv<MergeArgs>,
  handler: action(async (args: MergeArgs) => {
    const waitS = args['wait-s'] === undefined ? undefined : checkInteger(args['wait-s'], '--wait-s', 0);
    if (args.json && args.json !== '-') assertWritable(args.json, '--json');
    if (waitS !== undefined) {
      await waitForFiles(args.files, {
        timeoutS: waitS,
        onProgress: (missing) => process.stderr.write(`servetwin merge: waiting up to ${waitS} s for ${missing.length} of ${args.files.length} file(s): ${missing.join(', ')}\n`),
      });
    }
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
