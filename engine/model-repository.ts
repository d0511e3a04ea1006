// Turns a serving config (after the CLI's flags) into the list of models to load: the config's
// models[] plus a model repository folder — every *.onnx in it, and every sub-folder holding
// model.onnx (or 1/model.onnx, Triton's layout) with an optional config.json of models[] fields.
// Names must be unique: they are the /v2/models/{name} URLs.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveModel } from '../common/model-file.js';
import { InputError, errorMessage } from '../common/errors.js';
import type { BatchingInput } from '../config/batching.js';
import { RepositoryModelSchema, ServedModelSchema, type ServedModelConfig, type ServingConfig } from '../config/serving.js';
import { parseConfig } from '../config/validate.js';
import type { ModelSpec } from './served-model.js';

/** Fields the CLI's flags force on every model (cli/commands/serve.ts: one flag per schema field). */
export type ModelOverrides = Partial<Omit<ServedModelConfig, 'model' | 'name' | 'input_dims' | 'batching'>> & { batching?: Partial<BatchingInput> };

export function resolveModels(config: ServingConfig, overrides: ModelOverrides = {}): ModelSpec[] {
  const entries: { entry: ServedModelConfig; source: string }[] = config.models.map((entry, i) => ({ entry, source: `models[${i}]` }));
  if (config.model_repository !== undefined) entries.push(...scanRepository(config.model_repository));
  if (entries.length === 0) throw new InputError('serving config: no models to serve (give --model, --model-repository or models[] in --config)');
  const specs = entries.map(({ entry, source }) => toSpec(applyOverrides(entry, overrides, source), source));
  const seen = new Map<string, string>();
  for (const spec of specs) {
    const other = seen.get(spec.name);
    if (other) throw new InputError(`serving config: two models are named ${spec.name} (${other} and ${spec.file}); give one a different name`);
    seen.set(spec.name, spec.file);
  }
  return specs;
}

function applyOverrides(entry: ServedModelConfig, o: ModelOverrides, source: string): ServedModelConfig {
  const { batching, ...fields } = o;
  if (batching === undefined && Object.values(fields).every((v) => v === undefined)) return entry;
  const merged = { ...entry, ...defined(fields), batching: { ...entry.batching, ...defined(batching ?? {}) } };
  return parseConfig(ServedModelSchema, merged, `${source} with the command-line flags`);
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toSpec(entry: ServedModelConfig, source: string): ModelSpec {
  const ref = resolveModel(entry.model, `${source}.model`);
  return {
    name: entry.name ?? ref.name,
    file: ref.file,
    config: entry,
    pinned: entry.input_dims ?? ref.pinnedDims,
  };
}

function scanRepository(dir: string): { entry: ServedModelConfig; source: string }[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(`--model-repository: ${dir} is not a folder`, { source: '--model-repository', found: dir });
  }
  const found: { entry: ServedModelConfig; source: string }[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isFile()) {
      if (name.endsWith('.onnx')) found.push({ entry: parseConfig(ServedModelSchema, { model: full, name: safeName(name.slice(0, -5)) }, full), source: full });
      continue;
    }
    const file = [path.join(full, 'model.onnx'), path.join(full, '1', 'model.onnx')].find((f) => existsSync(f));
    if (!file) continue;
    const configFile = path.join(full, 'config.json');
    let extra: unknown = {};
    if (existsSync(configFile)) {
      try {
        extra = JSON.parse(readFileSync(configFile, 'utf8'));
      } catch (err) {
        throw new InputError(`${configFile}: not valid JSON (${errorMessage(err)})`, { source: configFile });
      }
    }
    const fields = parseConfig(RepositoryModelSchema, extra, configFile);
    found.push({ entry: parseConfig(ServedModelSchema, { ...fields, model: file, name: safeName(name) }, configFile), source: configFile });
  }
  if (found.length === 0) {
    throw new InputError(`--model-repository: ${dir} holds no models (expected *.onnx files or folders with model.onnx)`, { source: '--model-repository' });
  }
  return found;
}

/** File names become URL path segments; keep them to the characters the schema allows. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[^A-Za-z0-9]/, 'm');
}
