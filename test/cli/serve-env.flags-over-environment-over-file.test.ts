// `serve` reads its settings from the environment as a container gets them: SERVETWIN_CONFIG and
// SERVETWIN_MODEL_REPOSITORY, and one SERVETWIN_<FIELD> per field of the serving config's server
// block. Flags win over the environment, which wins over the config file; an empty variable is
// unset; a bad value names the variable (exit 2 through the CLI).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServingConfig } from '../../cli/commands/serve.js';
import { readServeEnvironment, serveEnvironmentVariables } from '../../cli/serve-env.js';
import { InputError } from '../../common/errors.js';
import { ServerSchema } from '../../config/serving.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'servetwin-serve-env-'));
const file = path.join(dir, 'serving.json');
writeFileSync(file, JSON.stringify({ schema: 'servetwin.serving/v1', server: { host: '10.0.0.1', port: 9000, max_inflight_requests: 8, drain_delay_ms: 1000 } }));

function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe("serve's environment", () => {
  it('has one variable per server field of the serving config, plus SERVETWIN_CONFIG and SERVETWIN_MODEL_REPOSITORY', () => {
    const names = serveEnvironmentVariables().map((v) => v.name);
    expect(names).toEqual(['SERVETWIN_CONFIG', 'SERVETWIN_MODEL_REPOSITORY', ...Object.keys(ServerSchema.shape).map((k) => `SERVETWIN_${k.toUpperCase()}`)]);
    expect(names).toContain('SERVETWIN_HOST');
    expect(names).toContain('SERVETWIN_SHUTDOWN_TIMEOUT_MS');
  });

  it('overrides the file, and the flags override it', () => {
    const env = { SERVETWIN_CONFIG: file, SERVETWIN_HOST: '0.0.0.0', SERVETWIN_PORT: '8100', SERVETWIN_MAX_INFLIGHT_REQUESTS: '64' };
    const fromEnv = buildServingConfig({}, env);
    // The file's fields the environment does not set stay; the ones it sets are replaced.
    expect(fromEnv.config.server).toMatchObject({ host: '0.0.0.0', port: 8100, max_inflight_requests: 64, drain_delay_ms: 1000 });
    expect(fromEnv.fromEnvironment).toEqual([`SERVETWIN_CONFIG=${file}`, 'SERVETWIN_HOST=0.0.0.0', 'SERVETWIN_PORT=8100', 'SERVETWIN_MAX_INFLIGHT_REQUESTS=64']);
    const flagged = buildServingConfig({ port: 0, host: '127.0.0.1' }, env);
    expect(flagged.config.server).toMatchObject({ host: '127.0.0.1', port: 0, max_inflight_requests: 64, drain_delay_ms: 1000 });
    // --config beats SERVETWIN_CONFIG.
    const other = path.join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ server: { drain_delay_ms: 7 } }));
    expect(buildServingConfig({ config: other }, { SERVETWIN_CONFIG: file }).config.server.drain_delay_ms).toBe(7);
  });

  it('takes SERVETWIN_MODEL_REPOSITORY as --model-repository, resolved against the working folder', () => {
    const { config } = buildServingConfig({}, { SERVETWIN_MODEL_REPOSITORY: dir });
    expect(config.model_repository).toBe(dir);
    expect(config.models).toEqual([]);
    expect(buildServingConfig({ 'model-repository': '/elsewhere' }, { SERVETWIN_MODEL_REPOSITORY: dir }).config.model_repository).toBe('/elsewhere');
  });

  it('treats an empty variable as unset', () => {
    const environment = readServeEnvironment({ SERVETWIN_PORT: '', SERVETWIN_HOST: '' });
    expect(environment).toEqual({ config: undefined, modelRepository: undefined, server: {}, applied: [] });
    expect(buildServingConfig({}, { SERVETWIN_PORT: '' }).config.server.port).toBe(8000);
  });

  it('names the variable when its value is wrong', () => {
    expect(refusal(() => readServeEnvironment({ SERVETWIN_PORT: 'eighty' })).message).toBe('the environment: SERVETWIN_PORT: expected a number, got "eighty"');
    expect(refusal(() => readServeEnvironment({ SERVETWIN_PORT: '70000' })).message).toBe('the environment: SERVETWIN_PORT: expected a number <= 65535, got 70000');
    expect(refusal(() => readServeEnvironment({ SERVETWIN_DRAIN_DELAY_MS: '1.5' })).message).toContain('SERVETWIN_DRAIN_DELAY_MS: expected an integer');
    expect(refusal(() => buildServingConfig({}, { SERVETWIN_CONFIG: path.join(dir, 'missing.json') })).message).toMatch(/^SERVETWIN_CONFIG: cannot read .*missing\.json/);
    // A rule across fields still names both, whichever layer set them.
    expect(refusal(() => buildServingConfig({}, { SERVETWIN_DRAIN_DELAY_MS: '30000' })).message).toContain('shutdown_timeout_ms (25000 ms)');
  });

  it('exits 2 naming the variable through the CLI', () => {
    const r = spawnSync(process.execPath, ['bin/servetwin.js', 'serve'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, SERVETWIN_PORT: 'eighty' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('servetwin: the environment: SERVETWIN_PORT: expected a number, got "eighty"\n');
  });

  it('lists the variables and the precedence in serve --help', () => {
    const r = spawnSync(process.execPath, ['bin/servetwin.js', 'serve', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    for (const { name } of serveEnvironmentVariables()) expect(help).toContain(name);
    expect(help).toContain('flags over the environment over the config file');
  });
});
