// `merge` reads its shards through the one result loader, in the written mode: a sweep result of
// this version merges into the very same bytes (the recommendation judged again by the same
// functions), while a result an earlier version wrote — or one with fields this version does not
// know — is refused with the file, the field and why (the shards of one sweep come from one servetwin).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../common/errors.js';
import { mergeShards } from '../../planner/merge.js';
import { resultJson } from '../../cli/commands/simulate.js';

const fixtures = path.resolve(import.meta.dirname, '../regression/fixtures');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-merge-'));

function refusal(files: string[]): InputError {
  try {
    mergeShards(files);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected merge to refuse');
}

describe('merge', () => {
  it("gives back a whole sweep's bytes when given it as its only shard", () => {
    const file = path.join(fixtures, 'sweep-2026-12-06-margin.json');
    expect(resultJson(mergeShards([file]))).toBe(readFileSync(file, 'utf8'));
  });

  it('refuses a result an earlier version wrote, naming the file and the missing field', () => {
    const file = path.join(fixtures, 'result-2026-11-23-4fba67a.json');
    const err = refusal([file]);
    expect(err.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \n  candidates\\[0\\]\\.replicas: expected an object, but it is missing\n`));
    expect(err.message).toMatch(/\n\(merge joins shards that this version of servetwin wrote with `simulate --shard i\/N --json`\)$/);
    expect(err.detail).toMatchObject({ source: file, path: 'candidates[0].replicas' });
  });

  it('refuses a shard with a field this version does not write', () => {
    const raw = JSON.parse(readFileSync(path.join(fixtures, 'sweep-2026-12-06-margin.json'), 'utf8'));
    raw.candidates[2].cost.carbon_kg = 0.1;
    const file = path.join(dir, 'later.json');
    writeFileSync(file, JSON.stringify(raw));
    expect(refusal([file]).message).toContain(`${file}: candidates[2].cost: unknown field(s) "carbon_kg"`);
  });
});
