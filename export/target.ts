// What exporting to a deployment target produces, and how it reports what it could not say: files
// (relative paths and their text), warnings naming the candidate field and the target, and the
// problems validation found in the files (file, path in the document, why). Shared by every target
// module in export/ and by cli/commands/export.ts, which writes the files only when no target has a
// problem. A sweep target (export/kubernetes-sweep) reports the same way; a candidate field named
// in its warnings is a field of the sweep instead (`shards`).

export const TARGETS = ['kubernetes', 'knative', 'kserve', 'triton', 'ray-serve'] as const;
export type TargetName = (typeof TARGETS)[number];

/** Targets that run a scenario's sweep rather than deploy a candidate: their input is a scenario. */
export const SWEEP_TARGETS = ['kubernetes-sweep'] as const;
export type SweepTargetName = (typeof SWEEP_TARGETS)[number];

export interface ExportedFile {
  /** Relative to the output folder, e.g. `kubernetes/ppocr-cls.yaml`. */
  path: string;
  content: string;
}

export interface ExportWarning {
  target: TargetName | SweepTargetName;
  /** The candidate's field, dotted (`router`, `autoscaler.tolerance`, `batching.queue_timeout_ms`). */
  field: string;
  message: string;
}

export interface ValidationProblem {
  /** The exported file, as in ExportedFile.path. */
  file: string;
  /** Where in the document, e.g. `Deployment ppocr-cls: spec.template.spec.containers[0].resources`. */
  path: string;
  message: string;
}

export interface TargetExport {
  target: TargetName | SweepTargetName;
  files: ExportedFile[];
  warnings: ExportWarning[];
  problems: ValidationProblem[];
}

/** Collects one target's warnings; every one names the candidate field it is about. */
export class Warnings {
  readonly list: ExportWarning[] = [];
  constructor(private readonly target: TargetName | SweepTargetName) {}
  add(field: string, message: string): void {
    this.list.push({ target: this.target, field, message });
  }
}

/** A warning as one line: `knative: autoscaler.tick_s: …`. */
export function formatWarning(w: ExportWarning): string {
  return `${w.target}: ${w.field}: ${w.message}`;
}
