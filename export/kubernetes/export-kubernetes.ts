// `export --to kubernetes`: the candidate as plain Kubernetes objects — a ConfigMap with the pod's
// serving config, a Deployment of `servetwin serve` pods (one replica of the candidate each), a
// Service, a PodDisruptionBudget when there can be more than one pod, and the simulated HPA
// (export/kubernetes/hpa.ts) or a KEDA ScaledObject. Each object is built with kubernetes-models
// and validated against the upstream OpenAPI schema.
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { commonWarnings, fallbackReplicas } from '../fallbacks.js';
import { CONFIG_DIR, CONFIG_FILE, HTTP_PORT_NAME, podFor, type Pod } from '../pod.js';
import type { ExportOptions, ExportSource } from '../source.js';
import { Warnings, type ExportedFile, type TargetExport, type ValidationProblem } from '../target.js';
import { validateModel } from '../validate-model.js';
import { yamlDocuments, type CommentedDocument } from '../yaml-documents.js';
import { adapterRulesFor, hpaSpecFor } from './hpa.js';
import { scaledObjectFor } from './keda.js';

type KubernetesModel = Parameters<typeof validateModel>[0] & { toJSON(): unknown };

export function exportKubernetes(source: ExportSource, options: ExportOptions): TargetExport {
  const warnings = new Warnings('kubernetes');
  const pod = podFor(source, options, warnings);
  const { candidate } = source;
  const file = `kubernetes/${pod.name}.yaml`;
  const problems: ValidationProblem[] = [];
  const docs: CommentedDocument[] = [];
  const add = (model: KubernetesModel, comment: string[]) => {
    validateModel(model, file, problems);
    docs.push({ comment, value: model.toJSON() });
  };
  const meta = { name: pod.name, namespace: options.namespace, labels: pod.labels };
  const hpa = candidate.autoscaler?.kind === 'hpa' ? candidate.autoscaler : undefined;
  autoscalerWarnings(source, warnings);
  if (candidate.router !== 'round_robin' && candidate.router !== 'random') {
    warnings.add('router', `a Service spreads connections (kube-proxy: at random in iptables mode, round robin in IPVS), not requests by ${candidate.router}; the twin's ${candidate.router} needs a proxy that balances requests (e.g. Envoy's least request)`);
  }

  add(new ConfigMap({ metadata: { ...meta, name: pod.configMapName }, data: { [CONFIG_FILE]: pod.servingJson } }), [
    `servetwin export of candidate ${candidate.name} (from ${source.from}): the serving config of one pod.`,
    'replicas: 1 — each pod is one replica of the candidate; the Deployment and its autoscaler set how many.',
  ]);
  const replicas = fallbackReplicas(candidate);
  add(deploymentFor(pod, meta, replicas, candidate.name), [
    `${replicas} pod(s)${hpa ? ' at the start; the autoscaler below takes over' : ''}. Each runs \`servetwin serve\` with ${candidate.instances} instance(s) × ${candidate.intra_op_threads ?? 1} intra-op thread(s).`,
    `terminationGracePeriodSeconds ${pod.terminationGracePeriodS}: ${pod.graceReason}.`,
  ]);
  add(
    new Service({ metadata: meta, spec: { selector: pod.labels, ports: [{ name: HTTP_PORT_NAME, port: pod.port, targetPort: HTTP_PORT_NAME, protocol: 'TCP' }] } }),
    ['Open Inference Protocol v2 on the pods. A Service balances connections, not requests (see the router warning, if any).'],
  );
  const maxPods = hpa ? hpa.max_replicas : replicas;
  if (maxPods > 1) {
    add(new PodDisruptionBudget({ metadata: meta, spec: { maxUnavailable: 1, selector: { matchLabels: pod.labels } } }), [
      'Voluntary disruptions (node drains) take at most one pod at a time, so the fleet keeps the capacity the twin planned less one.',
    ]);
  }
  const files: ExportedFile[] = [];
  if (hpa) {
    const parts = hpaSpecFor(hpa, candidate.instances, options.hpaMetrics, warnings);
    if (options.hpaMetrics === 'keda') {
      const scaled = scaledObjectFor(hpa, parts, pod, options);
      add(scaled.model, scaled.comment);
    } else {
      const { comment, ...spec } = parts;
      add(
        // Built as data (hpa.ts reads both ways); validate() checks it against the API's schema.
        new HorizontalPodAutoscaler({ metadata: meta, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: pod.name }, ...spec } as unknown as HorizontalPodAutoscaler['spec'] }),
        [`The HPA the twin simulated (min ${hpa.min_replicas}, max ${hpa.max_replicas}${hpa.behavior ? ', with behavior' : ', legacy rules without behavior'}).`, ...comment],
      );
      if (options.hpaMetrics === 'prometheus-adapter') {
        files.push({
          path: 'kubernetes/prometheus-adapter-rules.yaml',
          content: yamlDocuments([{ comment: ['prometheus-adapter rules (its config.yaml, or the Helm chart\'s rules.custom) that serve the HPA\'s pods metric.', `Averaged over ${hpa.metric_window_s} s, the window the twin assumed (metric_window_s).`], value: adapterRulesFor(hpa) }]),
        });
      }
    }
  }
  files.unshift({ path: file, content: yamlDocuments(docs) });
  return { target: 'kubernetes', files, warnings: warnings.list, problems };
}

