// Synthesises a model's inputs from its own metadata (names, dtypes, shapes, dynamic dims), so
// calibrate works on any ONNX model with a dynamic batch axis. `planInputs` is pure (metadata →
// shapes, or an InputError naming the input); `makeFeeds` fills seeded tensors for a batch size.
// Collaborators: calibration/calibrate.ts (the orchestration), common/builtin-models.ts (pins).
import { makeTensor, type Tensor, type TensorData } from '../engine/ort-session.js';
import { InputError } from '../common/errors.js';
import type { Uniform } from '../common/rng.js';

/** The part of onnxruntime's InferenceSession.ValueMetadata this module reads. */
export type InputMetadata =
  | { readonly name: string; readonly isTensor: false }
  | { readonly name: string; readonly isTensor: true; readonly type: string; readonly shape: ReadonlyArray<number | string> };

export interface InputPlan {
  name: string;
  dtype: SupportedDtype;
  /** From the metadata: -1 for every dynamic dimension. */
  shape: number[];
  /** Every dimension fixed except the batch axis (0), which stays -1. */
  synthesizedShape: number[];
  /** Elements in one item (one row along the batch axis). */
  itemElements: number;
  itemBytes: number;
}

/** Pins for dynamic dimensions: by input and axis (`x.3=320`) or by symbolic name (`sequence=128`). */
export interface DimPins {
  byAxis: Record<string, Record<number, number>>;
  bySymbol: Record<string, number>;
}

const BYTES: Record<string, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  bool: 1,
};
export type SupportedDtype = 'float32' | 'float64' | 'float16' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'bool';

function isSupported(dtype: string): dtype is SupportedDtype {
  return dtype in BYTES;
}

function isDynamic(dim: number | string): boolean {
  return typeof dim === 'string' || dim < 0;
}

const showShape = (shape: ReadonlyArray<number | string>) => `[${shape.map((d) => (typeof d === 'string' ? (d === '' ? '?' : d) : String(d))).join(', ')}]`;

/**
 * Works out every input's shape. `source` (the model file) starts each error sentence; `pinFlag`
 * is the flag that pins dimensions, named in the hint.
 */
export function planInputs(metadata: readonly InputMetadata[], pins: DimPins, source: string, pinFlag = '--dim'): InputPlan[] {
  if (metadata.length === 0) throw new InputError(`${source}: the model declares no inputs`, { source });
  const plans = metadata.map((meta): InputPlan => {
    if (!meta.isTensor) {
      throw new InputError(`${source}: input ${meta.name} is not a tensor (a sequence or map); calibrate can only synthesise tensor inputs`, {
        source,
        path: meta.name,
      });
    }
    if (!isSupported(meta.type)) {
      throw new InputError(
        `${source}: input ${meta.name} has dtype ${meta.type}, which calibrate cannot synthesise (expected one of ${Object.keys(BYTES).join(', ')})`,
        { source, path: meta.name, expected: Object.keys(BYTES).join(', '), found: meta.type },
      );
    }
    const first = meta.shape[0];
    if (first === undefined || !isDynamic(first)) {
      throw new InputError(
        `${source}: no dynamic batch dimension: input ${meta.name} has shape ${showShape(meta.shape)}, expected a dynamic first axis (export the model with a dynamic batch axis)`,
        { source, path: meta.name, expected: 'a dynamic first axis', found: showShape(meta.shape) },
      );
    }
    const shape = meta.shape.map((d) => (isDynamic(d) ? -1 : (d as number)));
    const synthesizedShape = meta.shape.map((dim, axis) => {
      if (axis === 0) return -1;
      const pinned = pins.byAxis[meta.name]?.[axis] ?? (typeof dim === 'string' ? pins.bySymbol[dim] : undefined);
      if (!isDynamic(dim)) {
        if (pinned !== undefined && pinned !== dim) {
          throw new InputError(`${pinFlag}: input ${meta.name} axis ${axis} is fixed at ${dim} by the model, got ${pinned}`, {
            source: pinFlag,
            path: `${meta.name}.${axis}`,
          });
        }
        return dim as number;
      }
      if (pinned === undefined) {
        const symbol = typeof dim === 'string' && dim !== '' ? ` ("${dim}")` : '';
        throw new InputError(
          `${source}: input ${meta.name} has a dynamic dimension at axis ${axis}${symbol}; pin it with ${pinFlag} ${meta.name}.${axis}=VALUE`,
          { source, path: `${meta.name}.${axis}` },
        );
      }
      return pinned;
    });
    const itemElements = synthesizedShape.slice(1).reduce((a, b) => a * b, 1);
    return { name: meta.name, dtype: meta.type, shape, synthesizedShape, itemElements, itemBytes: itemElements * BYTES[meta.type]! };
  });
  // A pin naming an input the model does not have is a typo worth reporting.
  for (const name of Object.keys(pins.byAxis)) {
    if (!plans.some((p) => p.name === name)) {
      throw new InputError(`${pinFlag}: the model has no input ${name} (its inputs: ${plans.map((p) => p.name).join(', ')})`, { source: pinFlag });
    }
  }
  return plans;
}

