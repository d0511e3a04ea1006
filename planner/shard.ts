// `--shard i/N`: which slice of a sweep's candidates this run takes, so a batch engine
// (Kubernetes Indexed Jobs, a CI matrix) can run a huge sweep and `servetwin merge` joins the
// slices. Candidates are dealt round-robin (index mod N) rather than in blocks, so shards get a
// similar mix of cheap and expensive configurations.
import { InputError } from '../common/errors.js';

export interface Shard {
  index: number; // 1-based, as people and Indexed Jobs (JOB_COMPLETION_INDEX + 1) count
  count: number;
}

export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError(`${flag}: expected i/N with 1 <= i <= N (e.g. 2/8), got ${JSON.stringify(text)}`, { source: flag });
  }
  return { index, count };
}

/** Positions (into the full candidate list) that belong to this shard. */
export function shardPositions(total: number, shard: Shard | undefined): number[] {
  const out: number[] = [];
  for (let i = 0; i < total; i++) if (!shard || i % shard.count === shard.index - 1) out.push(i);
  return out;
}
