// KServe has no kubernetes-models package: an InferenceService is checked against KServe's own
// published CRD schema, vendored in vendor/ (version, commit and what was trimmed are in its
// $comment), with ajv. The API server rejects fields a structural schema does not declare
// (kubectl's strict field validation), so every object that declares properties and does not
// preserve unknown fields is closed here too.
import { Ajv, type ValidateFunction } from 'ajv';
import vendored from './vendor/inferenceservice-v1beta1.schema.json' with { type: 'json' };
import type { ValidationProblem } from '../target.js';
import { dottedPath } from '../validate-model.js';

let validate: ValidateFunction | undefined;

function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closed(v)])) : closed(value);
  if (out.properties !== undefined && out['x-kubernetes-preserve-unknown-fields'] !== true && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Problems of an InferenceService against the vendored schema (none when it is valid). */
export function validateInferenceService(value: unknown, file: string): ValidationProblem[] {
  validate ??= new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(closed(vendored.schema) as object);
  if (validate(value)) return [];
  const name = (value as { metadata?: { name?: string } }).metadata?.name ?? '';
  return (validate.errors ?? []).map((e) => ({
    file,
    path: `InferenceService ${name}: ${dottedPath(e.instancePath) || '(top level)'}`,
    message: `${e.message ?? 'invalid'}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`,
  }));
}

/** Where the vendored schema comes from, for docs and errors. */
export const KSERVE_SCHEMA_SOURCE: string = vendored.$comment;
