// The client side of the protocol: builds inference request bodies (JSON, or Triton's binary tensor
// extension) and reads responses back, binary outputs included. Used by the engine's tests, the
// engine benchmark's load generator and `servetwin replay`; the server never imports it.
import type { OipDatatype } from './datatypes.js';
import type { InferRequest, InferResponse } from './types.js';

export interface ClientTensor {
  name: string;
  datatype: OipDatatype;
  shape: number[];
  /** Row-major values, little-endian in memory (typed arrays on every common host). */
  data: ArrayBufferView;
}

export interface RequestOptions {
  id?: string;
  /** Ask for every output as binary (request parameter binary_data_output). */
  binaryOutputs?: boolean;
}

export interface EncodedRequest {
  body: Buffer;
  /** Headers to send with the body. */
  headers: Record<string, string>;
}

const bytesOf = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** The binary tensor extension: a JSON header, then each input's raw bytes in order. */
export function encodeBinaryRequest(inputs: ClientTensor[], opts: RequestOptions = {}): EncodedRequest {
  const header: InferRequest = {
    ...(opts.id === undefined ? {} : { id: opts.id }),
    ...(opts.binaryOutputs ? { parameters: { binary_data_output: true } } : {}),
    inputs: inputs.map((t) => ({ name: t.name, shape: t.shape, datatype: t.datatype, parameters: { binary_data_size: t.data.byteLength } })),
  };
  const json = Buffer.from(JSON.stringify(header));
  return {
    body: Buffer.concat([json, ...inputs.map((t) => bytesOf(t.data))]),
    headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(json.length) },
  };
}

/** The plain JSON form: every value written as a JSON number (what most v2 clients send). */
export function encodeJsonRequest(inputs: ClientTensor[], opts: RequestOptions = {}): EncodedRequest {
  const request: InferRequest = {
    ...(opts.id === undefined ? {} : { id: opts.id }),
    ...(opts.binaryOutputs ? { parameters: { binary_data_output: true } } : {}),
    inputs: inputs.map((t) => ({
      name: t.name,
      shape: t.shape,
      datatype: t.datatype,
      data: Array.from(t.data as unknown as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? Number(v) : v)),
    })),
  };
  return { body: Buffer.from(JSON.stringify(request)), headers: { 'content-type': 'application/json' } };
}

export interface DecodedResponse {
  response: InferResponse;
  /** Raw bytes of the outputs that came as binary data, by output name. */
  binary: Map<string, Buffer>;
}

/** Reads a response body; `headerLength` is its Inference-Header-Content-Length header, if any. */
export function decodeResponse(body: Buffer, headerLength?: string | number): DecodedResponse {
  const jsonEnd = headerLength === undefined ? body.length : Number(headerLength);
  const response = JSON.parse(body.toString('utf8', 0, jsonEnd)) as InferResponse;
  const binary = new Map<string, Buffer>();
  let offset = jsonEnd;
  for (const output of response.outputs ?? []) {
    const size = output.parameters?.binary_data_size;
    if (typeof size !== 'number') continue;
    binary.set(output.name, body.subarray(offset, offset + size));
    offset += size;
  }
  return { response, binary };
}

/** An output's values as float32, whichever form (JSON or binary) it came in. */
export function outputFloats(decoded: DecodedResponse, name: string): Float32Array {
  const raw = decoded.binary.get(name);
  if (raw) return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const output = decoded.response.outputs.find((o) => o.name === name);
  if (!output?.data) throw new Error(`response has no output ${name}`);
  return Float32Array.from(output.data as number[]);
}