function deploymentFor(pod: Pod, meta: { name: string; namespace: string; labels: Record<string, string> }, replicas: number, candidate: string): Deployment {
  return new Deployment({
    metadata: { ...meta, annotations: { 'servetwin/candidate': candidate } },
    spec: {
      replicas,
      selector: { matchLabels: pod.labels },
      // A rollout adds a pod before it takes one away: the fleet never drops below the planned capacity.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: pod.labels, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(pod.port), 'prometheus.io/path': '/metrics' } },
        spec: {
          terminationGracePeriodSeconds: pod.terminationGracePeriodS,
          containers: [
            {
              name: 'servetwin',
              image: pod.image,
              command: pod.command,
              args: pod.args,
              ports: [{ name: HTTP_PORT_NAME, containerPort: pod.port, protocol: 'TCP' }],
              resources: pod.resources,
              readinessProbe: { httpGet: { path: '/v2/health/ready', port: HTTP_PORT_NAME }, periodSeconds: 2, failureThreshold: 1, timeoutSeconds: 1 },
              livenessProbe: { httpGet: { path: '/v2/health/live', port: HTTP_PORT_NAME }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 },
              // The model loads before the server listens: up to two minutes before liveness counts.
              startupProbe: { httpGet: { path: '/v2/health/live', port: HTTP_PORT_NAME }, periodSeconds: 1, failureThreshold: 120 },
              lifecycle: { preStop: { sleep: { seconds: pod.preStopSleepS } } },
              volumeMounts: [{ name: 'serving-config', mountPath: CONFIG_DIR, readOnly: true }],
            },
          ],
          volumes: [{ name: 'serving-config', configMap: { name: pod.configMapName } }],
        },
      },
    },
  });
}

/** Autoscalers Kubernetes has no form for, and the fields no target of the pod carries. */
function autoscalerWarnings(source: ExportSource, warnings: Warnings): void {
  const a = source.candidate.autoscaler;
  if (a && a.kind !== 'hpa' && a.kind !== 'fixed') {
    warnings.add('autoscaler', `a ${a.kind} autoscaler has no plain Kubernetes form; the Deployment runs ${fallbackReplicas(source.candidate)} fixed replica(s)${a.kind === 'schedule' ? ' (the schedule\'s largest)' : ''}${a.kind === 'kpa' ? ' (export --to knative for the KPA)' : a.kind === 'ray_serve' ? ' (export --to ray-serve)' : ' (a CronJob scaling the Deployment could follow the schedule)'}`);
  }
  commonWarnings(source, warnings);
}
