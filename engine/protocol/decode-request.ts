// Decodes and validates one inference request body against a model's signature: the JSON form of
// the Open Inference Protocol (tensor data as flat or nested arrays) and Triton's binary tensor data
// extension (a JSON header of Inference-Header-Content-Length bytes, then raw little-endian tensors).
// Every rejection is a 400 whose message names the field, and each is decided before anything is
// sized from the request: the batch dimension against max_batch_size, the data's layout and length
// against the shape, binary_data_size against the shape and the body. Called by engine/http/routes.
import { badRequest } from '../errors.js';
import type { InputSpec, ModelSignature } from '../model-signature.js';
import { byOip, OIP_DATATYPE_NAMES, type DatatypeInfo, type NumericArray } from './datatypes.js';
import { nestsDeeperThan } from './json-depth.js';

/** Deeper than any request: the body's object, inputs, an input, then a tensor of rank up to ~60. */
const MAX_JSON_DEPTH = 64;

export interface RequestedOutput {
  /** Index into the signature's outputs. */
  index: number;
  binary: boolean;
}

export interface DecodedRequest {
  id?: string;
  /** Rows along the batch dimension (a request carrying a batch of N counts as N items). */
  items: number;
  /** Each model input's raw little-endian bytes, in signature order (views into the body where binary). */
  inputs: Uint8Array[];
  outputs: RequestedOutput[];
}

export interface DecodeOptions {
  modelName: string;
  signature: ModelSignature;
  maxBatchSize: number;
  allowNonFinite: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (isObject(v)) return 'an object';
  return String(v);
};

/**
 * `headerLength` is the Inference-Header-Content-Length header's value, if the request had one:
 * then the body's first headerLength bytes are the JSON and the rest is binary tensor data.
 */
