// The example GitHub Actions workflow (docs/ci/sweep-matrix.yml, shown in docs/scale-out.md): it
// parses as YAML and has the shape GitHub runs — jobs, a matrix over shard indices, a merge job that
// needs the shards, upload and download artifact steps whose names and paths agree — and its `run`
// steps, run here as its runners would (one shell per matrix entry, with the step's env and the
// ${{ }} expressions it uses; the artifacts copied as upload and download would), merge into the bytes
// of the unsharded sweep. Checkout, setup-node and `npm ci` are taken as done: this checkout is built.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const FILE = path.join(root, 'docs', 'ci', 'sweep-matrix.yml');
const text = readFileSync(FILE, 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  strategy?: { 'fail-fast'?: boolean; matrix: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  name: string;
  on: unknown;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

function parse(): Workflow {
  const doc = YAML.parseDocument(text);
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Workflow;
}

const isSetup = (step: Step) => /^actions\/(checkout|setup-node)@/.test(step.uses ?? '') || step.run?.trim() === 'npm ci';
const uploads = (job: Job) => job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@'));
const downloads = (job: Job) => job.steps.filter((s) => s.uses?.startsWith('actions/download-artifact@'));

/** The ${{ }} expressions this workflow uses, for one matrix entry. */
function expand(value: string, context: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in context)) throw new Error(`${FILE}: the test does not know \${{ ${name} }}`);
    return context[name]!;
  });
}

describe('the CI matrix example', () => {
  const wf = parse();

  it('is a workflow: a matrix of shard jobs, and a merge job that needs them, joined by artifacts', () => {
    expect(typeof wf.name).toBe('string');
    expect(wf.on).toBeDefined();
    expect(Object.keys(wf.jobs).sort()).toEqual(['merge', 'shard']);
    const { shard, merge } = wf.jobs as { shard: Job; merge: Job };
    for (const job of [shard, merge]) {
      expect(typeof job['runs-on']).toBe('string');
      for (const step of job.steps) {
        expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true);
        if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+(\/[\w-]+)?@v\d+$/);
      }
    }
    const indices = shard.strategy!.matrix.shard!;
    expect(indices).toEqual(indices.map((_, i) => i));
    expect([merge.needs].flat()).toContain('shard');
    const simulate = shard.steps.find((s) => s.run?.includes('servetwin simulate'))!;
    expect(simulate.run).toContain('--shard auto');
    expect(simulate.env).toEqual({ JOB_COMPLETION_INDEX: '${{ matrix.shard }}', SERVETWIN_SHARD_COUNT: '${{ strategy.job-total }}' });
    // Each shard uploads under its own name (artifacts are immutable); the merge downloads them all into one folder.
    const [upload] = uploads(shard);
    expect(upload!.with!.name).toContain('${{ matrix.shard }}');
    const [download] = downloads(merge);
    expect(download!.with!['merge-multiple']).toBe(true);
    const pattern = new RegExp(`^${String(download!.with!.pattern).replace(/\*/g, '.*')}$`);
    for (const i of indices) expect(expand(String(upload!.with!.name), { 'matrix.shard': String(i) })).toMatch(pattern);
    expect(merge.steps.some((s) => s.run?.includes('servetwin merge'))).toBe(true);
  });

  it('runs: every shard job, then the merge, give the bytes of the unsharded sweep', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'servetwin-ci-'));
    // A small sweep in place of the default one, as a user would set SCENARIO.
    const scenario = path.join(root, 'test', 'planner', 'fixtures', 'small-grid.yaml');
    const artifacts = path.join(work, 'artifacts');
    const { shard, merge } = wf.jobs as { shard: Job; merge: Job };
    const indices = shard.strategy!.matrix.shard!;
    /** A job's run steps in a fresh folder (its runner), `npx servetwin` being this checkout's. */
    const runJob = (job: Job, context: Record<string, string>, runner: string) => {
      mkdirSync(runner, { recursive: true });
      for (const step of job.steps) {
        if (isSetup(step)) continue;
        if (step.uses?.startsWith('actions/upload-artifact@')) {
          const name = expand(String(step.with!.name), context);
          mkdirSync(path.join(artifacts, name), { recursive: true });
          const file = expand(String(step.with!.path), context);
          copyFileSync(path.join(runner, file), path.join(artifacts, name, path.basename(file)));
          continue;
        }
        if (step.uses?.startsWith('actions/download-artifact@')) {
          const pattern = new RegExp(`^${String(step.with!.pattern).replace(/\*/g, '.*')}$`);
          const into = path.join(runner, String(step.with!.path));
          mkdirSync(into, { recursive: true });
          for (const name of readdirSync(artifacts).filter((n) => pattern.test(n))) {
            for (const f of readdirSync(path.join(artifacts, name))) copyFileSync(path.join(artifacts, name, f), path.join(into, f));
          }
          continue;
        }
        expect(step.run, `a step the test cannot run: ${JSON.stringify(step)}`).toBeDefined();
        const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), context)]));
        const script = expand(step.run!, context).replaceAll('npx servetwin', `"${process.execPath}" "${path.join(root, 'bin', 'servetwin.js')}"`);
        const r = spawnSync('bash', ['-eo', 'pipefail', '-c', script], {
          cwd: runner,
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, ...wf.env, SCENARIO: scenario, GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'), ...env },
        });
        expect(r.status, `${step.name ?? step.run}\n${r.stderr}`).toBe(0);
      }
    };
    for (const i of indices) runJob(shard, { 'matrix.shard': String(i), 'strategy.job-total': String(indices.length), 'strategy.job-index': String(i) }, path.join(work, `runner-${i}`));
    runJob(merge, {}, path.join(work, 'runner-merge'));
    const whole = spawnSync(process.execPath, [path.join(root, 'bin', 'servetwin.js'), 'simulate', scenario, '--json', path.join(work, 'whole.json')], { encoding: 'utf8' });
    expect(whole.status, whole.stderr).toBe(0);
    expect(readFileSync(path.join(work, 'runner-merge', 'sweep.json'), 'utf8')).toBe(readFileSync(path.join(work, 'whole.json'), 'utf8'));
    expect(readFileSync(path.join(work, 'runner-merge', 'summary.md'), 'utf8')).toMatch(/^```\n[\s\S]*Recommendation: /);
  }, 120_000);

  it('is shown in docs/scale-out.md as it is', () => {
    const doc = readFileSync(path.join(root, 'docs', 'scale-out.md'), 'utf8');
    expect(doc).toContain(`\`\`\`yaml\n${text}\`\`\``);
  });
});
