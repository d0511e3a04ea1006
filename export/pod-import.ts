// The pod half of an import, shared by the Kubernetes, Knative and KServe readers: the container's
// CPU (its limit, the cores the twin's `cpus` means), and — when it runs `servetwin serve --config`
// from a ConfigMap given beside it — the serving config's instances, threads and batching through
// the one translation (candidateFromServingConfig). Any other container keeps servetwin's and the
// platform's defaults, each listed.
import { candidateFromServingConfig } from '../config/serving-translation.js';
import { ServingConfigSchema } from '../config/serving.js';
import { parseConfig } from '../config/validate.js';
import { ImportedCandidate, parseQuantity } from './imported.js';
import { CONFIG_FILE } from './pod.js';

export interface Doc {
  file: string;
  value: Record<string, unknown>;
}

/** `file: Kind name: path`, the origin of a field read from a document. */
export function origin(doc: Doc, path: string): string {
  const v = doc.value as { kind?: string; metadata?: { name?: string } };
  return `${doc.file}: ${v.kind ?? 'document'} ${v.metadata?.name ?? ''}`.trimEnd() + `: ${path}`;
}

type Container = { args?: unknown; command?: unknown; resources?: { limits?: Record<string, unknown>; requests?: Record<string, unknown> }; volumeMounts?: { name?: string; mountPath?: string }[] };

export function importPod(into: ImportedCandidate, doc: Doc, podPath: string, podSpec: Record<string, unknown>, configMaps: Doc[]): void {
  const containers = (Array.isArray(podSpec.containers) ? podSpec.containers : []) as Container[];
  const index = Math.max(0, containers.findIndex((c) => [...asStrings(c.command), ...asStrings(c.args)].includes('serve')));
  const container = containers[index] ?? {};
  const at = `${podPath}.containers[${index}]`;
  const limit = parseQuantity(container.resources?.limits?.cpu);
  const request = parseQuantity(container.resources?.requests?.cpu);
  if (limit !== undefined) into.read('cpus', limit, origin(doc, `${at}.resources.limits.cpu`));
  else if (request !== undefined) into.approximate('cpus', request, `${origin(doc, `${at}.resources.requests.cpu`)} (no CPU limit: the request stands for the cores the pod gets)`);
  else into.note(`${origin(doc, at)}: no CPU request or limit; cpus left to the scenario's profile`);

  const config = servingConfigOf(container, podSpec, configMaps);
  if (config) {
    const from = (field: string) => origin(config.doc, `data["${CONFIG_FILE}"] models[0].${field}`);
    const parsed = parseConfig(ServingConfigSchema, JSON.parse(config.json) as unknown, `${config.doc.file} (ConfigMap ${String((config.doc.value.metadata as { name?: string } | undefined)?.name)} data.${CONFIG_FILE})`);
    const { candidate } = candidateFromServingConfig(parsed, undefined, config.doc.file);
    into.read('instances', candidate.instances, from('instances'));
    into.read('intra_op_threads', candidate.intra_op_threads, from('intra_op_threads'));
    for (const [key, value] of Object.entries(candidate.batching)) if (value !== undefined) into.read(`batching.${key}`, value, from(`batching.${key}`));
    return;
  }
  into.note(`${origin(doc, at)} is not \`servetwin serve --config\` from a ConfigMap given here: its batching and instances are unknown`);
  into.assume('instances', 1, 'servetwin default: 1 instance (the container\'s own concurrency is unknown)');
  into.assume('batching.max_batch_size', 1, 'unknown batching: 1, no batching, assumed');
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** The serving config the container reads: `--config DIR/FILE` from a mounted ConfigMap among the documents. */
function servingConfigOf(container: Container, podSpec: Record<string, unknown>, configMaps: Doc[]): { doc: Doc; json: string } | undefined {
  const args = [...asStrings(container.command), ...asStrings(container.args)];
  const configPath = args[args.indexOf('--config') + 1];
  if (!args.includes('--config') || configPath === undefined) return undefined;
  const mount = (container.volumeMounts ?? []).find((m) => m.mountPath !== undefined && configPath.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
  if (!mount) return undefined;
  const key = configPath.slice(mount.mountPath!.replace(/\/$/, '').length + 1);
  const volumes = (Array.isArray(podSpec.volumes) ? podSpec.volumes : []) as { name?: string; configMap?: { name?: string } }[];
  const cmName = volumes.find((v) => v.name === mount.name)?.configMap?.name;
  const doc = configMaps.find((d) => (d.value.metadata as { name?: string } | undefined)?.name === cmName);
  const json = (doc?.value.data as Record<string, unknown> | undefined)?.[key];
  return doc && typeof json === 'string' ? { doc, json } : undefined;
}
