// Tensor datatypes as the Open Inference Protocol names them (FP32, INT64, ...) beside the names
// ONNX Runtime uses (float32, int64, ...), with element sizes. Used by the model signature (metadata
// endpoint), the request decoder and the response encoder.

export type OipDatatype =
  | 'BOOL'
  | 'UINT8'
  | 'UINT16'
  | 'UINT32'
  | 'UINT64'
  | 'INT8'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'FP16'
  | 'FP32'
  | 'FP64';

export type OrtTensorType =
  | 'bool'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float16'
  | 'float32'
  | 'float64';

export type NumericArray =
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Float32Array
  | Float64Array;

export interface DatatypeInfo {
  oip: OipDatatype;
  ort: OrtTensorType;
  bytes: number;
  /** How values look in JSON: float, integer (within min..max), bigint (64-bit), bool, or none (binary only). */
  json: 'float' | 'integer' | 'bigint' | 'bool' | 'binary_only';
  min: number;
  max: number;
  /** A typed-array view of `length` elements over little-endian bytes. */
  view(buffer: ArrayBufferLike, byteOffset: number, length: number): NumericArray;
}

const info = (
  oip: OipDatatype,
  ort: OrtTensorType,
  bytes: number,
  json: DatatypeInfo['json'],
  make: (b: ArrayBufferLike, o: number, n: number) => NumericArray,
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
): DatatypeInfo => ({ oip, ort, bytes, json, min, max, view: make });

export const DATATYPES: readonly DatatypeInfo[] = [
  info('BOOL', 'bool', 1, 'bool', (b, o, n) => new Uint8Array(b, o, n)),
  info('UINT8', 'uint8', 1, 'integer', (b, o, n) => new Uint8Array(b, o, n), 0, 255),
  info('UINT16', 'uint16', 2, 'integer', (b, o, n) => new Uint16Array(b, o, n), 0, 65535),
  info('UINT32', 'uint32', 4, 'integer', (b, o, n) => new Uint32Array(b, o, n), 0, 4294967295),
  info('UINT64', 'uint64', 8, 'bigint', (b, o, n) => new BigUint64Array(b, o, n), 0, Number.MAX_SAFE_INTEGER),
  info('INT8', 'int8', 1, 'integer', (b, o, n) => new Int8Array(b, o, n), -128, 127),
  info('INT16', 'int16', 2, 'integer', (b, o, n) => new Int16Array(b, o, n), -32768, 32767),
  info('INT32', 'int32', 4, 'integer', (b, o, n) => new Int32Array(b, o, n), -2147483648, 2147483647),
  info('INT64', 'int64', 8, 'bigint', (b, o, n) => new BigInt64Array(b, o, n), Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  // No Float16Array in Node 20: FP16 travels as raw bytes (binary extension only), as Triton advises.
  info('FP16', 'float16', 2, 'binary_only', (b, o, n) => new Uint16Array(b, o, n)),
  info('FP32', 'float32', 4, 'float', (b, o, n) => new Float32Array(b, o, n)),
  info('FP64', 'float64', 8, 'float', (b, o, n) => new Float64Array(b, o, n)),
];

const BY_OIP = new Map(DATATYPES.map((d) => [d.oip as string, d]));
const BY_ORT = new Map(DATATYPES.map((d) => [d.ort as string, d]));

export function byOip(name: string): DatatypeInfo | undefined {
  return BY_OIP.get(name);
}

export function byOrt(name: string): DatatypeInfo | undefined {
  return BY_ORT.get(name);
}

export const OIP_DATATYPE_NAMES = DATATYPES.map((d) => d.oip);
