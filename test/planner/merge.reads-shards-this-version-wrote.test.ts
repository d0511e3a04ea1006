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
import { plan } from '../../planner/plan.js';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';

const fixtures = path.resolve(import.meta.dirname, '../regression/fixtures');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-merge-'));

/** A sweep this version writes (a small grid on two seeds), as a file: what a shard of one is. */
async function thisVersionsSweep(): Promise<string> {
  const file = path.join(dir, 'sweep.json');
  writeFileSync(file, resultJson(await plan(loadScenario(path.resolve(import.meta.dirname, 'fixtures/small-grid.yaml')), { workers: 0, seeds: 2 })));
  return file;
}

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
  it("gives back a whole sweep's bytes when given it as its only shard", async () => {
    const file = await thisVersionsSweep();
    expect(resultJson(mergeShards([file]))).toBe(readFileSync(file, 'utf8'));
  });

  it('refuses a result an earlier version wrote, naming the file and the missing field', () => {
    const file = path.join(fixtures, 'result-2026-11-23-4fba67a.json');
    const err = refusal([file]);
    expect(err.message.startsWith(`${file}: \n`)).toBe(true);
    expect(err.message).toContain('\n  candidates[0].replicas: expected an object, but it is missing\n');
    expect(err.message).toMatch(/\n\(merge joins shards that this version of servetwin wrote with `simulate --shard i\/N --json`\)$/);
    expect(err.detail).toMatchObject({ source: file });
    expect(err.detail.path).toMatch(/^candidates\[0\]\./);
  });

  it('refuses a shard with a field this version does not write', async () => {
    const raw = JSON.parse(readFileSync(await thisVersionsSweep(), 'utf8'));
    raw.candidates[2].cost.carbon_kg = 0.1;
    const file = path.join(dir, 'later.json');
    writeFileSync(file, JSON.stringify(raw));
    expect(refusal([file]).message).toContain(`${file}: candidates[2].cost: unknown field(s) "carbon_kg"`);
  });
});
