// Whether a float tensor holds only finite values (FP16, FP32, FP64; other types always do), for the
// request decoder (engine/protocol/decode-request.ts), which refuses NaN and ±Infinity unless the
// model allows them. It reads every value of every request, so the common case — all finite — is one
// fast pass; the element to blame is looked for only when that pass fails.
import type { DatatypeInfo } from './datatypes.js';

export function allFinite(bytes: Uint8Array, dt: DatatypeInfo): boolean {
  if (dt.oip === 'FP16') return firstNonFinite16(new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2)) < 0;
  if (dt.json !== 'float') return true;
  const count = bytes.byteLength / dt.bytes;
  return dt.bytes === 4 ? allFinite32(new Float32Array(bytes.buffer, bytes.byteOffset, count)) : allFinite64(new Float64Array(bytes.buffer, bytes.byteOffset, count));
}

/** The first non-finite element and how to name it (after allFinite said there is one). */
export function firstNonFinite(bytes: Uint8Array, dt: DatatypeInfo): { index: number; what: string } {
  if (dt.oip === 'FP16') return { index: firstNonFinite16(new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2)), what: 'NaN or Infinity' };
  const values = dt.view(bytes.buffer, bytes.byteOffset, bytes.byteLength / dt.bytes) as Float32Array | Float64Array;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) return { index: i, what: String(v) };
  }
  return { index: -1, what: 'finite' };
}

function firstNonFinite16(halves: Uint16Array): number {
  for (let i = 0; i < halves.length; i++) if ((halves[i]! & 0x7c00) === 0x7c00) return i;
  return -1;
}

// x · 0 is NaN exactly for NaN and ±Infinity, so one sum says whether all are finite. Four
// independent sums let the CPU overlap the additions, and one function per element type keeps each
// loop monomorphic: ~3× faster than one loop over either type (measured 0.6 against 1.9 ns a value),
// which counts at 27 648 values an item.
function allFinite32(a: Float32Array): boolean {
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  const n4 = a.length - (a.length % 4);
  let i = 0;
  for (; i < n4; i += 4) {
    p0 += a[i]! * 0;
    p1 += a[i + 1]! * 0;
    p2 += a[i + 2]! * 0;
    p3 += a[i + 3]! * 0;
  }
  for (; i < a.length; i++) p0 += a[i]! * 0;
  return p0 + p1 + p2 + p3 === 0;
}

function allFinite64(a: Float64Array): boolean {
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  const n4 = a.length - (a.length % 4);
  let i = 0;
  for (; i < n4; i += 4) {
    p0 += a[i]! * 0;
    p1 += a[i + 1]! * 0;
    p2 += a[i + 2]! * 0;
    p3 += a[i + 3]! * 0;
  }
  for (; i < a.length; i++) p0 += a[i]! * 0;
  return p0 + p1 + p2 + p3 === 0;
}
