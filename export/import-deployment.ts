// `servetwin import <files…>`: a running deployment's files turned into a scenario candidate, with
// where each field came from. Recognises, by content: Kubernetes objects (Deployment, HPA, Service,
// ConfigMap — config-autoscaler included), a Knative Service, a KServe InferenceService, a Ray Serve
// config, and a Triton config.pbtxt (by name or content). One deployment (the fleet) at a time, plus
// at most one Triton config for its server. The reader per target lives beside its exporter.
import type * as z from 'zod';
import { CandidateFieldsSchema, type Candidate } from '../config/candidate.js';
import { CandidateSchema } from '../config/scenario.js';
import { parseConfig } from '../config/validate.js';
import { ImportedCandidate, importError, type FieldOrigin } from './imported.js';
import { importKnative } from './knative/import-knative.js';
import { importKserve } from './kserve/import-kserve.js';
import { importKubernetes } from './kubernetes/import-kubernetes.js';
import { dnsLabel } from './pod.js';
import type { Doc } from './pod-import.js';
import { importRayServe } from './ray-serve/import-ray-serve.js';
import type { TargetName } from './target.js';
import { importTriton } from './triton/import-triton.js';
import { parseYamlDocuments } from './yaml-documents.js';

export interface InputFile {
  file: string;
  text: string;
}

export interface ImportedDeployment {
  target: TargetName;
  candidate: Candidate;
  /** The candidate as a scenario would hold it (input form, defaults left to the schema). */
  written: z.input<typeof CandidateFieldsSchema>;
  origins: FieldOrigin[];
  notes: string[];
}

const FLEET_KINDS: Record<string, { apiVersion: RegExp; target: TargetName }> = {
  Deployment: { apiVersion: /^apps\/v1$/, target: 'kubernetes' },
  Service: { apiVersion: /^serving\.knative\.dev\//, target: 'knative' },
  InferenceService: { apiVersion: /^serving\.kserve\.io\//, target: 'kserve' },
};
const KNOWN_KINDS = ['Deployment', 'Service', 'InferenceService', 'HorizontalPodAutoscaler', 'ConfigMap', 'PodDisruptionBudget'];

export function importDeployment(files: InputFile[], name?: string): ImportedDeployment {
  const into = new ImportedCandidate();
  const docs: Doc[] = [];
  const tritons: InputFile[] = [];
  const rays: { file: string; value: unknown }[] = [];
  for (const input of files) {
    if (/\.pbtxt$/i.test(input.file) || looksLikePbtxt(input.text)) {
      tritons.push(input);
      continue;
    }
    let values: unknown[];
    try {
      values = parseYamlDocuments(input.text);
    } catch (err) {
      throw importError(input.file, '(top level)', `neither YAML/JSON nor a Triton config.pbtxt (${err instanceof Error ? err.message : String(err)})`);
    }
    values.forEach((value, i) => {
      const where = values.length > 1 ? `document ${i + 1}: ` : '';
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw importError(input.file, `${where}(top level)`, 'expected an object (a Kubernetes object or a Ray Serve config)');
      const v = value as Record<string, unknown>;
      if (Array.isArray(v.applications)) rays.push({ file: input.file, value: v });
      else if (typeof v.kind === 'string' && KNOWN_KINDS.includes(v.kind)) docs.push({ file: input.file, value: v });
      else throw importError(input.file, `${where}kind`, `an unknown kind of file: ${typeof v.kind === 'string' ? `${String(v.apiVersion)} ${v.kind}` : 'no kind'}; servetwin imports a Deployment (+ HPA, Service, ConfigMap), a Knative Service, a KServe InferenceService, a Ray Serve config or a Triton config.pbtxt`);
    });
  }
  const fleets = docs.filter((d) => FLEET_KINDS[String(d.value.kind)]?.apiVersion.test(String(d.value.apiVersion)));
  const sources = fleets.length + rays.length;
  if (sources > 1) {
    const second = fleets[1] ?? rays[0]!;
    throw importError(second.file, 'kind', 'a second deployment: import one at a time (a Deployment, Knative Service, InferenceService or Ray Serve config, plus the files that go with it)');
  }
  if (tritons.length > 1) throw importError(tritons[1]!.file, '(top level)', 'a second Triton config: import one model at a time');
  let target: TargetName = 'triton';
  const fleet = fleets[0];
  if (fleet) {
    target = FLEET_KINDS[String(fleet.value.kind)]!.target;
    const others = docs.filter((d) => d !== fleet);
    if (target === 'kubernetes') importKubernetes(fleet, others, into);
    else if (target === 'knative') importKnative(fleet, others, into);
    else importKserve(fleet, others, into);
    const fleetName = (fleet.value.metadata as { name?: string } | undefined)?.name;
    if (fleetName) into.read('name', fleetName, `${fleet.file}: ${String(fleet.value.kind)} ${fleetName}: metadata.name`);
  } else if (rays[0]) {
    target = 'ray-serve';
    importRayServe(rays[0].file, rays[0].value, into);
  } else if (tritons.length === 0) {
    throw importError(files[0]?.file ?? '(no file)', '(top level)', 'nothing to import');
  } else {
    const unused = docs[0];
    if (unused) throw importError(unused.file, 'kind', `${String(unused.value.kind)} without the Deployment, Knative Service or InferenceService it belongs to`);
  }
  // A Triton config gives the server's batching; the fleet files (if any) give replicas and scaling.
  if (tritons[0]) {
    for (const f of ['instances', 'intra_op_threads', 'batching.max_batch_size']) into.origins.splice(0, into.origins.length, ...into.origins.filter((o) => o.field !== f));
    if (into.fields.batching) delete into.fields.batching;
    importTriton(tritons[0].file, tritons[0].text, into);
  }
  if (name) into.read('name', name, '--name');
  into.fields.name = dnsLabel(String(into.fields.name ?? 'imported'));
  const label = files.map((f) => f.file).join(', ');
  const written = parseConfig(CandidateFieldsSchema, into.fields, label) as z.input<typeof CandidateFieldsSchema>;
  const candidate = parseConfig(CandidateSchema, into.fields, label);
  return { target, candidate, written: withoutDefaults(into.fields, written), origins: into.origins, notes: into.notes };
}

/** The candidate as imported (what the files and the listed defaults said), in the schema's key order. */
function withoutDefaults(fields: Record<string, unknown>, parsed: Record<string, unknown>): z.input<typeof CandidateFieldsSchema> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(parsed)) if (key in fields) out[key] = parsed[key];
  return out as z.input<typeof CandidateFieldsSchema>;
}

function looksLikePbtxt(text: string): boolean {
  return /^\s*(name|platform|backend|max_batch_size)\s*:/m.test(text) && !/^\s*(apiVersion|applications)\s*:/m.test(text);
}
