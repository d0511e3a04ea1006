// `import` of a KServe InferenceService (v1beta1): the predictor's pod, and its scaling by the
// deployment mode — Knative (Serverless): the KPA from minReplicas/maxReplicas/scaleMetric/
// scaleTarget/containerConcurrency and the autoscaling.knative.dev annotations; Standard
// (RawDeployment): KServe's HPA on CPU. KServe's batcher sidecar, when present, stands in for the
// batching with its different semantics stated.
import { ImportedCandidate, importError } from '../imported.js';
import { clusterConfig, configMaps } from '../knative/import-knative.js';
import { importKpa, normalizeAnnotations } from '../knative/kpa-annotations.js';
import { importPod, origin, type Doc } from '../pod-import.js';
import { DEPLOYMENT_MODE } from './export-kserve.js';

const FRAMEWORKS = ['sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'pmml', 'lightgbm', 'paddle', 'huggingface'];

export function importKserve(isvc: Doc, others: Doc[], into: ImportedCandidate): void {
  const predictor = ((isvc.value.spec as { predictor?: Record<string, unknown> } | undefined)?.predictor ?? {}) as Record<string, unknown>;
  const at = (path: string) => origin(isvc, `spec.predictor.${path}`);
  const model = predictor.model as { modelFormat?: { name?: string } } | undefined;
  const framework = FRAMEWORKS.find((f) => predictor[f] !== undefined);
  if (model !== undefined && model.modelFormat?.name === undefined) {
    throw importError(isvc.file, 'spec.predictor.model.modelFormat', 'a predictor model needs a model format (modelFormat.name), by which KServe picks its serving runtime');
  }
  if (model === undefined && framework === undefined && !Array.isArray(predictor.containers)) {
    throw importError(isvc.file, 'spec.predictor', 'no model format: expected model.modelFormat, a framework (sklearn, onnx, triton, …) or custom containers');
  }
  // A framework or model predictor is a container KServe supplies: its pod spec lives under that key.
  const podSpec = (framework ? { ...predictor, containers: [predictor[framework]] } : model ? { ...predictor, containers: [model] } : predictor) as Record<string, unknown>;
  importPod(into, isvc, `spec.predictor${framework ? `.${framework}` : model ? '.model' : ''}`.replace(/\.$/, ''), podSpec, configMaps(others));
  const batcher = predictor.batcher as { maxBatchSize?: number; maxLatency?: number } | undefined;
  if (batcher) {
    into.approximate('batching.max_batch_size', batcher.maxBatchSize ?? 32, `${at('batcher.maxBatchSize')} (KServe's batcher sidecar, default 32: it counts requests, not items)`);
    into.approximate('batching.max_queue_delay_ms', batcher.maxLatency ?? 500, `${at('batcher.maxLatency')} (KServe's batcher waits up to this many ms for a full batch, default 500; it adds a hop servetwin does not model)`);
  }
  const metadata = (isvc.value.metadata ?? {}) as { annotations?: Record<string, unknown> };
  const mode = String(metadata.annotations?.[DEPLOYMENT_MODE] ?? '');
  const standard = mode === 'Standard' || mode === 'RawDeployment';
  if (!standard) {
    if (mode === '') into.note(`no ${DEPLOYMENT_MODE} annotation: KServe's defaultDeploymentMode (inferenceservice-config; Serverless, i.e. Knative, as shipped) assumed`);
    importKnativeMode(isvc, predictor, metadata.annotations, others, into);
  } else importStandardMode(isvc, predictor, into);
}

function importKnativeMode(isvc: Doc, predictor: Record<string, unknown>, annotations: Record<string, unknown> | undefined, others: Doc[], into: ImportedCandidate): void {
  const at = (path: string) => origin(isvc, `spec.predictor.${path}`);
  const merged = normalizeAnnotations({ ...(annotations ?? {}), ...((predictor.annotations ?? {}) as Record<string, unknown>) });
  const cc = typeof predictor.containerConcurrency === 'number' ? { value: predictor.containerConcurrency, from: at('containerConcurrency') } : undefined;
  importKpa(into, merged, (key) => origin(isvc, `metadata.annotations["${key}"]`), cc, clusterConfig(others));
  // KServe sets these annotations itself from the predictor's fields, which win.
  if (typeof predictor.minReplicas === 'number') into.read('autoscaler.min_scale', predictor.minReplicas, at('minReplicas'));
  else into.assume('autoscaler.min_scale', 1, 'KServe default: minReplicas 1 (0 must be written to allow scale to zero)');
  if (typeof predictor.maxReplicas === 'number') into.read('autoscaler.max_scale', predictor.maxReplicas, at('maxReplicas'));
  if (predictor.scaleMetric !== undefined) {
    if (predictor.scaleMetric !== 'concurrency' && predictor.scaleMetric !== 'rps') throw importError(isvc.file, 'spec.predictor.scaleMetric', `in Knative mode servetwin models the KPA's concurrency or rps, not ${String(predictor.scaleMetric)}`);
    into.read('autoscaler.metric', predictor.scaleMetric, at('scaleMetric'));
  }
  if (typeof predictor.scaleTarget === 'number') into.read('autoscaler.target', predictor.scaleTarget, at('scaleTarget'));
  into.assume('replicas', 1, 'unused with an autoscaler (it sets the count)');
  into.assume('router', 'least_outstanding', 'Knative\'s activator sends a request to a pod with free concurrency');
}

function importStandardMode(isvc: Doc, predictor: Record<string, unknown>, into: ImportedCandidate): void {
  const at = (path: string) => origin(isvc, `spec.predictor.${path}`);
  const min = typeof predictor.minReplicas === 'number' ? predictor.minReplicas : 1;
  const max = typeof predictor.maxReplicas === 'number' ? predictor.maxReplicas : min;
  into.assume('router', 'random', 'a Kubernetes Service (kube-proxy, iptables mode) picks an endpoint at random per connection');
  if (min === max && predictor.scaleTarget === undefined) {
    into.read('replicas', min, at('minReplicas'));
    return;
  }
  if (predictor.scaleMetric !== undefined && predictor.scaleMetric !== 'cpu') throw importError(isvc.file, 'spec.predictor.scaleMetric', `in Standard mode servetwin reads only a CPU target (as the instances' busy share), not ${String(predictor.scaleMetric)}`);
  into.read('autoscaler.kind', 'hpa', at('scaleMetric'));
  into.read('autoscaler.min_replicas', Math.max(1, min), at('minReplicas'));
  into.read('autoscaler.max_replicas', max, at('maxReplicas'));
  const target = typeof predictor.scaleTarget === 'number' ? predictor.scaleTarget : 80;
  into.approximate('autoscaler.metric', { type: 'utilization', target_percent: Math.min(100, Math.max(1, target)) }, `${at('scaleTarget')}: CPU utilisation ${target} % (KServe's HPA${predictor.scaleTarget === undefined ? ', 80 by default' : ''}) read as the instances' busy share`);
  into.assume('replicas', 1, 'unused with an autoscaler (it sets the count)');
}
