// Decodes the text of a JSON tensor `data` array (flat, or nested exactly as the shape) straight into
// the tensor's little-endian bytes, without a JavaScript array of numbers in between: JSON.parse of
// a 520 kB image tensor costs milliseconds and leaves 55 296 boxed numbers to the garbage collector.
// It gives up (null) on anything it does not decode exactly as JSON.parse and the typed-array store
// would — a malformed array, a layout off the shape, a string, an integer out of range, a number it
// cannot place for certain — and the request decoder then takes the JSON.parse path, which also words
// the errors. FP32, the common case, has a loop of its own. Called by engine/protocol/json-data.ts on
// spans found by engine/protocol/json-data-spans.ts.
//
// Why hand-written: no maintained npm package decodes a JSON number array into a typed array (the
// streaming parsers, e.g. @streamparser/json, produce JS numbers one by one and are slower than
// JSON.parse; simdjson bindings are native, unmaintained, and parse whole documents).
import type { DatatypeInfo } from './datatypes.js';

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** Powers of ten a double holds exactly. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const TWO_53 = 2 ** 53;
/**
 * The decimal → double conversion of the FP32 loop rounds a few times (digits past 2^53, the
 * scaling): its relative error stays under 1e-15. So when both ends of that interval round to the
 * same float32, so does the exact decimal value — and JSON.parse followed by the Float32Array store.
 */
const FP32_SLACK = 1e-15;

/**
 * Reads `n` values and the closing bracket from `p` (just after an opening bracket), storing them
 * from element `index` on; returns the position after the bracket, or -1.
 */
type ListReader = (b: Uint8Array, p: number, n: number, index: number) => number;

/**
 * The bytes of `shape`'s tensor of `dt` from the JSON array text in body[start, end), or null where
 * this decoder cannot be sure to agree with JSON.parse (the caller then uses it).
 */
export function decodeNumberArray(body: Buffer, start: number, end: number, dt: DatatypeInfo, shape: readonly number[]): Uint8Array | null {
  let elements = 1;
  for (const d of shape) elements *= d;
  // Each value takes a byte and a separator: text too short for the shape is refused unread.
  if (elements === 0 || end - start < 2 * elements + 1) return null;
  const bytes = new Uint8Array(elements * dt.bytes);
  const list = listReader(dt, bytes, elements);
  if (!list) return null;
  // A view that ends with the span: nothing past it is read (an index beyond reads undefined).
  const b = new Uint8Array(body.buffer, body.byteOffset, end);
  const open = skipSpace(b, start);
  if (b[open] !== OPEN) return null;
  const first = skipSpace(b, open + 1);
  const p = shape.length > 1 && b[first] === OPEN ? level(b, open, shape, 0, 0, list) : list(b, first, elements, 0);
  return p >= 0 && skipSpace(b, p) === end ? bytes : null;
}

function skipSpace(b: Uint8Array, p: number): number {
  let c = b[p];
  while (c === SPACE || c === LF || c === CR || c === TAB) c = b[++p];
  return p;
}

/** One level of nesting, from its opening bracket, holding elements from `index` on. */
function level(b: Uint8Array, p: number, shape: readonly number[], depth: number, index: number, list: ListReader): number {
  if (b[p] !== OPEN) return -1;
  p++;
  if (depth === shape.length - 1) return list(b, p, shape[depth]!, index);
  let stride = 1;
  for (let d = depth + 1; d < shape.length; d++) stride *= shape[d]!;
  const n = shape[depth]!;
  for (let j = 0; j < n; j++) {
    p = level(b, skipSpace(b, p), shape, depth + 1, index + j * stride, list);
    if (p < 0) return -1;
    p = skipSpace(b, p);
    if (b[p] !== (j === n - 1 ? CLOSE : COMMA)) return -1;
    p++;
  }
  return p;
}

function listReader(dt: DatatypeInfo, bytes: Uint8Array, elements: number): ListReader | null {
  const view = dt.view(bytes.buffer, 0, elements);
  if (dt.json === 'float' && dt.bytes === 4) {
    const out = view as Float32Array;
    return (b, p, n, index) => float32List(b, p, n, out, index);
  }
  const read = valueReader(dt, view);
  if (!read) return null;
  return (b, p, n, index) => {
    for (let j = 0; j < n; j++) {
      p = read(b, skipSpace(b, p), index + j);
      if (p < 0) return -1;
      p = skipSpace(b, p);
      if (b[p] !== (j === n - 1 ? CLOSE : COMMA)) return -1;
      p++;
    }
    return p;
  };
}

/**
 * The FP32 loop, one function so that the engine's common case stays monomorphic and in locals.
 * Strict JSON number grammar; up to 19 significant digits are kept (the rest change the value by
 * under 1e-18 of it, inside the slack), then one multiply or divide by an exact power of ten.
 */
