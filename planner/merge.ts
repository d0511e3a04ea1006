// `servetwin merge`: joins the results of `simulate --shard i/N` runs back into the whole sweep,
// in grid order, and judges it once more (frontier, recommendation) exactly as an unsharded run
// would: merging all shards gives the same bytes as running the sweep in one go. Shards are read
// as this version writes them (config/result-file.ts, `written`): the shards of one sweep come from
// one servetwin, and a shard of another version would mix two simulators' figures. Each shard names
// its version and the hash of what it simulated (planner/plan.ts), so shards of another version, or
// of another scenario, profile or candidate list, are refused by name even where the files look alike.
import { InputError } from '../common/errors.js';
import { servetwinVersion } from '../common/servetwin-files.js';
import type { PlanResult } from '../config/result.js';
import { loadResult } from '../config/result-file.js';
import { conclude } from './plan.js';
import { checkEverySliceOnce } from './shard.js';

function readShard(file: string): PlanResult {
  try {
    return loadResult(file, { mode: 'written' });
  } catch (err) {
    if (!(err instanceof InputError) || err.detail.path === undefined || err.detail.path === 'schema') throw err;
    throw new InputError(`${err.message}\n(merge joins shards that this version of servetwin wrote with \`simulate --shard i/N --json\`)`, err.detail);
  }
}

export function mergeShards(files: readonly string[]): PlanResult {
  if (files.length === 0) throw new InputError('merge: expected one or more shard result files', { source: 'merge' });
  const shards = files.map((f) => ({ file: f, result: readShard(f) }));
  const first = shards[0]!;
  const version = servetwinVersion();
  for (const s of shards) {
    const written = s.result.shard?.servetwin_version;
    if (written !== undefined && written !== version) {
      throw new InputError(`${s.file}: shard.servetwin_version: this shard was simulated by servetwin ${written}, and this is servetwin ${version}; merge the shards of a sweep with the servetwin that simulated them all`, {
        source: s.file,
        path: 'shard.servetwin_version',
        expected: version,
        found: written,
      });
    }
  }
  const key = (r: PlanResult) => JSON.stringify([r.scenario, r.seeds, r.shard?.count ?? 1, r.shard?.total_candidates ?? r.candidates.length]);
  for (const s of shards) {
    const inputs = s.result.shard?.inputs_sha256;
    const firstInputs = first.result.shard?.inputs_sha256;
    if (inputs !== firstInputs) {
      throw new InputError(`${s.file}: shard.inputs_sha256: this shard simulated other inputs than ${first.file} (its scenario, profile, trace or candidates differ); the shards of one sweep come from one scenario file`, {
        source: s.file,
        path: 'shard.inputs_sha256',
        expected: String(firstInputs),
        found: String(inputs),
      });
    }
    if (key(s.result) !== key(first.result)) {
      throw new InputError(`${s.file}: this shard is of a different run than ${first.file} (scenario, seeds or shard count differ)`, { source: s.file });
    }
  }
  checkEverySliceOnce(shards.map((s) => ({ file: s.file, shard: s.result.shard })));
  const candidates = shards.flatMap((s) => s.result.candidates).sort((a, b) => a.position - b.position);
  const scenario = first.result.scenario;
  const { shard: _shard, ...rest } = first.result;
  return {
    ...rest,
    candidates,
    ...conclude(candidates, { slo: scenario.slo, duration_s: scenario.duration_s, warmup_s: scenario.warmup_s }),
  };
}
