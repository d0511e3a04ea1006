// `export --to knative`: a Knative Service (serving.knative.dev/v1) running `servetwin serve` with
// the simulated KPA as per-revision annotations and containerConcurrency, its serving config in a
// ConfigMap, and — only where the candidate differs from Knative's defaults on a knob that exists
// only cluster-wide — a config-autoscaler patch. Validated with @kubernetes-models/knative.
import { Service } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { ConfigMap } from 'kubernetes-models/v1';
import { AutoscalerSchema, type KpaConfig } from '../../config/autoscaler.js';
import { commonWarnings, fallbackReplicas } from '../fallbacks.js';
import { CONFIG_DIR, CONFIG_FILE, podFor, type Pod } from '../pod.js';
import type { ExportOptions, ExportSource } from '../source.js';
import { Warnings, type ExportedFile, type TargetExport, type ValidationProblem } from '../target.js';
import { validateModel } from '../validate-model.js';
import { yamlDocuments } from '../yaml-documents.js';
import { clusterAutoscalerPatch, kpaAnnotations } from './kpa-annotations.js';

/** The KPA a candidate runs on Knative: its own, or min = max = its replicas. */
export function kpaOf(source: ExportSource, warnings: Warnings): KpaConfig {
  const { candidate } = source;
  const a = candidate.autoscaler;
  if (a?.kind === 'kpa') return a;
  const replicas = fallbackReplicas(candidate);
  if (a && a.kind !== 'fixed') {
    warnings.add('autoscaler', `${a.kind === 'hpa' ? 'an' : 'a'} ${a.kind} autoscaler has no Knative form; the revision runs ${replicas} fixed replica(s) (min-scale = max-scale)${a.kind === 'hpa' ? ' (export --to kubernetes for the HPA)' : ''}`);
  }
  if (replicas === 0) warnings.add('autoscaler.replicas', 'no fixed form for 0 replicas (max-scale 0 means no limit): min-scale 0 and initial-scale 0, scaled up from zero on traffic; initial-scale 0 needs allow-zero-initial-scale in config-autoscaler');
  return AutoscalerSchema.parse({ kind: 'kpa', min_scale: replicas, max_scale: replicas, initial_scale: replicas }) as KpaConfig;
}

/** The container every Knative-run target (knative, kserve) gives the pod. */
export function knativeContainer(pod: Pod, name: string): Record<string, unknown> {
  return {
    name,
    image: pod.image,
    command: pod.command,
    args: pod.args,
    // Knative routes to the one port it is told; `http1` says plain HTTP/1.1.
    ports: [{ name: 'http1', containerPort: pod.port }],
    resources: pod.resources,
    readinessProbe: { httpGet: { path: '/v2/health/ready' }, periodSeconds: 2, failureThreshold: 1 },
    livenessProbe: { httpGet: { path: '/v2/health/live' }, periodSeconds: 10, failureThreshold: 3 },
    volumeMounts: [{ name: 'serving-config', mountPath: CONFIG_DIR, readOnly: true }],
  };
}

export function exportKnative(source: ExportSource, options: ExportOptions): TargetExport {
  const warnings = new Warnings('knative');
  const pod = podFor(source, options, warnings);
  const { candidate } = source;
  const file = `knative/${pod.name}.yaml`;
  const problems: ValidationProblem[] = [];
  const kpa = kpaOf(source, warnings);
  commonWarnings(source, warnings);
  routerWarning(source, warnings, 'knative');
  const configMap = new ConfigMap({ metadata: { name: pod.configMapName, namespace: options.namespace, labels: pod.labels }, data: { [CONFIG_FILE]: pod.servingJson } });
  const service = new Service({
    metadata: { name: pod.name, namespace: options.namespace, labels: pod.labels, annotations: { 'servetwin/candidate': candidate.name } },
    spec: {
      template: {
        metadata: { labels: pod.labels, annotations: kpaAnnotations(kpa, warnings) },
        spec: {
          containerConcurrency: kpa.container_concurrency,
          containers: [knativeContainer(pod, 'servetwin')],
          volumes: [{ name: 'serving-config', configMap: { name: pod.configMapName } }],
        },
      },
    },
  } as ConstructorParameters<typeof Service>[0]);
  validateModel(configMap, file, problems);
  validateModel(service, file, problems);
  const files: ExportedFile[] = [
    {
      path: file,
      content: yamlDocuments([
        { comment: [`servetwin export of candidate ${candidate.name} (from ${source.from}): the serving config of one pod (replicas: 1).`], value: configMap.toJSON() },
        {
          comment: [
            `The KPA the twin simulated, as per-revision annotations (every one written, so the cluster's own defaults do not change it).`,
            `containerConcurrency ${kpa.container_concurrency}${kpa.container_concurrency === 0 ? ' (unlimited)' : ''}. Knative's queue-proxy drains a pod on shutdown; the revision's timeoutSeconds bounds it.`,
          ],
          value: service.toJSON(),
        },
      ]),
    },
  ];
  const patch = clusterAutoscalerPatch(kpa, warnings);
  if (patch) {
    const cm = new ConfigMap({ metadata: { name: 'config-autoscaler', namespace: 'knative-serving' }, data: patch });
    validateModel(cm, 'knative/config-autoscaler-patch.yaml', problems);
    files.push({
      path: 'knative/config-autoscaler-patch.yaml',
      content: yamlDocuments([
        {
          comment: [
            'CLUSTER-WIDE: these keys exist only in config-autoscaler and apply to every revision of every service.',
            'Apply with: kubectl patch configmap/config-autoscaler -n knative-serving --type merge --patch-file config-autoscaler-patch.yaml',
          ],
          value: cm.toJSON(),
        },
      ]),
    });
  }
  return { target: 'knative', files, warnings: warnings.list, problems };
}

export function routerWarning(source: ExportSource, warnings: Warnings, target: string): void {
  const router = source.candidate.router;
  if (router !== 'round_robin' && router !== 'least_outstanding') {
    warnings.add('router', `${target}'s activator and ingress balance requests by their own rules (the activator picks the pod with free concurrency), not by ${router}`);
  }
}
