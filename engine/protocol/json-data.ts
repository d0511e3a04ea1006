// The data of a JSON tensor, decoded to its little-endian bytes in one of two ways for the request
// decoder (engine/protocol/decode-request.ts): the reference way, from the array JSON.parse made of
// it (decodeJsonData), and the typed way, from the bytes of a span that JSON.parse never saw
// (typedSpans, with engine/protocol/json-data-spans.ts and json-numbers.ts). Both return the same
// bytes; only the reference way words errors. Also how a JSON value is named in an error (show).
import { badRequest } from '../errors.js';
import type { DatatypeInfo } from './datatypes.js';
import { liftedSpan, type DataSpan } from './json-data-spans.js';
import { decodeNumberArray } from './json-numbers.js';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (isObject(v)) return 'an object';
  return String(v);
};

export type DataDecoder = (data: unknown, dt: DatatypeInfo, shape: number[], field: string) => Uint8Array;

/** Thrown inside the typed path where it cannot decode a span: the reference path takes over. */
const UNTYPED = new Error('the typed JSON path cannot decode this data');

/**
 * Data decoding on the typed path: a placeholder's span decoded from its bytes, anything else the
 * reference way. restValid() then checks that the spans nobody asked for (a "data" key elsewhere,
 * a duplicate key) are valid JSON, as the reference path's JSON.parse would have required.
 */
export function typedSpans(body: Buffer, spans: readonly DataSpan[]): { decode: DataDecoder; restValid(): boolean } {
  const used = new Set<DataSpan>();
  return {
    decode(data, dt, shape, field) {
      const span = liftedSpan(data, spans);
      if (!span) return decodeJsonData(data, dt, shape, field);
      used.add(span);
      const bytes = decodeNumberArray(body, span.start, span.end, dt, shape);
      if (!bytes) throw UNTYPED;
      return bytes;
    },
    restValid() {
      for (const span of spans) {
        if (used.has(span)) continue;
        try {
          JSON.parse(body.toString('utf8', span.start, span.end));
        } catch {
          return false;
        }
      }
      return true;
    },
  };
}

/**
 * Flattens `data` into little-endian bytes. It must be flat (row-major, as many values as the shape
 * holds) or nested exactly as `shape`, as the protocol allows; its layout is checked before the
 * buffer is sized, each value as it is stored.
 */
export function decodeJsonData(data: unknown, dt: DatatypeInfo, shape: number[], field: string): Uint8Array {
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

