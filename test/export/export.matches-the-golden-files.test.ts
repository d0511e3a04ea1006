// Each target's files for a few representative candidates, pinned byte for byte (regenerate with
// UPDATE_GOLDEN=1 npx vitest --run test/export, in a commit that says why they moved).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions } from '../../export/source.js';
import type { TargetName } from '../../export/target.js';
import { EXPORTERS } from '../../export/targets.js';
import { sourceOf } from './helpers.js';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const batching = { max_batch_size: 8, max_queue_delay_ms: 2, preferred_batch_sizes: [4, 8], queue_timeout_ms: 500 };
const base = { name: 'peak', instances: 2, intra_op_threads: 1, cpus: '1500m', router: 'round_robin', batching };

const CASES: [string, TargetName, Record<string, unknown>, Partial<ExportOptions>][] = [
  ['kubernetes-hpa', 'kubernetes', { ...base, router: 'least_outstanding', autoscaler: { kind: 'hpa', min_replicas: 2, max_replicas: 8, metric: { type: 'in_flight_per_replica', target_requests: 12 }, behavior: { scale_down: { stabilization_window_s: 120 } } } }, {}],
  ['kubernetes-keda', 'kubernetes', { ...base, autoscaler: { kind: 'hpa', min_replicas: 1, max_replicas: 6, metric: { type: 'utilization', target_percent: 70 } } }, { hpaMetrics: 'keda' }],
  ['kubernetes-fixed', 'kubernetes', { ...base, replicas: 3 }, {}],
  ['knative-kpa', 'knative', { ...base, autoscaler: { kind: 'kpa', target: 8, container_concurrency: 16, stable_window_s: 30, scale_down_delay_s: 60, min_scale: 1, max_scale: 10, max_scale_up_rate: 10 } }, {}],
  ['kserve-knative', 'kserve', { ...base, autoscaler: { kind: 'kpa', target: 8, container_concurrency: 16, min_scale: 0, max_scale: 10 } }, {}],
  ['kserve-standard', 'kserve', { ...base, autoscaler: { kind: 'hpa', min_replicas: 2, max_replicas: 8, metric: { type: 'utilization', target_percent: 60 } } }, { kserveMode: 'standard' }],
  ['triton', 'triton', { ...base, replicas: 2 }, {}],
  ['ray-serve', 'ray-serve', { ...base, router: 'power_of_two', autoscaler: { kind: 'ray_serve', min_replicas: 1, max_replicas: 12, target_ongoing_requests: 4, downscale_delay_s: 300 } }, { rayImportPath: 'ocr.serve:app', rayDeployment: 'Classifier' }],
];

describe('export golden files', () => {
  it.each(CASES)('%s', (name, target, candidate, options) => {
    const out = EXPORTERS[target](sourceOf(candidate), { ...DEFAULT_EXPORT_OPTIONS, ...options });
    expect(out.problems).toEqual([]);
    const dir = path.join(GOLDEN, name);
    const warnings = `${out.warnings.map((w) => `${w.field}: ${w.message}`).join('\n')}\n`;
    const files = [...out.files.map((f) => [f.path.replace(/\//g, '__'), f.content] as const), ['warnings.txt', warnings] as const];
    if (process.env.UPDATE_GOLDEN) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const [file, content] of files) writeFileSync(path.join(dir, file), content);
    }
    expect(existsSync(dir), `${dir} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(files.map(([f]) => f).sort());
    for (const [file, content] of files) expect(content, `${name}/${file}`).toBe(readFileSync(path.join(dir, file), 'utf8'));
  });
});
