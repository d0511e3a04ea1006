// A served model's signature: its inputs with the exact per-item shape requests must carry, and its
// outputs, derived from ONNX Runtime's metadata (reported by an instance worker) plus the pinned
// sizes of dynamic non-batch dimensions. The metadata endpoint shows it; the request decoder checks
// requests against it. Every tensor must have a dynamic first (batch) dimension.
import { InputError } from '../common/errors.js';
import { byOrt, type DatatypeInfo } from './protocol/datatypes.js';

/** ONNX Runtime's description of one input or output, as a worker reports it. */
export interface OrtValueMetadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: ReadonlyArray<number | string>;
}

export interface InputSpec {
  name: string;
  datatype: DatatypeInfo;
  /** Shape of one item (the batch dimension left out); every size is known. */
  itemDims: number[];
  itemElements: number;
  itemBytes: number;
}

export interface OutputSpec {
  name: string;
  datatype: DatatypeInfo;
  /** Full shape as ONNX declares it, -1 where dynamic (the batch dimension first). */
  shape: number[];
}

export interface ModelSignature {
  inputs: InputSpec[];
  outputs: OutputSpec[];
}

const isDynamic = (d: number | string): boolean => typeof d !== 'number' || d < 0;

function tensorType(model: string, v: OrtValueMetadata, role: 'input' | 'output'): DatatypeInfo {
  if (!v.isTensor || v.type === undefined || v.shape === undefined) {
    throw new InputError(`model ${model}: ${role} ${v.name} is not a tensor; servetwin serves tensor inputs and outputs only`, { source: model });
  }
  const dt = byOrt(v.type);
  if (!dt) throw new InputError(`model ${model}: ${role} ${v.name} has type ${v.type}, which servetwin cannot serve (numeric and bool tensors only)`, { source: model });
  if (v.shape.length === 0 || !isDynamic(v.shape[0]!)) {
    throw new InputError(
      `model ${model}: ${role} ${v.name} has shape [${v.shape.join(', ')}]; servetwin batches requests along a dynamic first dimension, and this one is fixed`,
      { source: model, expected: 'a dynamic batch dimension', found: `[${v.shape.join(', ')}]` },
    );
  }
  return dt;
}

/**
 * Builds the signature. `pinned` gives the sizes of dynamic non-batch dimensions by input name:
 * either the full per-item shape (config `input_dims`) or sizes by axis (a builtin's pinned dims).
 */
export function buildSignature(
  model: string,
  inputs: readonly OrtValueMetadata[],
  outputs: readonly OrtValueMetadata[],
  pinned: Record<string, number[] | Record<number, number>>,
): ModelSignature {
  for (const name of Object.keys(pinned)) {
    if (!inputs.some((i) => i.name === name)) {
      throw new InputError(`model ${model}: input_dims names ${name}, but the model's inputs are ${inputs.map((i) => i.name).join(', ')}`, { source: model });
    }
  }
  const inputSpecs = inputs.map((v): InputSpec => {
    const datatype = tensorType(model, v, 'input');
    const declared = v.shape!.slice(1);
    const pin = pinned[v.name];
    let itemDims: number[];
    if (Array.isArray(pin)) {
      if (pin.length !== declared.length) {
        throw new InputError(
          `model ${model}: input_dims.${v.name} must give ${declared.length} sizes (the shape without the batch dimension), got [${pin.join(', ')}]`,
          { source: model },
        );
      }
      itemDims = declared.map((d, i) => {
        if (!isDynamic(d) && d !== pin[i]) {
          throw new InputError(`model ${model}: input_dims.${v.name}[${i}] is ${pin[i]}, but the model fixes that dimension at ${d}`, { source: model });
        }
        return pin[i]!;
      });
    } else {
      itemDims = declared.map((d, i) => {
        if (!isDynamic(d)) return d as number;
        const size = pin?.[i + 1];
        if (size === undefined) {
          throw new InputError(
            `model ${model}: input ${v.name} has a dynamic dimension ${i + 1} (shape [${v.shape!.join(', ')}]); give its size in the serving config as input_dims: { "${v.name}": [...] }`,
            { source: model },
          );
        }
        return size;
      });
    }
    const itemElements = itemDims.reduce((a, b) => a * b, 1);
    return { name: v.name, datatype, itemDims, itemElements, itemBytes: itemElements * datatype.bytes };
  });
  const outputSpecs = outputs.map((v): OutputSpec => {
    const datatype = tensorType(model, v, 'output');
    return { name: v.name, datatype, shape: v.shape!.map((d) => (isDynamic(d) ? -1 : (d as number))) };
  });
  return { inputs: inputSpecs, outputs: outputSpecs };
}
