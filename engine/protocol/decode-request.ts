// Decodes and validates one inference request body against a model's signature: the JSON form of
// the Open Inference Protocol (tensor data as flat or nested arrays) and Triton's binary tensor data
// extension (a JSON header of Inference-Header-Content-Length bytes, then raw little-endian tensors).
// Every rejection is a 400 whose message names the field, and each is decided before anything is
// sized from the request: the batch dimension against max_batch_size, the data's layout and length
// against the shape, binary_data_size against the shape and the body. Called by engine/http/routes.
//
// JSON tensor data takes a typed path: the "data" arrays are lifted out before JSON.parse
// (engine/protocol/json-data-spans.ts) and decoded from their bytes into the tensor
// (engine/protocol/json-numbers.ts). Where that path cannot decode a request — anything malformed or
// unusual, every error included — the request is decoded again the reference way (JSON.parse of the
// whole body, then the arrays), so results and error messages are that one path's.
import { badRequest } from '../errors.js';
import type { InputSpec, ModelSignature } from '../model-signature.js';
import { byOip, OIP_DATATYPE_NAMES, type DatatypeInfo } from './datatypes.js';
import { allFinite, firstNonFinite } from './finite.js';
import { decodeJsonData, isObject, show, typedSpans, type DataDecoder, type Json } from './json-data.js';
import { parseLifted } from './json-data-spans.js';
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
  /** Decode JSON tensor data on the typed path (default true); false: the reference path alone (benchmarks and tests compare the two). */
  typedJson?: boolean;
}

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
  if (opts.typedJson !== false) {
    const lifted = parseLifted(body, jsonEnd);
    if (lifted && lifted.spans.length === 0) return validate(lifted.request, body, jsonEnd, headerLength, opts, decodeJsonData);
    if (lifted) {
      const typed = typedSpans(body, lifted.spans);
      try {
        const decoded = validate(lifted.request, body, jsonEnd, headerLength, opts, typed.decode);
        if (typed.restValid()) return decoded;
      } catch {
        // the reference path below says what is wrong
      }
    }
  }
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8', 0, jsonEnd));
  } catch (err) {
    throw badRequest(`request body: not valid JSON (${(err as Error).message})`);
  }
  return validate(request, body, jsonEnd, headerLength, opts, decodeJsonData);
}

/** Validates a parsed request and decodes its tensors, each JSON one with `decodeData`. */
function validate(request: unknown, body: Buffer, jsonEnd: number, headerLength: string | undefined, opts: DecodeOptions, decodeData: DataDecoder): DecodedRequest {
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
      bytes = decodeData(raw.data, spec.datatype, [rows, ...spec.itemDims], field);
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

function checkFinite(bytes: Uint8Array, dt: DatatypeInfo, field: string): void {
  if (allFinite(bytes, dt)) return;
  const at = firstNonFinite(bytes, dt);
  throw badRequest(`${field}: element ${at.index} is ${at.what}; this model does not accept non-finite values (allow_non_finite in the serving config)`);
}

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
