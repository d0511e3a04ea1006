// `export --to kubernetes-sweep`: the scenario's sweep as an Indexed Job, a merge Job, the results
// volume and the scenario's ConfigMap, each valid against the Kubernetes API schema (kubernetes-models
// validate() on the objects as written). The manifest is then run as Kubernetes would run it, on
// this machine: the ConfigMap's items laid out where the pods mount them, each shard's container
// command run as its own process with the manifest's environment and JOB_COMPLETION_INDEX, the
// merge Job's command started first, the volume a folder — and the merged result is the bytes of
// the unsharded run. Bad input exits 2 and writes nothing.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigMap, PersistentVolumeClaim } from 'kubernetes-models/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../../export/yaml-documents.js';
import { RESULTS_DIR, SCENARIO_DIR } from '../../export/kubernetes-sweep/export-kubernetes-sweep.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'bin', 'servetwin.js');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-sweep-export-'));
const GOLDEN = path.join(import.meta.dirname, 'golden', 'kubernetes-sweep', 'ppocr-cls-peak-sweep.yaml');

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
}

interface Container {
  name: string;
  command: string[];
  args: string[];
  env?: { name: string; value?: string; valueFrom?: { fieldRef: { fieldPath: string } } }[];
  volumeMounts: { name: string; mountPath: string }[];
}
interface Manifest {
  configMap: ConfigMap;
  claim: PersistentVolumeClaim;
  sweep: Job;
  merge: Job;
}

/** The exported file, read back as the API server would receive it: every object validated. */
function readManifest(file: string): Manifest {
  const docs = parseYamlDocuments(readFileSync(file, 'utf8')) as { kind: string; metadata: { name: string } }[];
  expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'PersistentVolumeClaim', 'Job', 'Job']);
  const configMap = new ConfigMap(docs[0] as never);
  const claim = new PersistentVolumeClaim(docs[1] as never);
  const sweep = new Job(docs[2] as never);
  const merge = new Job(docs[3] as never);
  for (const model of [configMap, claim, sweep, merge]) expect(() => model.validate(), `${model.kind} ${model.metadata?.name}`).not.toThrow();
  return { configMap, claim, sweep, merge };
}

const containerOf = (job: Job) => job.spec!.template.spec!.containers[0] as unknown as Container;

/** A container's argv as the kubelet runs it: $(VAR) from its env, image paths mapped to folders here. */
function argvOf(container: Container, env: Record<string, string>, paths: Record<string, string>): string[] {
  const mapPath = (arg: string) => Object.entries(paths).reduce((a, [from, to]) => (a.startsWith(from) ? to + a.slice(from.length) : a), arg);
  return [...container.command, ...container.args].map((a) => mapPath(a.replace(/\$\((\w+)\)/g, (_, name: string) => env[name] ?? `$(${name})`)));
}

