// `export --to kserve`: an InferenceService (serving.kserve.io/v1beta1) whose predictor is a custom
// container running `servetwin serve` with its own dynamic batcher — not KServe's batcher sidecar,
// which batches by its own rules (maxBatchSize requests or maxLatency ms) and adds a hop. In
// Knative mode (KServe's Serverless) the simulated KPA goes into the predictor's fields and the
// autoscaling.knative.dev annotations; in Standard mode (RawDeployment) KServe makes a Deployment
// and an HPA that scales only on CPU or memory. Checked against KServe's vendored CRD schema.
import { ConfigMap } from 'kubernetes-models/v1';
import type { HpaConfig } from '../../config/autoscaler.js';
import { commonWarnings, fallbackReplicas } from '../fallbacks.js';
import { HPA_DEFAULTS } from '../kubernetes/hpa.js';
import { knativeContainer, kpaOf, routerWarning } from '../knative/export-knative.js';
import { PREFIX, clusterAutoscalerPatch, kpaAnnotations, kpaTarget } from '../knative/kpa-annotations.js';
import { CONFIG_FILE, podFor, type Pod } from '../pod.js';
import type { ExportOptions, ExportSource } from '../source.js';
import { Warnings, type TargetExport, type ValidationProblem } from '../target.js';
import { validateModel } from '../validate-model.js';
import { yamlDocuments } from '../yaml-documents.js';
import { validateInferenceService } from './inferenceservice-schema.js';

export const DEPLOYMENT_MODE = 'serving.kserve.io/deploymentMode';
/** Annotations KServe sets itself from the predictor's own fields. */
const FROM_FIELDS = ['min-scale', 'max-scale', 'target', 'metric'].map((k) => `${PREFIX}${k}`);

export function exportKserve(source: ExportSource, options: ExportOptions): TargetExport {
  const warnings = new Warnings('kserve');
  const pod = podFor(source, options, warnings);
  const { candidate } = source;
  const file = `kserve/${pod.name}.yaml`;
  const problems: ValidationProblem[] = [];
  commonWarnings(source, warnings);
  routerWarning(source, warnings, 'kserve');
  const knative = options.kserveMode === 'knative';
  const scaling = knative ? knativeScaling(source, warnings) : standardScaling(source, warnings);
  const container = knativeContainer(pod, 'kserve-container');
  const predictor: Record<string, unknown> = {
    ...scaling.fields,
    containers: [knative ? container : { ...container, ports: [{ name: 'http', containerPort: pod.port, protocol: 'TCP' }], lifecycle: { preStop: { sleep: { seconds: pod.preStopSleepS } } } }],
    volumes: [{ name: 'serving-config', configMap: { name: pod.configMapName } }],
    ...(knative ? {} : { terminationGracePeriodSeconds: pod.terminationGracePeriodS }),
  };
  const isvc = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: pod.name,
      namespace: options.namespace,
      labels: pod.labels,
      annotations: { [DEPLOYMENT_MODE]: knative ? 'Knative' : 'Standard', 'servetwin/candidate': candidate.name, ...scaling.annotations },
    },
    spec: { predictor },
  };
  problems.push(...validateInferenceService(isvc, file));
  const configMap = configMapFor(pod, options);
  validateModel(configMap, file, problems);
  const files = [
    {
      path: file,
      content: yamlDocuments([
        { comment: [`servetwin export of candidate ${candidate.name} (from ${source.from}): the serving config of one pod (replicas: 1).`], value: configMap.toJSON() },
        {
          comment: [
            `A custom predictor: \`servetwin serve\` batches itself (max_batch_size ${candidate.batching.max_batch_size}, ${candidate.batching.max_queue_delay_ms} ms), so KServe's batcher is left off.`,
            ...scaling.comment,
          ],
          value: isvc,
        },
      ]),
    },
  ];
  if (knative && candidate.autoscaler?.kind === 'kpa') {
    const patch = clusterAutoscalerPatch(candidate.autoscaler, warnings);
    if (patch) {
      const cm = new ConfigMap({ metadata: { name: 'config-autoscaler', namespace: 'knative-serving' }, data: patch });
      validateModel(cm, 'kserve/config-autoscaler-patch.yaml', problems);
      files.push({ path: 'kserve/config-autoscaler-patch.yaml', content: yamlDocuments([{ comment: ['CLUSTER-WIDE: Knative\'s config-autoscaler, for every revision of the cluster.', 'kubectl patch configmap/config-autoscaler -n knative-serving --type merge --patch-file config-autoscaler-patch.yaml'], value: cm.toJSON() }]) });
    }
  }
  return { target: 'kserve', files, warnings: warnings.list, problems };
}