/**
 * Parses `--dim` values: `INPUT.AXIS=VALUE` (axis an integer) or `SYMBOL=VALUE` for a symbolic
 * dimension shared by several inputs (e.g. `sequence=128`). Starts from `base` (builtin pins).
 */
export function parseDimPins(values: readonly string[], base: Record<string, Record<number, number>> = {}, flag = '--dim'): DimPins {
  const pins: DimPins = { byAxis: structuredClone(base), bySymbol: {} };
  for (const text of values) {
    const match = /^(.+)=(\d+)$/.exec(text.trim());
    const value = match ? Number(match[2]) : NaN;
    if (!match || !Number.isSafeInteger(value) || value < 1) {
      throw new InputError(`${flag}: expected INPUT.AXIS=VALUE (e.g. x.3=320) or SYMBOL=VALUE with a positive integer value, got ${JSON.stringify(text)}`, {
        source: flag,
        found: text,
      });
    }
    const key = match[1]!;
    const axisMatch = /^(.+)\.(\d+)$/.exec(key);
    if (axisMatch) {
      const axis = Number(axisMatch[2]);
      if (axis === 0) throw new InputError(`${flag}: axis 0 is the batch axis and is set by --batch-sizes, got ${JSON.stringify(text)}`, { source: flag });
      (pins.byAxis[axisMatch[1]!] ??= {})[axis] = value;
    } else {
      pins.bySymbol[key] = value;
    }
  }
  return pins;
}

/** Half-precision bits of a float in [0, 1) (normal range and zero only, which is all we fill). */
function toFloat16Bits(x: number): number {
  if (x < 6.103515625e-5) return 0;
  const exp = Math.floor(Math.log2(x));
  const mantissa = Math.round((x / 2 ** exp - 1) * 1024);
  return mantissa === 1024 ? ((exp + 16) << 10) : ((exp + 15) << 10) | mantissa;
}

// Integer inputs are usually indices (token ids, type ids) or masks: 0/1 values are in range for
// any of them, and masks (by name) are all ones so no position is masked out.
function fill(plan: InputPlan, elements: number, u: Uniform): TensorData {
  const mask = /mask/i.test(plan.name);
  const bit = () => (mask ? 1 : u() < 0.5 ? 0 : 1);
  switch (plan.dtype) {
    case 'float32':
      return Float32Array.from({ length: elements }, u);
    case 'float64':
      return Float64Array.from({ length: elements }, u);
    case 'float16':
      return Uint16Array.from({ length: elements }, () => toFloat16Bits(u()));
    case 'int64':
      return BigInt64Array.from({ length: elements }, () => BigInt(bit()));
    case 'uint64':
      return BigUint64Array.from({ length: elements }, () => BigInt(bit()));
    case 'int32':
      return Int32Array.from({ length: elements }, bit);
    case 'uint32':
      return Uint32Array.from({ length: elements }, bit);
    case 'int16':
      return Int16Array.from({ length: elements }, bit);
    case 'uint16':
      return Uint16Array.from({ length: elements }, bit);
    case 'int8':
      return Int8Array.from({ length: elements }, bit);
    case 'uint8':
    case 'bool':
      return Uint8Array.from({ length: elements }, bit);
  }
}

/** Seeded input tensors for one batch size, built before timing starts. */
export function makeFeeds(plans: readonly InputPlan[], batchSize: number, u: Uniform): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const plan of plans) {
    const dims = plan.synthesizedShape.map((d, axis) => (axis === 0 ? batchSize : d));
    feeds[plan.name] = makeTensor(plan.dtype, fill(plan, batchSize * plan.itemElements, u), dims);
  }
  return feeds;
}