export function decodeInferRequest(body: Buffer, headerLength: string | undefined, opts: DecodeOptions): DecodedRequest {
  let jsonEnd = body.length;
  if (headerLength !== undefined) {
    if (!/^\d+$/.test(headerLength.trim())) throw badRequest(`Inference-Header-Content-Length: expected a byte count, got ${show(headerLength)}`);
    jsonEnd = Number(headerLength);
    if (jsonEnd > body.length) {
      throw badRequest(`Inference-Header-Content-Length: says the JSON header is ${jsonEnd} bytes, but the body has only ${body.length} (truncated?)`);
    }
  }
  if (nestsDeeperThan(body, jsonEnd, MAX_JSON_DEPTH)) throw badRequest(`request body: JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8', 0, jsonEnd));
  } catch (err) {
    throw badRequest(`request body: not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(request)) throw badRequest(`request body: expected a JSON object with "inputs", got ${show(request)}`);

  const { signature } = opts;
  let id: string | undefined;
  if (request.id !== undefined) {
    if (typeof request.id !== 'string') throw badRequest(`id: expected a string, got ${show(request.id)}`);
    id = request.id;
  }
  const parameters = request.parameters;
  if (parameters !== undefined && !isObject(parameters)) throw badRequest(`parameters: expected an object, got ${show(parameters)}`);
  const binaryOutputDefault = booleanParameter(parameters, 'binary_data_output', 'parameters.binary_data_output') ?? false;

  const rawInputs = request.inputs;
  if (!Array.isArray(rawInputs) || rawInputs.length === 0) {
    throw badRequest(`inputs: expected a non-empty array of input tensors, got ${rawInputs === undefined ? 'nothing' : show(rawInputs)}`);
  }
  const decoded: (Uint8Array | undefined)[] = new Array(signature.inputs.length).fill(undefined);
  let items = -1;
  let binaryOffset = jsonEnd;
  // Names first, so that a duplicate or unknown input is refused before any tensor is decoded.
  const named = new Set<number>();
  const indexes = rawInputs.map((raw: unknown, i): number => {
    const field = `inputs[${i}]`;
    if (!isObject(raw)) throw badRequest(`${field}: expected an object with name, shape, datatype and data, got ${show(raw)}`);
    if (typeof raw.name !== 'string') throw badRequest(`${field}.name: expected a string, got ${show(raw.name)}`);
    const index = signature.inputs.findIndex((s) => s.name === raw.name);
    if (index < 0) {
      throw badRequest(`${field}.name: model ${opts.modelName} has no input ${show(raw.name)} (its inputs: ${signature.inputs.map((s) => s.name).join(', ')})`);
    }
    if (named.has(index)) throw badRequest(`${field}.name: input ${raw.name} is given twice`);
    named.add(index);
    return index;
  });
  (rawInputs as Json[]).forEach((raw, i) => {
    const field = `inputs[${i}]`;
    const index = indexes[i]!;
    const spec = signature.inputs[index]!;
    checkDatatype(raw.datatype, spec, field);
    const rows = checkShape(raw.shape, spec, field, opts);
    if (items >= 0 && rows !== items) {
      throw badRequest(`${field}.shape: batch dimension is ${rows}, but an earlier input has ${items}; all inputs must carry the same number of rows`);
    }
    items = rows;
    const elements = rows * spec.itemElements;
    const inputParams = raw.parameters;
    if (inputParams !== undefined && !isObject(inputParams)) throw badRequest(`${field}.parameters: expected an object, got ${show(inputParams)}`);
    const binarySize = inputParams?.binary_data_size;
    let bytes: Uint8Array;
    if (binarySize !== undefined) {
      if (headerLength === undefined) {
        throw badRequest(`${field}.parameters.binary_data_size: binary tensor data needs the Inference-Header-Content-Length header`);
      }
      if (typeof binarySize !== 'number' || !Number.isSafeInteger(binarySize) || binarySize < 0) {
        throw badRequest(`${field}.parameters.binary_data_size: expected a byte count, got ${show(binarySize)}`);
      }
      if (binarySize !== elements * spec.datatype.bytes) {
        throw badRequest(
          `${field}.parameters.binary_data_size: shape [${(raw.shape as number[]).join(', ')}] of ${spec.datatype.oip} needs ${elements * spec.datatype.bytes} bytes, got ${binarySize}`,
        );
      }
      if (raw.data !== undefined) throw badRequest(`${field}.data: give either data or parameters.binary_data_size, not both`);
      if (binaryOffset + binarySize > body.length) {
        throw badRequest(
          `${field}: binary data should end at body byte ${binaryOffset + binarySize}, but the body has only ${body.length} bytes (truncated?)`,
        );
      }
      bytes = body.subarray(binaryOffset, binaryOffset + binarySize);
      // engine/http/body aligns the first binary tensor; a later one after an odd-sized tensor may
      // still be unaligned, and typed views need alignment, so that one is copied (memcpy).
      if (bytes.byteOffset % spec.datatype.bytes !== 0) bytes = Uint8Array.prototype.slice.call(bytes);
      binaryOffset += binarySize;
    } else {
      bytes = decodeJsonData(raw.data, spec.datatype, [rows, ...spec.itemDims], field);
    }
    if (!opts.allowNonFinite) checkFinite(bytes, spec.datatype, field);
    decoded[index] = bytes;
  });
  if (binaryOffset !== body.length) {
    throw badRequest(
      `request body: ${body.length - jsonEnd} bytes follow the JSON header, but the inputs' binary_data_size values add up to ${binaryOffset - jsonEnd}`,
    );
  }
  const missing = signature.inputs.filter((_, i) => decoded[i] === undefined).map((s) => s.name);
  if (missing.length > 0) throw badRequest(`inputs: missing ${missing.join(', ')} (model ${opts.modelName} needs ${signature.inputs.map((s) => s.name).join(', ')})`);
  return { id, items, inputs: decoded as Uint8Array[], outputs: decodeOutputs(request.outputs, opts, binaryOutputDefault) };
}

