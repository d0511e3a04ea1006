// `import` of a Kubernetes deployment: a Deployment (+ its serving ConfigMap when it runs servetwin),
// and an autoscaling/v2 HPA scaling it — the common CPU-utilisation HPA included, with the
// approximation stated. A Service makes the router `random` (kube-proxy's iptables mode picks an
// endpoint at random per connection).
import { ImportedCandidate, importError } from '../imported.js';
import { importPod, origin, type Doc } from '../pod-import.js';
import { importHpaSpec } from './hpa.js';

export function importKubernetes(deployment: Doc, others: Doc[], into: ImportedCandidate): void {
  const spec = (deployment.value.spec ?? {}) as Record<string, unknown>;
  const name = (deployment.value.metadata as { name?: string } | undefined)?.name ?? 'deployment';
  const podSpec = ((spec.template as { spec?: Record<string, unknown> } | undefined)?.spec ?? {}) as Record<string, unknown>;
  importPod(into, deployment, 'spec.template.spec', podSpec, others.filter((d) => d.value.kind === 'ConfigMap'));
  const hpas = others.filter((d) => d.value.kind === 'HorizontalPodAutoscaler' && targets(d, name));
  if (hpas.length > 1) throw importError(hpas[1]!.file, 'spec.scaleTargetRef', `a second HPA on Deployment ${name}`);
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : undefined;
  if (hpas[0]) {
    const hpa = hpas[0];
    if (hpa.value.apiVersion !== 'autoscaling/v2') throw importError(hpa.file, 'apiVersion', `expected autoscaling/v2, got ${String(hpa.value.apiVersion)}`);
    const instances = typeof into.fields.instances === 'number' ? into.fields.instances : 1;
    importHpaSpec((hpa.value.spec ?? {}) as Record<string, unknown>, into, (p) => origin(hpa, p), hpa.file, `HorizontalPodAutoscaler ${String((hpa.value.metadata as { name?: string } | undefined)?.name)}`, instances);
    if (replicas !== undefined) into.read('autoscaler.initial_replicas', replicas, origin(deployment, 'spec.replicas'));
    into.assume('replicas', 1, 'unused with an autoscaler (it sets the count)');
  } else if (replicas !== undefined) {
    into.read('replicas', replicas, origin(deployment, 'spec.replicas'));
  } else {
    into.assume('replicas', 1, 'Kubernetes default: Deployment spec.replicas 1');
  }
  const service = others.find((d) => d.value.kind === 'Service' && String(d.value.apiVersion) === 'v1');
  into.assume('router', 'random', service ? `${origin(service, 'spec')}: kube-proxy (iptables mode) sends each connection to a random endpoint` : 'a Kubernetes Service (kube-proxy, iptables mode) picks an endpoint at random per connection');
}

function targets(hpa: Doc, deployment: string): boolean {
  const ref = (hpa.value.spec as { scaleTargetRef?: { kind?: string; name?: string } } | undefined)?.scaleTargetRef;
  return ref?.kind === 'Deployment' && ref.name === deployment;
}