function configMapFor(pod: Pod, options: ExportOptions): ConfigMap {
  return new ConfigMap({ metadata: { name: pod.configMapName, namespace: options.namespace, labels: pod.labels }, data: { [CONFIG_FILE]: pod.servingJson } });
}

interface Scaling {
  fields: Record<string, unknown>;
  annotations: Record<string, string>;
  comment: string[];
}

function knativeScaling(source: ExportSource, warnings: Warnings): Scaling {
  const kpa = kpaOf(source, warnings);
  const annotations = Object.fromEntries(Object.entries(kpaAnnotations(kpa, warnings)).filter(([k]) => !FROM_FIELDS.includes(k)));
  const target = kpaTarget(kpa);
  const scaleTarget = Math.max(1, Math.round(target));
  if (scaleTarget !== target) warnings.add('autoscaler.target', `KServe's scaleTarget is an integer: ${target} written as ${scaleTarget}`);
  return {
    fields: {
      minReplicas: kpa.min_scale,
      ...(kpa.max_scale > 0 ? { maxReplicas: kpa.max_scale } : {}),
      scaleMetric: kpa.metric,
      scaleTarget,
      containerConcurrency: kpa.container_concurrency,
    },
    annotations,
    comment: [`Knative mode: the KPA the twin simulated (minReplicas, maxReplicas, scaleMetric, scaleTarget and the autoscaling.knative.dev annotations KServe passes to the revision).`],
  };
}

function standardScaling(source: ExportSource, warnings: Warnings): Scaling {
  const { candidate } = source;
  const a = candidate.autoscaler;
  if (a?.kind === 'hpa' && a.metric.type === 'utilization') return standardHpa(a, warnings);
  const replicas = fallbackReplicas(candidate);
  if (a && a.kind !== 'fixed') {
    warnings.add('autoscaler', a.kind === 'hpa' ? `Standard mode scales only on CPU or memory, not on ${a.metric.type}; the predictor runs ${replicas} fixed replica(s) (export --to kubernetes for the HPA)` : `a ${a.kind} autoscaler has no form in KServe's Standard mode; ${replicas} fixed replica(s)${a.kind === 'kpa' ? ' (use --kserve-mode knative)' : ''}`);
  }
  return { fields: { minReplicas: replicas, maxReplicas: replicas }, annotations: { 'serving.kserve.io/autoscalerClass': 'none' }, comment: [`Standard mode, ${replicas} fixed replica(s).`] };
}

function standardHpa(hpa: HpaConfig, warnings: Warnings): Scaling {
  const target = hpa.metric.type === 'utilization' ? hpa.metric.target_percent : 80;
  warnings.add('autoscaler.metric', `KServe's Standard mode scales on CPU or memory only: the instances' busy share ${target} % is written as CPU utilisation ${target} % (an approximation; the HTTP thread's CPU counts too)`);
  for (const [field, value, dflt] of [
    ['tolerance', hpa.tolerance, HPA_DEFAULTS.tolerance],
    ['sync_period_s', hpa.sync_period_s, HPA_DEFAULTS.sync_period_s],
    ['metric_window_s', hpa.metric_window_s, HPA_DEFAULTS.metric_window_s],
  ] as const) {
    if (value !== dflt) warnings.add(`autoscaler.${field}`, `${value} is a cluster-wide setting of the HPA controller or metrics-server (default ${dflt})`);
  }
  if (hpa.initial_replicas !== undefined && hpa.initial_replicas !== hpa.min_replicas) warnings.add('autoscaler.initial_replicas', `KServe starts the Deployment at minReplicas (${hpa.min_replicas}), not ${hpa.initial_replicas}`);
  if (hpa.behavior) warnings.add('autoscaler.behavior', 'KServe makes the HPA; its behavior is not exported (export --to kubernetes keeps it)');
  return {
    fields: { minReplicas: hpa.min_replicas, maxReplicas: hpa.max_replicas, scaleMetric: 'cpu', scaleMetricType: 'Utilization', scaleTarget: target },
    annotations: { 'serving.kserve.io/autoscalerClass': 'hpa' },
    comment: [`Standard mode: KServe's HPA on CPU utilisation ${target} %, standing for the simulated busy share (an approximation).`],
  };
}
