// Encodes an inference response: the Open Inference Protocol's JSON form, or, when any output was
// requested as binary (Triton's binary tensor data extension), a JSON header followed by the raw
// little-endian output bytes with its length in Inference-Header-Content-Length.
// Called by engine/http/routes with the rows the model runner split out for one request.
import type { OutputSpec } from '../model-signature.js';

export interface OutputTensor {
  spec: OutputSpec;
  shape: number[];
  /** Little-endian bytes of this request's rows. */
  bytes: Uint8Array;
  binary: boolean;
}

export interface EncodedResponse {
  body: Buffer;
  contentType: 'application/json' | 'application/octet-stream';
  /** Length of the JSON header, for the Inference-Header-Content-Length response header. */
  headerLength?: number;
}

export function encodeInferResponse(modelName: string, modelVersion: string, id: string | undefined, outputs: OutputTensor[]): EncodedResponse {
  const binaries: Uint8Array[] = [];
  const header = {
    model_name: modelName,
    model_version: modelVersion,
    ...(id === undefined ? {} : { id }),
    outputs: outputs.map((o) => {
      const dt = o.spec.datatype;
      const base = { name: o.spec.name, datatype: dt.oip, shape: o.shape };
      // FP16 has no JSON form, so it always travels as binary.
      if (o.binary || dt.json === 'binary_only') {
        binaries.push(o.bytes);
        return { ...base, parameters: { binary_data_size: o.bytes.byteLength } };
      }
      return { ...base, data: jsonValues(o) };
    }),
  };
  const json = Buffer.from(JSON.stringify(header));
  if (binaries.length === 0) return { body: json, contentType: 'application/json' };
  return {
    body: Buffer.concat([json, ...binaries]),
    contentType: 'application/octet-stream',
    headerLength: json.length,
  };
}

function jsonValues(o: OutputTensor): (number | boolean)[] {
  const dt = o.spec.datatype;
  const bytes = o.bytes.byteOffset % dt.bytes === 0 ? o.bytes : new Uint8Array(o.bytes); // an aligned copy
  const values = dt.view(bytes.buffer, bytes.byteOffset, bytes.byteLength / dt.bytes);
  if (dt.json === 'bool') return Array.from(values as Uint8Array, (v) => v !== 0);
  // 64-bit integers beyond 2^53 lose precision as JSON numbers; ask for binary output to keep them exact.
  if (dt.json === 'bigint') return Array.from(values as BigInt64Array, (v) => Number(v));
  return Array.from(values as Float32Array);
}