function spawnCli(argv: string[], env: Record<string, string>) {
  expect(argv[0]).toBe('servetwin');
  const child = spawn(process.execPath, [cli, ...argv.slice(1)], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  return new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

/** Runs the manifest here: the merge Job first, then every index of the Indexed Job, each its own process. */
async function runManifest(m: Manifest, work: string): Promise<string> {
  const scenarioDir = path.join(work, 'scenario');
  const results = path.join(work, 'results');
  mkdirSync(results, { recursive: true });
  // The ConfigMap volume: each item's key written at its path.
  const volume = m.sweep.spec!.template.spec!.volumes!.find((v) => v.configMap)!.configMap!;
  for (const item of volume.items!) {
    mkdirSync(path.dirname(path.join(scenarioDir, item.path)), { recursive: true });
    writeFileSync(path.join(scenarioDir, item.path), m.configMap.data![item.key]!);
  }
  const paths = { [SCENARIO_DIR]: scenarioDir, [RESULTS_DIR]: results };
  const merge = spawnCli(argvOf(containerOf(m.merge), {}, paths), {});
  const shard = containerOf(m.sweep);
  const fixedEnv = Object.fromEntries((shard.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
  const runs = await Promise.all(
    Array.from({ length: m.sweep.spec!.completions! }, (_, index) => {
      const env = { ...fixedEnv, JOB_COMPLETION_INDEX: String(index) };
      return spawnCli(argvOf(shard, env, paths), env);
    }),
  );
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  const merged = await merge;
  expect(merged.code, merged.stderr).toBe(0);
  return readFileSync(path.join(results, 'sweep.json'), 'utf8');
}

describe('export --to kubernetes-sweep', () => {
  it('writes an Indexed Job of --shards shards running simulate --shard auto, a merge Job, a ReadWriteMany volume and the scenario, all valid', () => {
    const out = path.join(dir, 'deploy');
    const scenario = path.join(root, 'scenarios', 'ppocr-cls-peak.yaml');
    const r = run(['export', scenario, '--to', 'kubernetes-sweep', '--shards', '6', '--parallelism', '3', '--storage-class', 'nfs-client', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(path.join(out, 'kubernetes-sweep', 'ppocr-cls-peak-sweep.yaml'));
    const file = path.join(out, 'kubernetes-sweep', 'ppocr-cls-peak-sweep.yaml');
    const m = readManifest(file);
    expect(m.sweep.spec).toMatchObject({ completionMode: 'Indexed', completions: 6, parallelism: 3 });
    expect(m.sweep.spec!.template.spec!.restartPolicy).toBe('Never');
    const shard = containerOf(m.sweep);
    expect(shard.command).toEqual(['servetwin']);
    expect(shard.args.slice(0, 4)).toEqual(['simulate', `${SCENARIO_DIR}/ppocr-cls-peak.yaml`, '--shard', 'auto']);
    expect(shard.args).toContain(`${RESULTS_DIR}/shard-$(JOB_COMPLETION_INDEX).json`);
    expect(shard.env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
      { name: 'SERVETWIN_SHARD_COUNT', value: '6' },
    ]);
    expect(containerOf(m.merge).args).toEqual(['merge', '--wait-s', '21600', ...[0, 1, 2, 3, 4, 5].map((i) => `${RESULTS_DIR}/shard-${i}.json`), '--json', `${RESULTS_DIR}/sweep.json`]);
    expect(m.merge.spec!.completionMode).toBeUndefined();
    expect(m.claim.spec).toMatchObject({ accessModes: ['ReadWriteMany'], storageClassName: 'nfs-client' });
    for (const job of [m.sweep, m.merge]) {
      expect(job.spec!.template.spec!.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
      expect(job.spec!.template.spec!.volumes!.find((v) => v.persistentVolumeClaim)!.persistentVolumeClaim!.claimName).toBe(m.claim.metadata!.name);
    }
    // The shipped scenario names the reference profile, which is in the image: only the scenario travels.
    expect(Object.keys(m.configMap.data!)).toEqual(['ppocr-cls-peak.yaml']);
    expect(m.configMap.data!['ppocr-cls-peak.yaml']).toBe(readFileSync(scenario, 'utf8'));
  });

  it('matches its golden file (UPDATE_GOLDEN=1 to regenerate, in a commit that says why)', () => {
    const r = run(['export', path.join(root, 'scenarios', 'ppocr-cls-peak.yaml'), '--to', 'kubernetes-sweep']);
    expect(r.status, r.stderr).toBe(0);
    const text = r.stdout.replace(/^# ---- .*\n/, '');
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(path.dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, text);
    }
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('runs, as Kubernetes would, into the bytes of the unsharded sweep, with the files the scenario names beside it', async () => {
    // A scenario with its own profile beside it, in a folder of its own: the ConfigMap carries both.
    const work = path.join(dir, 'run');
    const source = path.join(dir, 'source');
    mkdirSync(path.join(source, 'profiles'), { recursive: true });
    copyFileSync(path.join(root, 'calibration', 'profiles', 'ppocr-cls.cpu-2core.json'), path.join(source, 'profiles', 'measured.json'));
    const text = readFileSync(path.join(root, 'test', 'planner', 'fixtures', 'small-grid.yaml'), 'utf8').replace(/^profile: .*$/m, 'profile: { file: profiles/measured.json }');
    writeFileSync(path.join(source, 'grid.yaml'), text);
    const out = path.join(dir, 'deploy-grid');
    const r = run(['export', path.join(source, 'grid.yaml'), '--to', 'kubernetes-sweep', '--shards', '3', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const m = readManifest(path.join(out, 'kubernetes-sweep', 'small-grid-sweep.yaml'));
    expect(m.sweep.spec!.template.spec!.volumes!.find((v) => v.configMap)!.configMap!.items).toEqual([
      { key: 'grid.yaml', path: 'grid.yaml' },
      { key: 'profiles_measured.json', path: 'profiles/measured.json' },
    ]);
    const merged = await runManifest(m, work);
    // The unsharded run of the same file at the same path the pods name it by.
    const unsharded = run(['simulate', path.join(work, 'scenario', 'grid.yaml'), '--workers', '0', '--json', path.join(dir, 'unsharded.json')]);
    expect(unsharded.status, unsharded.stderr).toBe(0);
    expect(merged).toBe(readFileSync(path.join(dir, 'unsharded.json'), 'utf8'));
    expect((JSON.parse(merged) as { candidates: unknown[] }).candidates).toHaveLength(12);
  }, 120_000);

  it('warns when there are more shards than candidates', () => {
    const r = run(['export', path.join(root, 'test', 'planner', 'fixtures', 'small-grid.yaml'), '--to', 'kubernetes-sweep', '--shards', '20']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning: kubernetes-sweep: shards: 20 shards for 12 candidate(s): 8 pod(s) will simulate nothing; --shards 12 does the same work');
  });

  it('exits 2 and writes nothing for bad input', () => {
    const out = path.join(dir, 'never');
    const fixture = path.join(root, 'test', 'planner', 'fixtures', 'small-grid.yaml');
    const outside = path.join(dir, 'outside');
    mkdirSync(path.join(outside, 'scenario'), { recursive: true });
    copyFileSync(path.join(root, 'calibration', 'profiles', 'ppocr-cls.cpu-2core.json'), path.join(outside, 'profile.json'));
    writeFileSync(path.join(outside, 'scenario', 's.yaml'), readFileSync(fixture, 'utf8').replace(/^profile: .*$/m, 'profile: { file: ../profile.json }'));
    // A trace over a ConfigMap's 1 MiB.
    const big = path.join(dir, 'big');
    mkdirSync(big, { recursive: true });
    writeFileSync(path.join(big, 'trace.csv'), `time_s,items\n${Array.from({ length: 120_000 }, (_, i) => `${(i / 1000).toFixed(6)},1`).join('\n')}\n`);
    writeFileSync(path.join(big, 's.yaml'), readFileSync(fixture, 'utf8').replace(/arrivals: .*$/m, 'arrivals: { kind: trace, file: trace.csv }'));
    const cases: [string[], RegExp][] = [
      [[fixture, '--to', 'kubernetes-sweep,kubernetes'], /--to: kubernetes-sweep exports a scenario's sweep and kubernetes a result's candidate; export them in two runs/],
      [[fixture, '--to', 'kubernetes-sweep', '--shards', '0'], /--shards: expected an integer >= 1, got 0/],
      [[fixture, '--to', 'kubernetes-sweep', '--cpus', '1.5'], /--cpus \(cores per shard pod\): expected an integer >= 1/],
      [[path.join(outside, 'scenario', 's.yaml'), '--to', 'kubernetes-sweep'], /s\.yaml: profile\.file: "\.\.\/profile\.json" is outside the scenario's folder/],
      [[path.join(big, 's.yaml'), '--to', 'kubernetes-sweep'], /ConfigMap small-grid-sweep-scenario: data: \d+ bytes, over Kubernetes' 1 MiB limit/],
      [[path.join(root, 'package.json'), '--to', 'kubernetes-sweep'], /package\.json/],
    ];
    for (const [args, message] of cases) {
      const r = run(['export', ...args, '--out', out]);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
  });
});
