// What every target starts from: one candidate (config/candidate.ts) and the facts of its
// deployment that a candidate does not hold — the model it serves, the server settings of its
// serving config, the session memory its profile measured — plus the options a person gives on
// the command line. cli/commands/export.ts builds it from a result or a serving config through the
// one translation (config/serving-translation.ts); export/pod.ts turns it into the pod.
import type { Candidate } from '../config/scenario.js';
import type { ServerConfig } from '../config/serving.js';

export interface ExportSource {
  candidate: Candidate;
  /** The served model as the serving config names it: a builtin name or an .onnx path. */
  model: string;
  /** The name it is served under (/v2/models/NAME). */
  modelName: string;
  /** Server settings of the serving config it came from (listen address and port are replaced). */
  server: Partial<ServerConfig>;
  /** The profile's measured session memory (cold_start.memory_rss_growth_bytes), when known. */
  sessionMemoryBytes: number | undefined;
  /** The file it came from, named in comments of the output. */
  from: string;
}

export type HpaMetricsSource = 'prometheus-adapter' | 'cpu' | 'keda';
export type KserveMode = 'knative' | 'standard';

export interface ExportOptions {
  /** Name of the objects (a DNS label); default: from the model name. */
  name?: string;
  namespace: string;
  /** Container image with `servetwin` on its PATH (docs/export.md has a Dockerfile). */
  image: string;
  /** kubernetes: how the HPA reads the simulated metric. */
  hpaMetrics: HpaMetricsSource;
  /** kubernetes with hpaMetrics keda: the Prometheus the ScaledObject queries. */
  prometheusUrl: string;
  kserveMode: KserveMode;
  /** ray-serve: the user's application, `module:app`. */
  rayImportPath: string;
  /** ray-serve: the name of the user's deployment the settings apply to. */
  rayDeployment: string;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  namespace: 'default',
  image: 'servetwin:latest',
  hpaMetrics: 'prometheus-adapter',
  prometheusUrl: 'http://prometheus-operated.monitoring.svc:9090',
  kserveMode: 'knative',
  rayImportPath: 'app:app',
  rayDeployment: 'Model',
};
