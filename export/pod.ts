// One replica of the candidate as a pod: one `servetwin serve` process whose serving config has
// `replicas: 1` (the twin's replica is a pod, docs/serve.md), its CPU and memory, probes on the
// engine's health endpoints, and a shutdown that lets in-flight requests finish. The Kubernetes,
// Knative and KServe targets all build their containers from this; the serving config comes from
// the one translation (servingConfigFor), so the pod runs exactly what the twin simulated.
import { builtinModelNames } from '../common/builtin-models.js';
import { servingConfigFor } from '../config/serving-translation.js';
import { ServingConfigSchema, type ServerConfig, type ServingConfigInput } from '../config/serving.js';
import type { ExportOptions, ExportSource } from './source.js';
import type { Warnings } from './target.js';

/** Where the pod's serving config is mounted (a ConfigMap). */
export const CONFIG_DIR = '/etc/servetwin';
export const CONFIG_FILE = 'serving.json';
export const HTTP_PORT_NAME = 'http';

/**
 * Resident memory of a `servetwin serve` process before any model session, in bytes. Measured on
 * the development machine (Node 20.20, 2 vCPUs): one ppocr-cls instance idle at 117 MiB RSS, less
 * the reference profile's 33 MiB session growth, is 84 MiB; rounded up to 96 MiB.
 */
export const NODE_BASELINE_BYTES = 96 * 2 ** 20;
/**
 * The memory limit over the request. The request is the idle estimate; under 16 concurrent JSON
 * requests of 520 kB the same process peaked at 209 MiB (1.8 × idle), for request bodies being
 * decoded and batch buffers, which the profile's session growth does not include.
 */
export const MEMORY_LIMIT_FACTOR = 2;
/** The engine's drain delay when the serving config's schema has none (config/serving.ts). */
export const DEFAULT_DRAIN_DELAY_MS = 5000;
/** preStop pause: the kubelet runs it before SIGTERM, while endpoints controllers drop the pod. */
export const PRESTOP_SLEEP_S = 5;
/** Added to preStop + drain delay + shutdown timeout so the kubelet never kills a pod still draining. */
export const GRACE_MARGIN_S = 5;

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu?: string; memory?: string };
}

export interface Pod {
  name: string;
  labels: Record<string, string>;
  /** servetwin.serving/v1 of one pod: replicas 1, listening on 0.0.0.0. */
  servingConfig: ServingConfigInput;
  servingJson: string;
  configMapName: string;
  image: string;
  port: number;
  command: string[];
  args: string[];
  resources: Resources;
  preStopSleepS: number;
  terminationGracePeriodS: number;
  /** How the grace period was reached, for a comment in the output. */
  graceReason: string;
}

/** A DNS-1123 label (Kubernetes object names): lower case, digits and '-', at most 50 characters. */
export function dnsLabel(text: string): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '');
  return label === '' ? 'servetwin' : label;
}

/** Cores as a Kubernetes quantity: "2", "1500m". */
export function cpuQuantity(cores: number): string {
  return Number.isInteger(cores) ? String(cores) : `${Math.ceil(cores * 1000)}m`;
}

/** Bytes as a Kubernetes quantity in MiB, rounded up. */
export function memoryQuantity(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 20)}Mi`;
}

export function podFor(source: ExportSource, options: ExportOptions, warnings: Warnings): Pod {
  const { candidate } = source;
  const name = dnsLabel(options.name ?? source.modelName);
  const model = podModel(source.model, warnings);
  const server = { ...source.server, host: '0.0.0.0', port: source.server.port ? source.server.port : 8000 };
  const servingConfig = servingConfigFor({ ...candidate, replicas: 1 }, undefined, { model, server });
  if (source.modelName !== baseName(model)) servingConfig.models![0]!.name = source.modelName;
  const parsed = ServingConfigSchema.parse(servingConfig);
  const drainMs = drainDelayMs(parsed.server);
  const shutdownMs = parsed.server.shutdown_timeout_ms;
  const grace = Math.ceil((PRESTOP_SLEEP_S * 1000 + drainMs + shutdownMs) / 1000) + GRACE_MARGIN_S;
  return {
    name,
    labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'servetwin-serve' },
    servingConfig,
    servingJson: `${JSON.stringify(servingConfig, null, 2)}\n`,
    configMapName: `${name}-serving`,
    image: options.image,
    port: server.port,
    command: ['servetwin'],
    args: ['serve', '--config', `${CONFIG_DIR}/${CONFIG_FILE}`],
    resources: resourcesFor(source, warnings),
    preStopSleepS: PRESTOP_SLEEP_S,
    terminationGracePeriodS: grace,
    graceReason: `preStop ${PRESTOP_SLEEP_S} s + drain delay ${drainMs / 1000} s + shutdown timeout ${shutdownMs / 1000} s + ${GRACE_MARGIN_S} s margin`,
  };
}

/**
 * The engine's drain delay: server.drain_delay_ms where the serving config's schema has it (the
 * engine keeps serving, unready, while endpoints drop the pod), else DEFAULT_DRAIN_DELAY_MS.
 */
export function drainDelayMs(server: ServerConfig): number {
  const value: unknown = 'drain_delay_ms' in server ? server.drain_delay_ms : undefined;
  return typeof value === 'number' ? value : DEFAULT_DRAIN_DELAY_MS;
}

/** CPU from the candidate's cpus; memory from the measured session memory × instances + Node. */
function resourcesFor(source: ExportSource, warnings: Warnings): Resources {
  const { candidate } = source;
  const threads = candidate.instances * (candidate.intra_op_threads ?? 1) + 1;
  const resources: Resources = { requests: { cpu: '', memory: '' }, limits: {} };
  if (candidate.cpus !== undefined && Number.isFinite(candidate.cpus)) {
    resources.requests.cpu = cpuQuantity(candidate.cpus);
    resources.limits.cpu = resources.requests.cpu;
  } else {
    resources.requests.cpu = cpuQuantity(threads);
    warnings.add(
      'cpus',
      candidate.cpus === undefined
        ? `the candidate names no cpus, so the twin gave each replica the profile's cores (or none); the pod requests ${threads} core(s), one per thread (instances × intra-op threads + the HTTP thread), with no limit`
        : `"unlimited" has no Kubernetes form; the pod requests ${threads} core(s), one per thread (instances × intra-op threads + the HTTP thread), with no limit`,
    );
  }
  if (source.sessionMemoryBytes !== undefined) {
    const request = NODE_BASELINE_BYTES + Math.max(0, source.sessionMemoryBytes) * candidate.instances;
    resources.requests.memory = memoryQuantity(request);
    resources.limits.memory = memoryQuantity(request * MEMORY_LIMIT_FACTOR);
  } else {
    resources.requests.memory = memoryQuantity(NODE_BASELINE_BYTES);
    warnings.add('instances', `no measured session memory (a measured profile's cold_start.memory_rss_growth_bytes), so memory requests only the Node baseline (${memoryQuantity(NODE_BASELINE_BYTES)}) and has no limit; pass --profile`);
  }
  return resources;
}

/** A builtin model ships inside servetwin; a file must be in the image, under /models. */
function podModel(model: string, warnings: Warnings): string {
  if (builtinModelNames().includes(model)) return model;
  const inImage = `/models/${model.replace(/^.*[/\\]/, '')}`;
  warnings.add('model', `${model} is a file: the pod's serving config reads it from ${inImage}, which the image (or a volume) must provide`);
  return inImage;
}

function baseName(model: string): string {
  return model.replace(/^.*[/\\]/, '').replace(/\.onnx$/, '');
}