function booleanParameter(params: Json | undefined, key: string, field: string): boolean | undefined {
  const v = params?.[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw badRequest(`${field}: expected true or false, got ${show(v)}`);
  return v;
}

function checkDatatype(datatype: unknown, spec: InputSpec, field: string): void {
  if (typeof datatype !== 'string' || !byOip(datatype)) {
    throw badRequest(`${field}.datatype: expected one of ${OIP_DATATYPE_NAMES.join(', ')}, got ${show(datatype)}`);
  }
  if (datatype !== spec.datatype.oip) throw badRequest(`${field}.datatype: input ${spec.name} is ${spec.datatype.oip}, got ${datatype}`);
}

/**
 * Checks the shape against the model's per-item shape and the batch dimension against
 * max_batch_size (the cap on what a request may make the server allocate); returns the batch dimension.
 */
function checkShape(shape: unknown, spec: InputSpec, field: string, opts: DecodeOptions): number {
  const expected = `[N, ${spec.itemDims.join(', ')}] with 1 <= N`;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw badRequest(`${field}.shape: expected an array of non-negative integers ${expected}, got ${Array.isArray(shape) ? JSON.stringify(shape.slice(0, 8)) : show(shape)}`);
  }
  const dims = shape as number[];
  const fits = dims.length === spec.itemDims.length + 1 && spec.itemDims.every((d, i) => dims[i + 1] === d) && dims[0]! >= 1;
  if (!fits) throw badRequest(`${field}.shape: input ${spec.name} expects ${expected}, got [${dims.slice(0, 8).join(', ')}${dims.length > 8 ? ', …' : ''}]`);
  if (dims[0]! > opts.maxBatchSize) {
    throw badRequest(`${field}.shape: batch dimension ${dims[0]} is over model ${opts.modelName}'s max_batch_size ${opts.maxBatchSize}`);
  }
  return dims[0]!;
}

/**
 * Flattens `data` into little-endian bytes. It must be flat (row-major, as many values as the shape
 * holds) or nested exactly as `shape`, as the protocol allows; its layout is checked before the
 * buffer is sized, each value as it is stored.
 */
function decodeJsonData(data: unknown, dt: DatatypeInfo, shape: number[], field: string): Uint8Array {
  if (!Array.isArray(data)) throw badRequest(`${field}.data: expected an array of values (or parameters.binary_data_size), got ${data === undefined ? 'nothing' : show(data)}`);
  if (dt.json === 'binary_only') throw badRequest(`${field}.data: ${dt.oip} cannot be sent as JSON; send it as binary data (parameters.binary_data_size)`);
  const elements = shape.reduce((a, b) => a * b, 1);
  const nested = data.length > 0 && Array.isArray(data[0]);
  if (nested) checkNesting(data, shape, field);
  else if (data.length !== elements) throw badRequest(`${field}.data: shape [${shape.join(', ')}] needs ${elements} values, got ${data.length}`);
  const bytes = new Uint8Array(elements * dt.bytes);
  const target = dt.view(bytes.buffer, 0, elements);
  let n = 0;
  const store = (v: unknown): void => {
    switch (dt.json) {
      case 'float':
        if (typeof v !== 'number') throw badRequest(`${field}.data[${n}]: expected a number, got ${show(v)}`);
        (target as Float32Array)[n] = v;
        break;
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < dt.min || v > dt.max) {
          throw badRequest(`${field}.data[${n}]: expected an integer from ${dt.min} to ${dt.max} (${dt.oip}), got ${show(v)}`);
        }
        (target as Int32Array)[n] = v;
        break;
      case 'bigint':
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < dt.min) {
          throw badRequest(`${field}.data[${n}]: expected an integer from ${dt.min} to ${dt.max} (${dt.oip} in JSON), got ${show(v)}`);
        }
        (target as BigInt64Array)[n] = BigInt(v);
        break;
      case 'bool':
        if (v !== true && v !== false && v !== 0 && v !== 1) throw badRequest(`${field}.data[${n}]: expected true or false, got ${show(v)}`);
        (target as Uint8Array)[n] = v === true || v === 1 ? 1 : 0;
        break;
    }
    n++;
  };
  const visit = (v: unknown[], depth: number): void => {
    if (depth < shape.length - 1) for (const x of v) visit(x as unknown[], depth + 1);
    else for (const x of v) store(x);
  };
  if (nested) visit(data, 0);
  else for (const x of data) store(x);
  return bytes;
}

