// `servetwin merge` for capacity shards (`capacity --shard i/N --json`): the candidates of every
// shard back in grid order and the frontier found once more, so merging all shards gives the bytes
// of one whole search. Shards of different searches (scenario, seeds, search settings) are refused.
import { InputError } from '../common/errors.js';
import type { CapacityResult } from '../config/capacity.js';
import { loadCapacity } from '../config/capacity-file.js';
import { capacityFrontier } from './capacity.js';
import { checkEverySliceOnce } from './shard.js';

export function mergeCapacityShards(files: readonly string[]): CapacityResult {
  if (files.length === 0) throw new InputError('merge: expected one or more shard files', { source: 'merge' });
  const shards = files.map((file) => ({ file, result: loadCapacity(file) }));
  const first = shards[0]!;
  const key = (r: CapacityResult) => JSON.stringify([r.scenario, r.seeds, r.search, r.traffic, r.cost_axis, r.shard?.count ?? 1, r.shard?.total_candidates ?? r.candidates.length]);
  for (const s of shards) {
    if (key(s.result) !== key(first.result)) {
      throw new InputError(`${s.file}: this shard is of a different capacity search than ${first.file} (scenario, seeds, search settings or shard count differ)`, { source: s.file });
    }
  }
  checkEverySliceOnce(shards.map((s) => ({ file: s.file, shard: s.result.shard })));
  const candidates = shards.flatMap((s) => s.result.candidates).sort((a, b) => a.position - b.position);
  const { shard: _shard, ...rest } = first.result;
  return { ...rest, candidates, frontier: capacityFrontier(candidates) };
}
