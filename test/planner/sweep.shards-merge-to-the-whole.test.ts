// The sweep's contract with batch engines: the same inputs give byte-identical results whatever
// the number of worker threads, and the shards of a sweep merged give exactly the whole sweep.
// Runs the real CLI (dist/), as a CI matrix or a Kubernetes Indexed Job would.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'bin/servetwin.js');
const scenario = path.join(import.meta.dirname, 'fixtures/small-grid.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-sweep-'));
const run = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
const json = (file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('sweep', () => {
  it('is byte-identical on 1 and 2 workers, and its shards merge into the whole', () => {
    run('simulate', scenario, '--workers', '2', '--json', path.join(dir, 'whole.json'));
    run('simulate', scenario, '--workers', '1', '--json', path.join(dir, 'whole-1.json'));
    expect(json('whole-1.json')).toBe(json('whole.json'));

    for (const i of [1, 2, 3]) run('simulate', scenario, '--workers', '0', '--shard', `${i}/3`, '--json', path.join(dir, `shard-${i}.json`));
    run('merge', path.join(dir, 'shard-3.json'), path.join(dir, 'shard-1.json'), path.join(dir, 'shard-2.json'), '--json', path.join(dir, 'merged.json'));
    expect(json('merged.json')).toBe(json('whole.json'));

    const whole = JSON.parse(json('whole.json')) as { candidates: { name: string }[]; seeds: number[]; frontier: string[]; recommendation: { name: string | null; serving_config: unknown } };
    expect(whole.candidates).toHaveLength(12);
    expect(whole.seeds).toEqual([5, 6]);
    expect(whole.frontier.length).toBeGreaterThan(0);
    expect(whole.recommendation.name).not.toBeNull();
    expect(whole.recommendation.serving_config).toMatchObject({ schema: 'servetwin.serving/v1' });
  });

  it('refuses an incomplete set of shards, naming what is missing', () => {
    run('simulate', scenario, '--workers', '0', '--shard', '1/2', '--json', path.join(dir, 'half.json'));
    const r = spawnSync(process.execPath, [cli, 'merge', path.join(dir, 'half.json')], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('servetwin: merge: shard(s) 2/2 missing; expected all 2');
  });

  it('rejects a bad --shard with the flag named', () => {
    const r = spawnSync(process.execPath, [cli, 'simulate', scenario, '--shard', '4/3'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--shard: expected i\/N with 1 <= i <= N/);
  });
});
