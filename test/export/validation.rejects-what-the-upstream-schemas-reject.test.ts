// The validators behind every export can fail: a wrong type or an unknown field in a Kubernetes,
// Knative or KServe object, or a Ray Serve config, is a problem naming the object and the path.
import { Deployment } from 'kubernetes-models/apps/v1';
import { Service } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { describe, expect, it } from 'vitest';
import { validateInferenceService } from '../../export/kserve/inferenceservice-schema.js';
import { RayServeConfigSchema } from '../../export/ray-serve/serve-config-schema.js';
import type { ValidationProblem } from '../../export/target.js';
import { validateModel } from '../../export/validate-model.js';

describe('validation', () => {
  it('kubernetes-models: a Deployment with replicas "two"', () => {
    const problems: ValidationProblem[] = [];
    validateModel(new Deployment({ metadata: { name: 'web' }, spec: { replicas: 'two' as unknown as number, selector: {}, template: {} } }), 'k.yaml', problems);
    expect(problems).toContainEqual({ file: 'k.yaml', path: 'Deployment web: spec.replicas', message: 'must be integer' });
  });

  it('@kubernetes-models/knative: a revision with containerConcurrency "many"', () => {
    const problems: ValidationProblem[] = [];
    validateModel(new Service({ metadata: { name: 'k' }, spec: { template: { spec: { containerConcurrency: 'many' as unknown as number, containers: [{ image: 'i' }] } } } }), 'kn.yaml', problems);
    expect(problems.map((p) => p.path)).toContain('Service k: spec.template.spec.containerConcurrency');
  });

  it("KServe's vendored CRD schema: an unknown predictor field and a string scaleTarget", () => {
    const problems = validateInferenceService(
      { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'm' }, spec: { predictor: { scaleTarget: '10', maxBatch: 4, containers: [{ name: 'c', image: 'i' }] } } },
      'isvc.yaml',
    );
    expect(problems).toContainEqual({ file: 'isvc.yaml', path: 'InferenceService m: spec.predictor.scaleTarget', message: 'must be integer' });
    expect(problems).toContainEqual({ file: 'isvc.yaml', path: 'InferenceService m: spec.predictor', message: 'must NOT have additional properties (maxBatch)' });
  });

  it("Ray Serve's schema: num_replicas beside autoscaling_config, and an unknown field", () => {
    const result = RayServeConfigSchema.safeParse({ applications: [{ import_path: 'a:b', deployments: [{ name: 'D', num_replicas: 2, autoscaling_config: { max_replicas: 3 }, max_concurrent_queries: 5 }] }] });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('applications.0.deployments.0');
  });
});
