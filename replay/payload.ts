// Real request bodies for replay: the model's inputs as the target describes them (GET
// /v2/models/{name}), filled once from a seeded stream and reused, as Triton's binary tensor data
// extension (default: a JSON header then raw little-endian bytes, with Inference-Header-Content-Length)
// or as plain Open Inference Protocol JSON. One body per distinct item count, built on first use.
import { InputError, errorMessage } from '../common/errors.js';
import { stream, type Uniform } from '../common/rng.js';
import type { Payload } from './sender.js';

export type Protocol = 'binary' | 'json';

export interface TensorMetadata {
  name: string;
  datatype: string;
  shape: number[];
}

export interface ModelMetadata {
  name: string;
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
}

/** Reads GET {target}/v2/models/{model}: names, datatypes and shapes of the inputs and outputs. */
export async function fetchModelMetadata(target: URL, model: string): Promise<ModelMetadata> {
  const url = new URL(`v2/models/${encodeURIComponent(model)}`, withSlash(target));
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new InputError(`--target: cannot reach ${url} (${errorMessage((err as { cause?: unknown }).cause ?? err)}); is \`servetwin serve\` running there?`, {
      source: '--target',
    });
  }
  const text = await response.text();
  if (response.status === 404) throw new InputError(`--model: the target does not serve a model named ${JSON.stringify(model)} (${url}: ${text.slice(0, 200)})`, { source: '--model' });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 200)}`);
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw new Error(`GET ${url}: expected model metadata JSON, got ${JSON.stringify(text.slice(0, 80))}`);
  }
  const m = meta as Partial<ModelMetadata>;
  const tensors = (list: unknown): list is TensorMetadata[] =>
    Array.isArray(list) && list.every((t) => typeof t?.name === 'string' && typeof t?.datatype === 'string' && Array.isArray(t?.shape));
  if (!tensors(m.inputs) || !tensors(m.outputs) || m.inputs.length === 0) throw new Error(`GET ${url}: model metadata without inputs/outputs (name, datatype, shape)`);
  return { name: typeof m.name === 'string' ? m.name : model, inputs: m.inputs, outputs: m.outputs };
}

export function withSlash(target: URL): URL {
  return target.pathname.endsWith('/') ? target : new URL(`${target.href}/`);
}

interface Dtype {
  bytes: number;
  /** Writes element k of a row from a uniform draw. */
  write(view: DataView, offset: number, u: Uniform): void;
  json: boolean;
}

// Values in ranges every model accepts: floats in [0, 1) like a normalised image, small
// non-negative integers (valid token ids for an embedding table of any size above 100).
const DTYPES: Record<string, Dtype> = {
  FP32: { bytes: 4, json: true, write: (v, o, u) => v.setFloat32(o, u(), true) },
  FP64: { bytes: 8, json: true, write: (v, o, u) => v.setFloat64(o, u(), true) },
  FP16: { bytes: 2, json: false, write: (v, o, u) => v.setUint16(o, 0x3800 + Math.floor(u() * 0x400), true) }, // [0.5, 1)
  INT8: { bytes: 1, json: true, write: (v, o, u) => v.setInt8(o, Math.floor(u() * 100)) },
  UINT8: { bytes: 1, json: true, write: (v, o, u) => v.setUint8(o, Math.floor(u() * 100)) },
  INT16: { bytes: 2, json: true, write: (v, o, u) => v.setInt16(o, Math.floor(u() * 100), true) },
  UINT16: { bytes: 2, json: true, write: (v, o, u) => v.setUint16(o, Math.floor(u() * 100), true) },
  INT32: { bytes: 4, json: true, write: (v, o, u) => v.setInt32(o, Math.floor(u() * 100), true) },
  UINT32: { bytes: 4, json: true, write: (v, o, u) => v.setUint32(o, Math.floor(u() * 100), true) },
  INT64: { bytes: 8, json: true, write: (v, o, u) => v.setBigInt64(o, BigInt(Math.floor(u() * 100)), true) },
  UINT64: { bytes: 8, json: true, write: (v, o, u) => v.setBigUint64(o, BigInt(Math.floor(u() * 100)), true) },
  BOOL: { bytes: 1, json: true, write: (v, o, u) => v.setUint8(o, u() < 0.5 ? 0 : 1) },
};

interface InputPlan {
  name: string;
  datatype: string;
  dtype: Dtype;
  /** Shape of one item (the batch axis left out). */
  itemDims: number[];
  itemElements: number;
  /** Rows generated so far, end to end. */
  rows: Uint8Array;
  u: Uniform;
}

export interface PayloadFactory {
  protocol: Protocol;
  /** Bytes of tensor data per item, all inputs together. */
  itemBytes: number;
  payload(items: number): Payload;
}

/**
 * Plans bodies for `meta`'s inputs. The batch axis is the first and must be dynamic (-1); other
 * dynamic axes need a size from `dims` (input name → item shape), else an InputError says so.
 */
export function createPayloads(meta: ModelMetadata, protocol: Protocol, seed: number, dims: Record<string, number[]> = {}): PayloadFactory {
  const plans: InputPlan[] = meta.inputs.map((input) => {
    const dtype = DTYPES[input.datatype];
    if (!dtype) throw new InputError(`model ${meta.name}: input ${input.name} has datatype ${input.datatype}, which replay cannot synthesise (it can: ${Object.keys(DTYPES).join(', ')})`, { source: meta.name });
    if (protocol === 'json' && !dtype.json) throw new InputError(`--protocol json: input ${input.name} is ${input.datatype}, which has no JSON form; use --protocol binary`, { source: '--protocol' });
    if (input.shape[0] !== -1) throw new InputError(`model ${meta.name}: input ${input.name} has shape [${input.shape.join(', ')}]; replay needs a dynamic batch axis first (-1)`, { source: meta.name });
    const itemDims = dims[input.name] ?? input.shape.slice(1);
    if (itemDims.length !== input.shape.length - 1 || itemDims.some((d, k) => d < 1 || (input.shape[k + 1] !== -1 && input.shape[k + 1] !== d))) {
      throw new InputError(
        `model ${meta.name}: input ${input.name} has shape [${input.shape.join(', ')}]; give the size of each dynamic axis after the batch axis, e.g. --input-dims ${input.name}=${input.shape.slice(1).map((d) => (d === -1 ? 'N' : d)).join('x')}`,
        { source: '--input-dims' },
      );
    }
    const itemElements = itemDims.reduce((a, b) => a * b, 1);
    return { name: input.name, datatype: input.datatype, dtype, itemDims, itemElements, rows: new Uint8Array(0), u: stream(seed, `replay:payload:${input.name}`) };
  });
  const itemBytes = plans.reduce((n, p) => n + p.itemElements * p.dtype.bytes, 0);
  const cache = new Map<number, Payload>();
  const outputs = meta.outputs.map((o) => (protocol === 'binary' ? { name: o.name, parameters: { binary_data: true } } : { name: o.name }));

  const rowsFor = (p: InputPlan, items: number): Uint8Array => {
    const rowBytes = p.itemElements * p.dtype.bytes;
    if (p.rows.length < items * rowBytes) {
      // Grow by generating only the new rows, so a request of n rows always starts with the same
      // bytes whatever sizes were built before.
      const grown = new Uint8Array(items * rowBytes);
      grown.set(p.rows);
      const view = new DataView(grown.buffer);
      for (let off = p.rows.length; off < grown.length; off += p.dtype.bytes) p.dtype.write(view, off, p.u);
      p.rows = grown;
    }
    return p.rows.subarray(0, items * rowBytes);
  };

  const build = (items: number): Payload => {
    const tensors = plans.map((p) => ({ p, bytes: rowsFor(p, items), shape: [items, ...p.itemDims] }));
    if (protocol === 'json') {
      const body = JSON.stringify({
        inputs: tensors.map(({ p, bytes, shape }) => ({ name: p.name, shape, datatype: p.datatype, data: jsonValues(p, bytes) })),
        outputs,
      });
      return { body: Buffer.from(body), headers: { 'content-type': 'application/json' } };
    }
    const header = Buffer.from(
      JSON.stringify({
        inputs: tensors.map(({ p, bytes, shape }) => ({ name: p.name, shape, datatype: p.datatype, parameters: { binary_data_size: bytes.length } })),
        outputs,
      }),
    );
    return {
      body: Buffer.concat([header, ...tensors.map((t) => t.bytes)]),
      headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(header.length) },
    };
  };

  return {
    protocol,
    itemBytes,
    payload(items: number): Payload {
      let p = cache.get(items);
      if (!p) {
        p = build(items);
        cache.set(items, p);
      }
      return p;
    },
  };
}

function jsonValues(p: InputPlan, bytes: Uint8Array): (number | boolean)[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.byteLength / p.dtype.bytes;
  const out: (number | boolean)[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const o = k * p.dtype.bytes;
    switch (p.datatype) {
      case 'FP32': out[k] = view.getFloat32(o, true); break;
      case 'FP64': out[k] = view.getFloat64(o, true); break;
      case 'INT8': out[k] = view.getInt8(o); break;
      case 'UINT8': out[k] = view.getUint8(o); break;
      case 'INT16': out[k] = view.getInt16(o, true); break;
      case 'UINT16': out[k] = view.getUint16(o, true); break;
      case 'INT32': out[k] = view.getInt32(o, true); break;
      case 'UINT32': out[k] = view.getUint32(o, true); break;
      case 'INT64': out[k] = Number(view.getBigInt64(o, true)); break;
      case 'UINT64': out[k] = Number(view.getBigUint64(o, true)); break;
      case 'BOOL': out[k] = view.getUint8(o) !== 0; break;
      default: throw new Error(`no JSON form for ${p.datatype}`);
    }
  }
  return out;
}
