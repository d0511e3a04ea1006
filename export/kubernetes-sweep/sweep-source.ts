// What `export --to kubernetes-sweep` starts from: a scenario (its text, not a result), the files it
// names beside it (profiles, a trace), which the pods need too, and how many candidates its grid
// expands to. cli/sweep-source.ts reads them from disk; the exporter here is pure.

export interface SweepFile {
  /** Relative to the scenario's folder, as the scenario names it (`profiles/gpu.json`). */
  path: string;
  text: string;
}

export interface SweepSource {
  /** scenario.name, for the objects' names. */
  name: string;
  /** The scenario file's own name (`ppocr-cls-peak.yaml`) and text, as the pods read it. */
  scenarioFile: string;
  scenarioText: string;
  /** Files the scenario names relative to its folder; the image has the shipped ones (scenarios/, calibration/profiles/). */
  files: SweepFile[];
  /** Candidates after the grid is expanded: shards deal them out. */
  candidates: number;
  /** Seeds each candidate runs on. */
  seeds: number;
  /** The scenario file as given, named in comments. */
  from: string;
}

export interface SweepOptions {
  /** Base name of the objects (a DNS label); default: the scenario's name + `-sweep`. */
  name?: string;
  namespace: string;
  /** The servetwin image (the Dockerfile's), with `servetwin` on its PATH. */
  image: string;
  /** Shards: the Indexed Job's completions, one pod each. */
  shards: number;
  /** Pods at once (default: every shard). */
  parallelism?: number;
  /** Cores per shard pod: its CPU request and limit, and the sweep's worker threads. */
  cpus: number;
  /** The results volume's storage class (one offering ReadWriteMany); default: the cluster's default class. */
  storageClass?: string;
  /** The results volume's size, a Kubernetes quantity. */
  storageSize: string;
  /** How long the merge waits for the last shard, seconds. */
  mergeWaitS: number;
}

export const DEFAULT_SWEEP_OPTIONS = { shards: 4, cpus: 1, storageSize: '1Gi', mergeWaitS: 6 * 3600 } as const;
