// Reads a serving config file (servetwin.serving/v1, JSON or YAML, config/serving.ts): every
// error names the file and, for invalid contents, the field. Used by `serve --config`, `check
// --config` and `replay --config`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { InputError, errorMessage } from '../common/errors.js';
import { parseConfig } from './validate.js';
import { ServingConfigSchema, type ServingConfig } from './serving.js';

/** Reads a serving config (JSON or YAML). Relative model paths are resolved against its folder. */
export function loadServingConfig(file: string): ServingConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`--config: cannot read ${file} (${errorMessage(err)})`, { source: file });
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? YAML.parse(text) : JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'} (${errorMessage(err)})`, { source: file });
  }
  const config = parseConfig(ServingConfigSchema, raw, file);
  const dir = path.dirname(path.resolve(file));
  const resolveFile = (spec: string) => (spec.endsWith('.onnx') || spec.includes('/') ? path.resolve(dir, spec) : spec);
  return {
    ...config,
    models: config.models.map((m) => ({ ...m, model: resolveFile(m.model) })),
    model_repository: config.model_repository === undefined ? undefined : path.resolve(dir, config.model_repository),
  };
}
