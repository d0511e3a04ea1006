// `--shard i/N`: which slice of a sweep's candidates this run takes, so a batch engine
// (Kubernetes Indexed Jobs, a CI matrix) can run a huge sweep and `servetwin merge` joins the
// slices. Candidates are dealt round-robin (index mod N) rather than in blocks, so shards get a
// similar mix of cheap and expensive configurations. `--shard auto` takes the slice from the
// environment a batch engine gives each run: an Indexed Job's JOB_COMPLETION_INDEX (0-based) and
// the count from SERVETWIN_SHARD_COUNT, which the Job's manifest sets because Kubernetes does not
// expose its completions to the pod. The environment is passed in: nothing here reads the process.
// A shard records the hash of its inputs (inputsSha256), so `merge` can refuse shards of two sweeps.
import { createHash } from 'node:crypto';
import { InputError } from '../common/errors.js';

export interface Shard {
  index: number; // 1-based, as people and Indexed Jobs (JOB_COMPLETION_INDEX + 1) count
  count: number;
}

/** The 0-based index an Indexed Job sets in each pod (a CI matrix can set it too). */
export const SHARD_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';
/** The number of shards, set by whoever starts them (the exported Job sets it to its completions). */
export const SHARD_COUNT_VARIABLE = 'SERVETWIN_SHARD_COUNT';

export type Environment = Readonly<Record<string, string | undefined>>;

/** `i/N` (1 <= i <= N), or `auto` with the shard taken from `env`. */
export function parseShard(text: string, env: Environment = {}, flag = '--shard'): Shard {
  if (text.trim() === 'auto') return shardFromEnvironment(env, flag);
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError(`${flag}: expected i/N with 1 <= i <= N (e.g. 2/8), or auto, got ${JSON.stringify(text)}`, { source: flag });
  }
  return { index, count };
}

/** JOB_COMPLETION_INDEX (0-based) + 1 of SERVETWIN_SHARD_COUNT; a missing or bad variable is named. */
export function shardFromEnvironment(env: Environment, flag = '--shard'): Shard {
  const index = integerVariable(env, SHARD_INDEX_VARIABLE, 0, flag, 'a Kubernetes Indexed Job sets it in each pod, from 0');
  const count = integerVariable(env, SHARD_COUNT_VARIABLE, 1, flag, 'the number of shards; the exported Job sets it to its completions');
  if (index >= count) {
    throw new InputError(`${flag} auto: ${SHARD_INDEX_VARIABLE} is ${index}, but ${SHARD_COUNT_VARIABLE} is ${count}: the index counts from 0 and must be below the count`, {
      source: SHARD_INDEX_VARIABLE,
      expected: `an integer from 0 to ${count - 1}`,
      found: String(index),
    });
  }
  return { index: index + 1, count };
}

function integerVariable(env: Environment, name: string, min: number, flag: string, why: string): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') {
    throw new InputError(`${flag} auto: the environment variable ${name} is not set (${why}); set it, or give ${flag} i/N`, { source: name, expected: `an integer >= ${min}`, found: 'nothing' });
  }
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) {
    throw new InputError(`${flag} auto: ${name}: expected an integer >= ${min}, got ${JSON.stringify(text)}`, { source: name, expected: `an integer >= ${min}`, found: text });
  }
  return Number(text);
}

/** Positions (into the full candidate list) that belong to this shard. */
export function shardPositions(total: number, shard: Shard | undefined): number[] {
  const out: number[] = [];
  for (let i = 0; i < total; i++) if (!shard || i % shard.count === shard.index - 1) out.push(i);
  return out;
}

/**
 * SHA-256 of what a sweep simulates, as loaded (the scenario, its profiles and trace) and the
 * candidates it expanded to: shards that agree on it ran the same sweep, whatever their files were
 * called. Typed arrays (a trace's times) are hashed as plain arrays of their numbers.
 */
export function inputsSha256(inputs: unknown): string {
  const text = JSON.stringify(inputs, (_key, value: unknown) => (ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value));
  return createHash('sha256').update(text).digest('hex');
}

/** A shard file as merge reads it: where it came from, and its slice (absent: the whole run). */
export interface ShardFile {
  file: string;
  shard?: { index: number; count: number } | undefined;
}

/**
 * Merge's check that the shards are every slice of one run, each exactly once: a slice given twice
 * or one missing is refused, naming the files. Returns the number of slices.
 */
export function checkEverySliceOnce(shards: readonly ShardFile[]): number {
  const count = shards[0]?.shard?.count ?? 1;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const index = s.shard?.index ?? 1;
    const dup = seen.get(index);
    if (dup) throw new InputError(`${s.file}: shard ${index}/${count} was already given as ${dup}`, { source: s.file });
    seen.set(index, s.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new InputError(`merge: shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing; expected all ${count}`, { source: 'merge' });
  return count;
}
