// `servetwin export` and `servetwin import` as a user meets them (the built command in a child
// process): files written per target, warnings on stderr, exit 2 naming the file, the path in the
// document and why — and nothing written when any target fails validation.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-export-'));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'servetwin.js'), ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const write = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

const serving = write(
  'serving.json',
  JSON.stringify({
    schema: 'servetwin.serving/v1',
    models: [{ model: 'ppocr-cls', batching: { max_batch_size: 8, max_queue_delay_ms: 2 }, instances: 2, replicas: 2, router: 'power_of_two' }],
    autoscaler: { kind: 'hpa', min_replicas: 2, max_replicas: 6, metric: { type: 'queue_per_replica', target_requests: 4 } },
  }),
);
const profile = path.join(root, 'calibration', 'profiles', 'ppocr-cls.cpu-2core.json');

describe('servetwin export', () => {
  it('writes every target asked for, and warns about what a target cannot express', () => {
    const out = path.join(dir, 'deploy');
    const r = run('export', serving, '--to', 'kubernetes,triton', '--to', 'ray-serve', '--profile', profile, '--out', out);
    expect(r.stderr).toMatch(/^warning: kubernetes: router: .*power_of_two/m);
    expect(r.stderr).toMatch(/^warning: triton: profile: .*calibrate --import/m);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['kubernetes', 'ray-serve', 'triton']);
    const k8s = readFileSync(path.join(out, 'kubernetes', 'ppocr-cls.yaml'), 'utf8');
    expect(k8s).toMatch(/kind: HorizontalPodAutoscaler[\s\S]*name: nv_inference_pending_request_count[\s\S]*averageValue: "4"/);
    expect(k8s).toMatch(/memory: 163Mi/);
    expect(readFileSync(path.join(out, 'triton', 'ppocr-cls', 'config.pbtxt'), 'utf8')).toMatch(/max_batch_size: 8/);
  });

  it('exports a result\'s recommendation, finding its profile', () => {
    const r = run('export', path.join(root, 'test', 'scenarios', 'golden-results', 'ppocr-cls-peak.result.json'), '--to', 'knative');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# ---- knative\/ppocr-cls\.yaml$/m);
    expect(r.stdout).toMatch(/kind: Service/);
  });

  it('lists the targets for an unknown --to, exit 2', () => {
    const r = run('export', serving, '--to', 'nomad');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to: unknown target "nomad"; the targets are kubernetes, knative, kserve, triton, ray-serve');
  });

  it('writes nothing when any target fails validation, naming the file, the path and why', () => {
    const out = path.join(dir, 'not-written');
    const r = run('export', serving, '--to', 'kubernetes,ray-serve', '--deployment', '', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/servetwin: ray-serve\/serve-config\.yaml: applications\[0\]\.deployments\[0\]\.name: /);
    expect(r.stderr).toMatch(/nothing written/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('servetwin import', () => {
  it('prints the candidate and where each field came from', () => {
    const upstream = path.join(root, 'test', 'export', 'fixtures', 'upstream');
    const r = run('import', path.join(upstream, 'k8s-php-apache.yaml'), path.join(upstream, 'k8s-php-apache-hpa.yaml'), '--out', path.join(dir, 'candidate.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/autoscaler\.max_replicas +10 +.*k8s-php-apache-hpa\.yaml: HorizontalPodAutoscaler php-apache: spec\.maxReplicas/);
    expect(r.stdout).toMatch(/autoscaler\.downscale_stabilization_s +300 +default: /);
    expect(readFileSync(path.join(dir, 'candidate.yaml'), 'utf8')).toMatch(/^- name: php-apache/);
  });

  it.each([
    ['unknown.yaml', 'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: x }\n', /unknown\.yaml: kind: an unknown kind of file: batch\/v1 CronJob/],
    [
      'external.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { template: { spec: { containers: [ { name: c, image: i } ] } } }\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  maxReplicas: 5\n  metrics:\n  - type: External\n    external: { metric: { name: queue_messages_ready }, target: { type: AverageValue, averageValue: 30 } }\n',
      /external\.yaml: HorizontalPodAutoscaler web: spec\.metrics\[0\]\.type: servetwin cannot model an HPA on an External metric/,
    ],
    [
      'isvc.yaml',
      'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: { name: m }\nspec:\n  predictor:\n    model:\n      storageUri: s3://bucket/model\n',
      /isvc\.yaml: spec\.predictor\.model\.modelFormat: a predictor model needs a model format/,
    ],
  ])('exits 2 on %s naming the file, the path and why', (name, text, message) => {
    const r = run('import', write(name, text));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
