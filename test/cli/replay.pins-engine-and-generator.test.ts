// `replay --serve --engine-cpus 1 --generator-cpus 0`, seen from outside: while it runs, the engine
// it started may run on core 1 only and every thread of the replay process (the generator) on
// core 0 only, as the kernel reports them (/proc/PID/status); the report says pinned, with those
// cores, and predicts the candidate on one core without a co-located generator. Bad pinning flags,
// on replay and on calibrate, exit 2 with one sentence naming the flag and what to do instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedCpus, hostFacts } from '../../cli/cpu-pinning.js';
import { childrenOf, runWatched, threadAffinities } from './process-tree.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-pin-'));
const canPin = process.platform === 'linux' && allowedCpus().length >= 2 && hostFacts().taskset !== null;

function cli(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/servetwin.js', ...args], { encoding: 'utf8', timeout: 60_000, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function exits2(r: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('replay --serve pinned', () => {
  it.skipIf(!canPin)('starts the engine on the engine cores and keeps every generator thread on its own', async () => {
    const [generatorCore, engineCore] = allowedCpus();
    const json = path.join(dir, 'pinned.json');
    const run = await runWatched(
      ['replay', 'scenarios/fidelity-light.yaml', '--serve', '--duration-s', '2.5', '--warmup-s', '0.5', '--engine-cpus', String(engineCore), '--generator-cpus', String(generatorCore), '--json', json],
      (pid) => ({
        engines: childrenOf(pid)
          .filter((c) => / serve --config /.test(c.cmdline))
          .map((c) => ({ cmdline: c.cmdline, threads: threadAffinities(c.pid) })),
        generator: threadAffinities(pid),
      }),
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const seen = run.seen as { engines: { cmdline: string; threads: string[] }[]; generator: string[] }[];
    // While the engine ran, each look found one engine process (taskset exec'd node) on the engine core, all its threads.
    const withEngine = seen.filter((s) => s.engines.length > 0 && s.engines[0]!.threads.length > 0);
    expect(withEngine.length).toBeGreaterThan(5);
    for (const s of withEngine) {
      expect(s.engines).toHaveLength(1);
      expect(s.engines[0]!.cmdline).toMatch(/^\S*node\S* \S*bin\/servetwin\.js serve --config /);
      expect(new Set(s.engines[0]!.threads)).toEqual(new Set([String(engineCore)]));
    }
    // Every thread of the replay process (the generator, its clock thread included once it exists) on the generator core.
    const late = seen.slice(-10).filter((s) => s.generator.length > 0);
    expect(late.length).toBeGreaterThan(0);
    for (const s of late) expect(new Set(s.generator)).toEqual(new Set([String(generatorCore)]));

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.placement).toMatchObject({ pinned: true, engine_cores: 1, generator_cpus: [generatorCore], client_in_prediction: false });
    expect(report.placement.engines[0].cpus).toEqual([engineCore]);
    expect(report.candidate.cpus).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^pinned: the engine on core ${engineCore} \\(1\\), the generator on core ${generatorCore} \\(1\\); 1 core\\(s\\) per replica in the prediction$`, 'm'));
  });

  it('exits 2 naming the flag when pinning is asked for wrongly or cannot be done', () => {
    const n = allowedCpus().length;
    const light = ['replay', 'scenarios/fidelity-light.yaml', '--serve', '--duration-s', '1'];
    exits2(cli([...light, '--engine-cpus', 'one']), /^servetwin: --engine-cpus: expected a list of cores such as 1, 0-1 or 0,2 .*got "one"$/m);
    exits2(cli([...light, '--engine-cpus', `0-${n + 1}`]), new RegExp(`^servetwin: --engine-cpus: asks for ${n + 2} cores \\(0-${n + 1}\\), but this process may use only ${n} `, 'm'));
    if (n >= 2) {
      exits2(cli([...light, '--engine-cpus', '0-1', '--generator-cpus', '1']), /^servetwin: --generator-cpus: core 1 is also in --engine-cpus \(0-1\): give the generator other cores$/m);
      // Without taskset on PATH.
      exits2(cli([...light, '--engine-cpus', '1'], { ...process.env, PATH: dir }), /^servetwin: --engine-cpus: taskset is not installed: install util-linux, or leave --engine-cpus and --generator-cpus out to run unpinned/m);
    }
    exits2(cli(['replay', 'scenarios/fidelity-light.yaml', '--target', 'http://127.0.0.1:9', '--engine-cpus', '1']), /^servetwin: --engine-cpus: only with --serve/m);
    exits2(cli([...light, '--repeat', '0']), /^servetwin: --repeat: expected an integer >= 1, got 0$/m);
    exits2(cli(['calibrate', '--engine-cpus', '0,x']), /^servetwin: --engine-cpus: expected a list of cores/m);
    exits2(cli(['calibrate', '--import', 'nothing.csv', '--generator-cpus', '0']), /^servetwin: --import: imports a profile measured elsewhere, so --generator-cpus does not apply$/m);
  });

  it('exits 2 naming the field when a candidate asks for no cores', () => {
    const scenario = path.join(dir, 'zero-cpus.yaml');
    const profile = path.resolve('calibration/profiles/ppocr-cls.cpu-2core.json');
    writeFileSync(
      scenario,
      `schema: servetwin.scenario/v1\nname: zero\nduration_s: 2\nprofile: { file: ${profile} }\ntraffic: { arrivals: { kind: poisson, rate_rps: 10 } }\nslo: { latency_ms: 50, percentile: 99 }\ncandidates:\n  - { name: c, cpus: 0, batching: { max_batch_size: 1 } }\n`,
    );
    exits2(cli(['replay', scenario, '--serve']), /candidates\[0\]\.cpus.*expected a positive number of cores/);
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('cpus: 0', 'cpus: "two"'));
    exits2(cli(['replay', scenario, '--serve']), /candidates\[0\]\.cpus.*got "two"/);
  });
});
