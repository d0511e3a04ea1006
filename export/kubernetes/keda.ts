// The simulated HPA as a KEDA ScaledObject (--hpa-metrics keda): KEDA creates the HPA itself and
// feeds it the engine's gauge from Prometheus, with the same per-pod target, window and behavior
// that export/kubernetes/hpa.ts gives the plain HPA. KEDA reads its threshold as a plain decimal
// (strconv.ParseFloat), not as a Kubernetes quantity.
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { HpaConfig } from '../../config/autoscaler.js';
import type { Pod } from '../pod.js';
import type { ExportOptions } from '../source.js';
import { POD_METRIC, perPodTarget, type HpaSpecParts } from './hpa.js';

export function scaledObjectFor(hpa: HpaConfig, parts: HpaSpecParts, pod: Pod, options: ExportOptions): { model: ScaledObject; comment: string[] } {
  const name = POD_METRIC[hpa.metric.type];
  const podsOf = `namespace="${options.namespace}",pod=~"${pod.name}-.*"`;
  // AverageValue: the HPA divides the query's total by the pods, as a Pods metric would.
  const query = `sum(avg_over_time(${name}{${podsOf}}[${hpa.metric_window_s}s]))`;
  const instances = (pod.servingConfig.models?.[0]?.instances ?? 1) as number;
  const model = new ScaledObject({
    metadata: { name: pod.name, namespace: options.namespace, labels: pod.labels },
    spec: {
      scaleTargetRef: { name: pod.name },
      minReplicaCount: parts.minReplicas,
      maxReplicaCount: parts.maxReplicas,
      ...(parts.behavior ? { advanced: { horizontalPodAutoscalerConfig: { behavior: parts.behavior } } } : {}),
      triggers: [{ type: 'prometheus', metricType: 'AverageValue', metadata: { serverAddress: options.prometheusUrl, query, threshold: String(perPodTarget(hpa.metric, instances)) } }],
    },
  } as ConstructorParameters<typeof ScaledObject>[0]);
  return { model, comment: [`KEDA ScaledObject: the HPA the twin simulated (min ${hpa.min_replicas}, max ${hpa.max_replicas}), created by KEDA.`, ...parts.comment] };
}