/** Every level of nested `data` has the length of its dimension; the innermost holds values (checked when stored). */
function checkNesting(data: unknown[], shape: number[], field: string): void {
  const rank = shape.length;
  const visit = (v: unknown, depth: number, path: string): void => {
    if (!Array.isArray(v)) {
      throw badRequest(`${field}.data${path}: nested arrays must follow shape [${shape.join(', ')}] all the way down (${rank} levels); got ${show(v)} at level ${depth + 1}`);
    }
    if (v.length !== shape[depth]) {
      throw badRequest(`${field}.data${path}: level ${depth + 1} of shape [${shape.join(', ')}] needs ${shape[depth]} entries, got ${v.length}`);
    }
    if (depth < rank - 1) v.forEach((x, i) => visit(x, depth + 1, `${path}[${i}]`));
  };
  visit(data, 0, '');
}

function checkFinite(bytes: Uint8Array, dt: DatatypeInfo, field: string): void {
  if (dt.json !== 'float' && dt.oip !== 'FP16') return;
  const values: NumericArray = dt.view(bytes.buffer, bytes.byteOffset, bytes.byteLength / dt.bytes);
  if (dt.oip === 'FP16') {
    const halves = values as Uint16Array;
    for (let i = 0; i < halves.length; i++) if ((halves[i]! & 0x7c00) === 0x7c00) throw nonFinite(field, i, 'NaN or Infinity');
    return;
  }
  const floats = values as Float32Array | Float64Array;
  // Fast pass: x · 0 is NaN exactly for NaN and ±Infinity, so one sum tells whether to look closer.
  let probe = 0;
  for (let i = 0; i < floats.length; i++) probe += floats[i]! * 0;
  if (probe === 0) return;
  for (let i = 0; i < floats.length; i++) {
    const v = floats[i]!;
    if (v - v !== 0) throw nonFinite(field, i, String(v));
  }
}

const nonFinite = (field: string, i: number, what: string) =>
  badRequest(`${field}: element ${i} is ${what}; this model does not accept non-finite values (allow_non_finite in the serving config)`);

function decodeOutputs(raw: unknown, opts: DecodeOptions, binaryDefault: boolean): RequestedOutput[] {
  const outputs = opts.signature.outputs;
  if (raw === undefined) return outputs.map((_, index) => ({ index, binary: binaryDefault }));
  if (!Array.isArray(raw)) throw badRequest(`outputs: expected an array of {name}, got ${show(raw)}`);
  const seen = new Set<number>();
  return raw.map((o, i) => {
    const field = `outputs[${i}]`;
    if (!isObject(o) || typeof o.name !== 'string') throw badRequest(`${field}.name: expected a string, got ${show(isObject(o) ? o.name : o)}`);
    const index = outputs.findIndex((s) => s.name === o.name);
    if (index < 0) throw badRequest(`${field}.name: model ${opts.modelName} has no output ${show(o.name)} (its outputs: ${outputs.map((s) => s.name).join(', ')})`);
    if (seen.has(index)) throw badRequest(`${field}.name: output ${o.name} is requested twice`);
    seen.add(index);
    if (o.parameters !== undefined && !isObject(o.parameters)) throw badRequest(`${field}.parameters: expected an object, got ${show(o.parameters)}`);
    if (o.parameters?.classification !== undefined) throw badRequest(`${field}.parameters.classification: the classification extension is not supported`);
    const binary = booleanParameter(o.parameters, 'binary_data', `${field}.parameters.binary_data`) ?? binaryDefault;
    return { index, binary };
  });
}
