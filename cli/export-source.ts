// What `servetwin export` starts from, read from disk: a result (servetwin.result/v1, its
// recommended candidate or --candidate) or a serving config (servetwin.serving/v1), turned into the
// candidate through the one translation (config/serving-translation.ts), with the facts a candidate
// does not hold — the served model, the server settings, the profile's session memory, the cores
// the twin gave each replica. Pure export modules (export/) take it from here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError, describeValue } from '../common/errors.js';
import { readInputFile } from '../common/read-file.js';
import { projectRoot } from '../common/servetwin-files.js';
import { CpusSchema } from '../config/candidate.js';
import { loadProfile } from '../config/profile-file.js';
import type { Profile } from '../config/profile.js';
import { parseResult } from '../config/result-file.js';
import { RESULT_SCHEMA_ID } from '../config/result.js';
import { loadServingConfig } from '../config/serving-file.js';
import { SERVING_SCHEMA, ServingConfigSchema, type ServingConfig } from '../config/serving.js';
import { autoscalerOfServingConfig, candidateFromServingConfig } from '../config/serving-translation.js';
import { parseConfig } from '../config/validate.js';
import type { ExportSource } from '../export/source.js';
import YAML from 'yaml';

export interface SourceFlags {
  candidate?: string;
  profile?: string;
  cpus?: string;
}

export function loadExportSource(file: string, flags: SourceFlags): ExportSource {
  const text = readInputFile(file, 'a result or serving config');
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? YAML.parse(text) : JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'} (${err instanceof Error ? err.message : String(err)})`, { source: file });
  }
  const schema = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).schema : undefined;
  if (schema === RESULT_SCHEMA_ID) return fromResult(file, raw, flags);
  if (schema === SERVING_SCHEMA || schema === undefined) {
    if (flags.candidate) throw new InputError('--candidate: only with a result, which holds several candidates', { source: '--candidate' });
    return fromServingConfig(file, loadServingConfig(file), flags, flags.profile ? loadProfile(flags.profile) : undefined, file);
  }
  throw new InputError(`${file}: schema: expected ${RESULT_SCHEMA_ID} (from \`simulate --json\`) or ${SERVING_SCHEMA} (from \`simulate --serving-config\`), got ${describeValue(schema)}`, { source: file, path: 'schema' });
}

function fromResult(file: string, raw: unknown, flags: SourceFlags): ExportSource {
  const result = parseResult(raw, file);
  const name = flags.candidate ?? result.recommendation?.name;
  if (!name) {
    throw new InputError(`${file}: recommendation.name: no candidate met the SLO, so there is no recommendation to export; name one with --candidate (${result.candidates.map((c) => c.name).join(', ')})`, { source: file, path: 'recommendation.name' });
  }
  const index = result.candidates.findIndex((c) => c.name === name);
  const chosen = result.candidates[index];
  if (!chosen) throw new InputError(`--candidate: ${file} has no candidate ${JSON.stringify(name)}; it has ${result.candidates.map((c) => c.name).join(', ')}`, { source: '--candidate' });
  if (!chosen.serving_config) throw new InputError(`${file}: candidates[${index}].serving_config: missing (a result written before serving configs were stored); export the serving config instead`, { source: file, path: `candidates[${index}].serving_config` });
  const config = parseConfig(ServingConfigSchema, chosen.serving_config, `${file} (candidates[${index}].serving_config)`);
  const profile = flags.profile ? loadProfile(flags.profile) : findProfile(file, result.scenario.profile.source, result.scenario.file);
  // The cores the twin gave each replica: the result says when a CPU model applied.
  const cpus = flags.cpus ?? chosen.cpu?.cpus;
  return fromServingConfig(file, config, { ...flags, cpus: cpus === undefined ? undefined : String(cpus) }, profile, `${file} (candidate ${name})`, name, chosen.config.autoscaler);
}

function fromServingConfig(file: string, config: ServingConfig, flags: SourceFlags, profile: Profile | undefined, from: string, name?: string, autoscaler?: ExportSource['candidate']['autoscaler']): ExportSource {
  const { candidate } = candidateFromServingConfig(config, profile, file);
  const model = config.models[0]!;
  const cpus = flags.cpus !== undefined ? parseConfig(CpusSchema, /^\d+(\.\d+)?$/.test(flags.cpus) ? Number(flags.cpus) : flags.cpus, '--cpus') : profile?.kind === 'measured' ? (profile.host.cpus ?? profile.host.cores) : undefined;
  return {
    candidate: { ...candidate, name: name ?? candidate.name, ...(cpus !== undefined ? { cpus } : {}), autoscaler: autoscaler ?? autoscalerOfServingConfig(config, file) },
    model: model.model,
    modelName: model.name ?? model.model.replace(/^.*[/\\]/, '').replace(/\.onnx$/, ''),
    server: config.server,
    sessionMemoryBytes: profile?.kind === 'measured' ? profile.cold_start.memory_rss_growth_bytes : undefined,
    from: path.basename(from),
  };
}

/** The result's profile file, looked for where the scenario could have meant it; undefined when not found. */
function findProfile(resultFile: string, source: string, scenarioFile: string | null): Profile | undefined {
  if (source === 'inline') return undefined;
  const places = path.isAbsolute(source)
    ? [source]
    : [path.dirname(scenarioFile ?? resultFile), path.dirname(resultFile), process.cwd(), projectRoot()].map((dir) => path.resolve(dir, source));
  const found = places.find((p) => existsSync(p));
  return found ? loadProfile(found) : undefined;
}
