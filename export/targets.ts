// The deployment targets by name: each a pure function from the export source to files, warnings
// and validation problems. cli/commands/export.ts runs the ones asked for and writes nothing when
// any has a problem.
import { exportKnative } from './knative/export-knative.js';
import { exportKserve } from './kserve/export-kserve.js';
import { exportKubernetes } from './kubernetes/export-kubernetes.js';
import { exportRayServe } from './ray-serve/export-ray-serve.js';
import type { ExportOptions, ExportSource } from './source.js';
import type { TargetExport, TargetName } from './target.js';
import { exportTriton } from './triton/export-triton.js';

export const EXPORTERS: Record<TargetName, (source: ExportSource, options: ExportOptions) => TargetExport> = {
  kubernetes: exportKubernetes,
  knative: exportKnative,
  kserve: exportKserve,
  triton: exportTriton,
  'ray-serve': exportRayServe,
};
