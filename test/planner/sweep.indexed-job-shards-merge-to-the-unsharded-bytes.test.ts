// A sweep run the way a Kubernetes Indexed Job runs it: one process per shard, each told only its
// JOB_COMPLETION_INDEX (0-based) and SERVETWIN_SHARD_COUNT (`simulate --shard auto`), and a merge
// started first that waits for their files (`merge --wait-s`), as the exported merge Job does. The
// merged result is byte for byte the unsharded run's. The edges: a missing or bad variable, an index
// not below the count (exit 2, naming the variable); shards of another scenario or another
// servetwin version (exit 2, naming the file); shards that never arrive (exit 1, naming them).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'bin/servetwin.js');
const fixture = path.join(import.meta.dirname, 'fixtures/small-grid.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-indexed-'));
const at = (name: string) => path.join(dir, name);

/** The CLI with only these variables of the shard's environment (the rest of this process's). */
function cliRun(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  delete clean.JOB_COMPLETION_INDEX;
  delete clean.SERVETWIN_SHARD_COUNT;
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...clean, ...env }, timeout: 60_000 });
}

function cliProcess(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  return new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('a sweep sharded as an Indexed Job', () => {
  it('merges shards run as separate processes into the bytes of the unsharded run', async () => {
    expect(cliRun(['simulate', fixture, '--workers', '0', '--json', at('whole.json')]).status).toBe(0);
    const count = 4;
    const shards = Array.from({ length: count }, (_, i) => at(`shard-${i}.json`));
    // The merge starts first and waits, as the merge Job beside the Indexed Job does.
    const merge = cliProcess(['merge', '--wait-s', '120', ...shards, '--json', at('merged.json')], {});
    const runs = await Promise.all(
      shards.map((file, i) => cliProcess(['simulate', fixture, '--workers', '0', '--shard', 'auto', '--json', file, '--quiet'], { JOB_COMPLETION_INDEX: String(i), SERVETWIN_SHARD_COUNT: String(count) })),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const merged = await merge;
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(/waiting up to 120 s for [1-4] of 4 file\(s\)/);
    expect(readFileSync(at('merged.json'), 'utf8')).toBe(readFileSync(at('whole.json'), 'utf8'));
    // Index i of the Job is shard i+1 of the CLI, and every shard names its version and inputs.
    const shard = (i: number) => (JSON.parse(readFileSync(shards[i]!, 'utf8')) as { shard: { index: number; count: number; servetwin_version: string; inputs_sha256: string } }).shard;
    expect(shard(0)).toMatchObject({ index: 1, count: 4 });
    expect(shard(3)).toMatchObject({ index: 4, count: 4 });
    expect(shard(3).inputs_sha256).toBe(shard(0).inputs_sha256);
    expect(shard(0).servetwin_version).toBe(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  it('exits 2 naming the variable when --shard auto has no index, no count, or an index not below the count', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ SERVETWIN_SHARD_COUNT: '4' }, /^servetwin: --shard auto: the environment variable JOB_COMPLETION_INDEX is not set/],
      [{ JOB_COMPLETION_INDEX: '0' }, /^servetwin: --shard auto: the environment variable SERVETWIN_SHARD_COUNT is not set/],
      [{ JOB_COMPLETION_INDEX: '4', SERVETWIN_SHARD_COUNT: '4' }, /^servetwin: --shard auto: JOB_COMPLETION_INDEX is 4, but SERVETWIN_SHARD_COUNT is 4: the index counts from 0/],
      [{ JOB_COMPLETION_INDEX: 'one', SERVETWIN_SHARD_COUNT: '4' }, /^servetwin: --shard auto: JOB_COMPLETION_INDEX: expected an integer >= 0, got "one"/],
      [{ JOB_COMPLETION_INDEX: '0', SERVETWIN_SHARD_COUNT: '0' }, /^servetwin: --shard auto: SERVETWIN_SHARD_COUNT: expected an integer >= 1, got "0"/],
    ];
    for (const [env, message] of cases) {
      const r = cliRun(['simulate', fixture, '--shard', 'auto', '--json', at('never.json')], env);
      expect(r.status, JSON.stringify(env)).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('refuses shards of another scenario, even one at the same path, naming the file', () => {
    const scenario = at('edited.yaml');
    const text = readFileSync(fixture, 'utf8');
    writeFileSync(scenario, text);
    const env = (i: number) => ({ JOB_COMPLETION_INDEX: String(i), SERVETWIN_SHARD_COUNT: '2' });
    expect(cliRun(['simulate', scenario, '--workers', '0', '--shard', 'auto', '--json', at('edited-0.json')], env(0)).status).toBe(0);
    // The file changes between the shards (a ConfigMap edited while the Job runs): same name, same path.
    writeFileSync(scenario, text.replace('rate_rps: 250', 'rate_rps: 260'));
    expect(cliRun(['simulate', scenario, '--workers', '0', '--shard', 'auto', '--json', at('edited-1.json')], env(1)).status).toBe(0);
    const r = cliRun(['merge', at('edited-0.json'), at('edited-1.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `servetwin: ${at('edited-1.json')}: shard.inputs_sha256: this shard simulated other inputs than ${at('edited-0.json')} (its scenario, profile, trace or candidates differ); the shards of one sweep come from one scenario file`,
    );
  });

  it('refuses a shard another servetwin version simulated, naming the file and both versions', () => {
    expect(cliRun(['simulate', fixture, '--workers', '0', '--shard', '1/2', '--json', at('v-1.json')]).status).toBe(0);
    expect(cliRun(['simulate', fixture, '--workers', '0', '--shard', '2/2', '--json', at('v-2.json')]).status).toBe(0);
    const older = JSON.parse(readFileSync(at('v-2.json'), 'utf8')) as { shard: { servetwin_version: string } };
    older.shard.servetwin_version = '0.0.9';
    writeFileSync(at('v-2-older.json'), `${JSON.stringify(older, null, 2)}\n`);
    const r = cliRun(['merge', at('v-1.json'), at('v-2-older.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^servetwin: ${at('v-2-older.json').replace(/[.]/g, '\\.')}: shard\\.servetwin_version: this shard was simulated by servetwin 0\\.0\\.9, and this is servetwin \\d`));
  });

  it('gives up waiting after --wait-s, naming the shards that never came (exit 1)', () => {
    writeFileSync(at('arrived.json'), '{}');
    const r = cliRun(['merge', '--wait-s', '1', at('arrived.json'), at('never-0.json'), at('never-1.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--wait-s 1: after 1 s, 2 of 3 file(s) are still missing: ${at('never-0.json')}, ${at('never-1.json')}`);
  });
});
