// `import` of a Knative Service (serving.knative.dev/v1): the KPA from its revision template's
// annotations and containerConcurrency, and from config-autoscaler when that ConfigMap is given
// (otherwise Knative's defaults, each listed); the pod as in every Kubernetes-run import.
import { ImportedCandidate, importError } from '../imported.js';
import { importPod, origin, type Doc } from '../pod-import.js';
import { KPA_CLASS, PREFIX, importKpa, normalizeAnnotations } from './kpa-annotations.js';

export function importKnative(service: Doc, others: Doc[], into: ImportedCandidate): void {
  const template = ((service.value.spec as { template?: Record<string, unknown> } | undefined)?.template ?? {}) as { metadata?: { annotations?: Record<string, unknown> }; spec?: Record<string, unknown> };
  const podSpec = template.spec ?? {};
  importPod(into, service, 'spec.template.spec', podSpec, configMaps(others));
  const annotations = normalizeAnnotations(template.metadata?.annotations);
  const klass = annotations[`${PREFIX}class`];
  if (klass !== undefined && klass !== KPA_CLASS) {
    throw importError(service.file, `spec.template.metadata.annotations["${PREFIX}class"]`, `servetwin models Knative's KPA (${KPA_CLASS}), not ${klass}`);
  }
  const cc = typeof podSpec.containerConcurrency === 'number' ? { value: podSpec.containerConcurrency, from: origin(service, 'spec.template.spec.containerConcurrency') } : undefined;
  importKpa(into, annotations, (key) => origin(service, `spec.template.metadata.annotations["${key}"]`), cc, clusterConfig(others));
  into.assume('replicas', 1, 'unused with an autoscaler (it sets the count)');
  into.assume('router', 'least_outstanding', 'Knative\'s activator sends a request to a pod with free concurrency');
}

export function configMaps(docs: Doc[]): Doc[] {
  return docs.filter((d) => d.value.kind === 'ConfigMap' && (d.value.metadata as { name?: string } | undefined)?.name !== 'config-autoscaler');
}

export function clusterConfig(docs: Doc[]): { data: Record<string, string>; from: (path: string) => string } | undefined {
  const cm = docs.find((d) => d.value.kind === 'ConfigMap' && (d.value.metadata as { name?: string } | undefined)?.name === 'config-autoscaler');
  if (!cm) return undefined;
  const data = Object.fromEntries(Object.entries((cm.value.data ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  return { data, from: (path) => origin(cm, path) };
}
