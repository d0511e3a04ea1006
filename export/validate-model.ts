// Validation through the upstream schemas: a kubernetes-models object (Kubernetes, Knative, KEDA)
// checks itself with validate(), whose ajv errors become problems naming the file, the object and
// the path in the document. Used by every target that writes Kubernetes objects.
import type { ValidationProblem } from './target.js';

interface AjvError {
  instancePath?: string;
  message?: string;
}

interface Validatable {
  validate(): void;
  kind: string;
  metadata?: { name?: string };
}

/** "/spec/template/spec/containers/0/name" → "spec.template.spec.containers[0].name". */
export function dottedPath(pointer: string): string {
  return pointer
    .split('/')
    .filter((p) => p !== '')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, key) => (/^\d+$/.test(key) ? `${out}[${key}]` : out === '' ? key : `${out}.${key}`), '');
}

export function validateModel(model: Validatable, file: string, problems: ValidationProblem[]): void {
  try {
    model.validate();
  } catch (err) {
    const errors = (err as { errors?: AjvError[] }).errors;
    const label = `${model.kind} ${model.metadata?.name ?? ''}`.trim();
    if (!errors || errors.length === 0) {
      problems.push({ file, path: label, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    for (const e of errors) problems.push({ file, path: `${label}: ${dottedPath(e.instancePath ?? '') || '(top level)'}`, message: e.message ?? 'invalid' });
  }
}