function float32List(b: Uint8Array, p: number, n: number, out: Float32Array, index: number): number {
  for (let j = 0; j < n; j++) {
    let c = b[p]!;
    while (c === SPACE || c === LF || c === CR || c === TAB) c = b[++p]!;
    const negative = c === MINUS;
    if (negative) c = b[++p]!;
    const start = p;
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    if (c === ZERO) c = b[++p]!;
    else if (c > ZERO && c <= NINE) {
      do {
        if (digits < 19) {
          mantissa = mantissa * 10 + (c - ZERO);
          digits++;
        } else scale++;
        c = b[++p]!;
      } while (c >= ZERO && c <= NINE);
    } else return -1;
    if (c === DOT) {
      c = b[++p]!;
      if (!(c >= ZERO && c <= NINE)) return -1;
      do {
        if (digits < 19) {
          mantissa = mantissa * 10 + (c - ZERO);
          if (mantissa > 0) digits++;
          scale--;
        }
        c = b[++p]!;
      } while (c >= ZERO && c <= NINE);
    }
    if (c === LOWER_E || c === UPPER_E) {
      c = b[++p]!;
      const negativeExponent = c === MINUS;
      if (c === MINUS || c === PLUS) c = b[++p]!;
      if (!(c >= ZERO && c <= NINE)) return -1;
      let exponent = 0;
      do {
        if (exponent < 100_000) exponent = exponent * 10 + (c - ZERO);
        c = b[++p]!;
      } while (c >= ZERO && c <= NINE);
      scale += negativeExponent ? -exponent : exponent;
    }
    let v = 0;
    if (mantissa !== 0) {
      if (scale >= -22 && scale <= 22) {
        const x = scale >= 0 ? mantissa * POW10[scale]! : mantissa / POW10[-scale]!;
        v = Math.fround(x * (1 - FP32_SLACK));
        if (v !== Math.fround(x * (1 + FP32_SLACK))) v = Math.fround(numberAt(b, start, p));
      } else v = Math.fround(numberAt(b, start, p));
    }
    out[index++] = negative ? -v : v;
    while (c === SPACE || c === LF || c === CR || c === TAB) c = b[++p]!;
    if (c !== (j === n - 1 ? CLOSE : COMMA)) return -1;
    p++;
  }
  return p;
}

/** The exact double of the number text b[start, end) (a valid JSON number, sign left out). */
function numberAt(b: Uint8Array, start: number, end: number): number {
  return Number(Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1'));
}

/** Reads one value at p into element i; returns the position after it, or -1. */
type ValueReader = (b: Uint8Array, p: number, i: number) => number;

function valueReader(dt: DatatypeInfo, view: ArrayLike<unknown>): ValueReader | null {
  switch (dt.json) {
    case 'float': {
      const f64 = view as Float64Array;
      return (b, p, i) => {
        const end = numberEnd(b, p);
        if (end < 0) return -1;
        f64[i] = exactNumber(b, p, end);
        return end;
      };
    }
    case 'integer':
    case 'bigint': {
      const ints = view as Int32Array;
      const big = view as BigInt64Array;
      return (b, p, i) => {
        const end = numberEnd(b, p);
        const v = end < 0 ? Number.NaN : integerAt(b, p, end);
        // NaN (not a plain integer of at most 15 digits) and values out of range: the reference path words the error.
        if (!(v >= dt.min && v <= dt.max)) return -1;
        if (dt.json === 'bigint') big[i] = BigInt(v);
        else ints[i] = v;
        return end;
      };
    }
    case 'bool': {
      const flags = view as Uint8Array;
      return (b, p, i) => {
        if (b[p] === ZERO || b[p] === ZERO + 1) {
          // 0 or 1 alone; 10, 1.0 or 1e0 are left to the reference path.
          if (numberEnd(b, p) !== p + 1) return -1;
          flags[i] = b[p]! - ZERO;
          return p + 1;
        }
        for (const [word, value] of LITERALS) {
          let q = 0;
          while (q < word.length && b[p + q] === word[q]) q++;
          if (q === word.length) {
            flags[i] = value;
            return p + q;
          }
        }
        return -1;
      };
    }
    default:
      return null;
  }
}

/** The end of the JSON number (strict grammar) at p, or -1. */
function numberEnd(b: Uint8Array, p: number): number {
  const digits = (from: number) => {
    let q = from;
    while (b[q]! >= ZERO && b[q]! <= NINE) q++;
    return q;
  };
  if (b[p] === MINUS) p++;
  if (b[p] === ZERO) p++;
  else if (b[p]! > ZERO && b[p]! <= NINE) p = digits(p);
  else return -1;
  if (b[p] === DOT) {
    const q = digits(p + 1);
    if (q === p + 1) return -1;
    p = q;
  }
  if (b[p] === LOWER_E || b[p] === UPPER_E) {
    p++;
    if (b[p] === MINUS || b[p] === PLUS) p++;
    const q = digits(p);
    if (q === p) return -1;
    p = q;
  }
  return p;
}

/**
 * The double of a valid JSON number: Clinger's fast path (an exact integer of at most 15 digits
 * scaled by an exact power of ten: one correctly rounded operation), else Number() of the text.
 */
function exactNumber(b: Uint8Array, start: number, end: number): number {
  let p = start;
  const negative = b[p] === MINUS;
  if (negative) p++;
  let mantissa = 0;
  let scale = 0;
  let fraction = false;
  for (; p < end; p++) {
    const c = b[p]!;
    if (c === DOT) fraction = true;
    else if (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      if (fraction) scale--;
    } else break;
  }
  if (p < end || mantissa > TWO_53 || scale < -22) return (negative ? -1 : 1) * numberAt(b, negative ? start + 1 : start, end);
  const v = mantissa / POW10[-scale]!;
  return negative ? -v : v;
}

/** A JSON integer without fraction or exponent, of at most 15 digits (exact as a double); NaN otherwise. */
function integerAt(b: Uint8Array, start: number, end: number): number {
  let p = start;
  const negative = b[p] === MINUS;
  if (negative) p++;
  if (end - p > 15) return Number.NaN;
  let v = 0;
  for (; p < end; p++) {
    const c = b[p]!;
    if (c < ZERO || c > NINE) return Number.NaN;
    v = v * 10 + (c - ZERO);
  }
  return negative ? -v : v;
}

const LITERALS = [
  [Buffer.from('true'), 1],
  [Buffer.from('false'), 0],
] as const;
