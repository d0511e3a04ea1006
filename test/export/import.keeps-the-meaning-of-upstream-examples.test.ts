// export(import(x)) keeps the meaning of real upstream manifests (fixtures/upstream, sources in
// SOURCES.md): importing the export gives back every field the first import found, on the target's
// table of fields both sides express, and the exported files say what the originals said.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { importDeployment } from '../../export/import-deployment.js';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions, type ExportSource } from '../../export/source.js';
import type { TargetName } from '../../export/target.js';
import { EXPORTERS } from '../../export/targets.js';
import { parseModelConfig } from '../../export/triton/model-config.js';
import { EXPRESSED } from './helpers.js';

const dir = path.join(import.meta.dirname, 'fixtures', 'upstream');
const read = (names: string[]) => names.map((name) => ({ file: name, text: readFileSync(path.join(dir, name), 'utf8') }));
const docs = (text: string) => YAML.parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>);

const CASES: [string[], TargetName, Partial<ExportOptions>, (files: Map<string, string>) => void][] = [
  [['k8s-php-apache.yaml', 'k8s-php-apache-hpa.yaml'], 'kubernetes', { hpaMetrics: 'cpu' }, (files) => {
    const hpa = docs(files.get('kubernetes/php-apache.yaml')!).find((d) => d.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec).toMatchObject({ minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] });
    expect(hpa.spec.behavior).toBeUndefined();
    const deployment = docs(files.get('kubernetes/php-apache.yaml')!).find((d) => d.kind === 'Deployment')!;
    expect(deployment.spec.template.spec.containers[0].resources.limits.cpu).toBe('500m');
  }],
  [['knative-autoscale-go.yaml'], 'knative', {}, (files) => {
    const service = docs(files.get('knative/autoscale-go.yaml')!).find((d) => d.kind === 'Service')!;
    expect(service.spec.template.metadata.annotations).toMatchObject({ 'autoscaling.knative.dev/target': '10', 'autoscaling.knative.dev/metric': 'concurrency', 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' });
  }],
  [['kserve-autoscale.yaml'], 'kserve', {}, (files) => {
    const isvc = docs(files.get('kserve/flowers-sample.yaml')!).find((d) => d.kind === 'InferenceService')!;
    expect(isvc.spec.predictor).toMatchObject({ scaleTarget: 1, minReplicas: 1 });
  }],
  [['kserve-batcher.yaml'], 'kserve', {}, (files) => {
    const isvc = docs(files.get('kserve/pytorch-batcher.yaml')!).find((d) => d.kind === 'InferenceService')!;
    const config = JSON.parse(docs(files.get('kserve/pytorch-batcher.yaml')!).find((d) => d.kind === 'ConfigMap')!.data['serving.json']);
    expect(config.models[0].batching).toMatchObject({ max_batch_size: 16, max_queue_delay_ms: 300 });
    expect(isvc.spec.predictor.minReplicas).toBe(1);
  }],
  [['kserve-custom-simple.yaml'], 'kserve', {}, () => {}],
  [['triton-densenet_onnx.pbtxt'], 'triton', {}, (files) => {
    expect(parseModelConfig([...files.values()][0]!, 'x')).toMatchObject({ name: 'densenet-onnx', max_batch_size: 1 });
  }],
  [['triton-simple_dyna_sequence.pbtxt'], 'triton', {}, (files) => {
    const config = parseModelConfig([...files.values()][0]!, 'x');
    expect(config).toMatchObject({ max_batch_size: 1, instance_group: [{ count: 2, kind: 'KIND_CPU' }] });
  }],
  [['ray-heavyload.yaml'], 'ray-serve', { rayDeployment: 'HeavyLoad', rayImportPath: 'autoscale_model_comp_example:app' }, (files) => {
    const original = YAML.parse(readFileSync(path.join(dir, 'ray-heavyload.yaml'), 'utf8')).applications[0].deployments[0];
    const exported = YAML.parse(files.get('ray-serve/serve-config.yaml')!).applications[0].deployments[0];
    expect(exported.autoscaling_config).toEqual(original.autoscaling_config);
    expect(exported.max_ongoing_requests).toBe(original.max_ongoing_requests);
    expect(exported.name).toBe('HeavyLoad');
  }],
];

describe('export(import(upstream example))', () => {
  it.each(CASES)('%j keeps its meaning through %s', (names, target, options, check) => {
    const first = importDeployment(read(names));
    expect(first.target).toBe(target);
    const source: ExportSource = { candidate: first.candidate, model: 'ppocr-cls', modelName: first.candidate.name, server: {}, sessionMemoryBytes: undefined, from: names.join(', ') };
    const out = EXPORTERS[target](source, { ...DEFAULT_EXPORT_OPTIONS, ...options });
    expect(out.problems).toEqual([]);
    check(new Map(out.files.map((f) => [f.path, f.content])));
    const second = importDeployment(out.files.filter((f) => !f.path.endsWith('.py') && !f.path.includes('prometheus-adapter')).map((f) => ({ file: f.path, text: f.content })));
    for (const [field, get] of EXPRESSED[target].fields) {
      if (get(first.candidate) !== undefined) expect(get(second.candidate), `${target}: ${field}`).toEqual(get(first.candidate));
    }
  });
});
