// The typed JSON path (tensor data decoded from its bytes, engine/protocol/json-numbers.ts) gives the
// very bytes the reference path (JSON.parse, then the typed-array store) gives, and the very error
// where that one fails: for every datatype with a JSON form, flat and nested layouts, any spacing,
// numbers written every way JSON allows (exponents, 20+ digits, values a hair from a float32
// rounding boundary), and requests broken in every way a byte edit can break them. Fixed seeds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSignature } from '../../../engine/model-signature.js';
import { byOip } from '../../../engine/protocol/datatypes.js';
import { decodeInferRequest } from '../../../engine/protocol/decode-request.js';
import { decodeNumberArray } from '../../../engine/protocol/json-numbers.js';

const TYPES = [
  ['FP32', 'float32'],
  ['FP64', 'float64'],
  ['INT32', 'int32'],
  ['INT8', 'int8'],
  ['UINT8', 'uint8'],
  ['INT64', 'int64'],
  ['UINT64', 'uint64'],
  ['BOOL', 'bool'],
] as const;

const signature = buildSignature(
  'typed.onnx',
  TYPES.map(([oip, ort]) => ({ name: oip.toLowerCase(), isTensor: true, type: ort, shape: ['N', 2, 3] })),
  [],
  {},
);
const opts = { modelName: 'typed', signature, maxBatchSize: 4, allowNonFinite: false };

type Outcome = { bytes: number[][] } | { error: string };

function decode(text: string | Buffer, typedJson: boolean, header?: string): Outcome {
  try {
    const r = decodeInferRequest(Buffer.isBuffer(text) ? text : Buffer.from(text), header, { ...opts, typedJson });
    return { bytes: r.inputs.map((b) => Array.from(b)) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function agree(text: string | Buffer, header?: string): void {
  expect(decode(text, true, header)).toEqual(decode(text, false, header));
}

/** A float32 value's neighbourhood: the value, the midpoint to its successor, and decimals right beside that midpoint. */
const nearFloat32Boundary = fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-1e30), max: Math.fround(1e30) }).chain((f) => {
  const bits = new Float32Array([f]);
  const u = new Uint32Array(bits.buffer);
  u[0]! += 1;
  const mid = (f + bits[0]!) / 2;
  return fc.constantFrom(String(f), mid.toPrecision(17), mid.toPrecision(25), mid.toExponential(22), (mid * (1 + 2e-16)).toPrecision(21), (mid * (1 - 2e-16)).toPrecision(21));
});

/** Number text as JSON may write it: any digits, fractions, exponents, signs. */
const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => JSON.stringify(v)),
  fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => JSON.stringify(v)),
  nearFloat32Boundary,
  fc
    .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9][0-9]{0,24})$/), fc.option(fc.stringMatching(/^[0-9]{1,25}$/)), fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 60 }))))
    .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`),
  fc.integer({ min: -300, max: 300 }).map(String),
  fc.constantFrom('0', '-0', '1', '1.0', '1e2', '255', '256', '-129', '9007199254740991', '12345678901234567'),
);

/** Values no numeric tensor takes, or that only some do. */
const junk = fc.oneof(numberText, fc.constantFrom('true', 'false', 'null', '"1"'));

const space = fc.constantFrom('', '', ' ', '\n', '\t ', '\r\n  ');

/** Values each type accepts, written as JSON numbers or literals, and now and then any number at all. */
const valuesFor = (oip: (typeof TYPES)[number][0]): fc.Arbitrary<string> => {
  const integers = (min: number, max: number) => fc.integer({ min, max }).map(String);
  const valid: Record<typeof oip, fc.Arbitrary<string>> = {
    FP32: numberText.filter((t) => Math.abs(Number(t)) < 3e38),
    FP64: numberText,
    INT32: integers(-2147483648, 2147483647),
    INT8: integers(-128, 127),
    UINT8: integers(0, 255),
    INT64: fc.maxSafeInteger().map(String),
    UINT64: fc.maxSafeNat().map(String),
    BOOL: fc.constantFrom('true', 'false', '0', '1'),
  };
  return fc.oneof({ arbitrary: valid[oip], weight: 300 }, { arbitrary: junk, weight: 1 });
};

/** A request carrying one tensor of each type, its data flat or nested, values written as generated. */
const request = fc
  .tuple(
    fc.integer({ min: 1, max: 3 }),
    fc.tuple(...TYPES.map(([oip]) => fc.tuple(fc.boolean(), fc.array(valuesFor(oip), { minLength: 18, maxLength: 18 }), space, space))),
  )
  .map(([rows, tensors]) => {
    const inputs = TYPES.map(([oip], k) => {
      const [nested, values, s1, s2] = tensors[k]!;
      const v = values.slice(0, rows * 6);
      const join = (xs: string[]) => `[${s1}${xs.join(`${s2},${s1}`)}${s2}]`;
      const data = nested
        ? join(Array.from({ length: rows }, (_, r) => join([0, 1].map((i) => join(v.slice(r * 6 + i * 3, r * 6 + i * 3 + 3))))))
        : join(v);
      return `{"name":"${oip.toLowerCase()}","shape":[${rows},2,3],"datatype":"${oip}",${s1}"data"${s2}:${s1}${data}}`;
    });
    return `{"id":"p","inputs":[${inputs.join(',')}]}`;
  });

describe('the typed JSON path', () => {
  it('decodes what JSON.parse decodes, byte for byte, and fails where it fails with the same message', () => {
    let decoded = 0;
    fc.assert(
      fc.property(request, (text) => {
        agree(text);
        if ('bytes' in decode(text, true)) decoded++;
      }),
      { seed: 20261206, numRuns: 300 },
    );
    // Most generated requests are valid, so the typed path's own decoding is what is compared.
    expect(decoded).toBeGreaterThan(150);
  });

  it('agrees on requests broken by a byte deleted, inserted or replaced anywhere', () => {
    const broken = fc.tuple(request, fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(',', '[', ']', '"', '-', '.', 'e', '0', ' ', 'x', '{', '}', ':')).map(([text, at, edit, ch]) => {
      const i = at % text.length;
      if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
      if (edit === 'insert') return text.slice(0, i) + ch + text.slice(i);
      return text.slice(0, i) + ch + text.slice(i + 1);
    });
    fc.assert(
      fc.property(broken, (text) => agree(text)),
      { seed: 20261207, numRuns: 600 },
    );
  });

  it('takes "data" only where it is a key of an input, whatever else is called data', () => {
    const fp32 = (data: string) => `{"name":"fp32","shape":[1,2,3],"datatype":"FP32","data":${data}}`;
    const rest = TYPES.slice(1).map(([oip]) => `{"name":"${oip.toLowerCase()}","shape":[1,2,3],"datatype":"${oip}","data":[1,0,1,0,1,0]}`);
    const body = (first: string, extra = '') => `{"id":"data","inputs":[${[first, ...rest].join(',')}]${extra}}`;
    for (const text of [
      body(fp32('[1,2,3,4,5,6]'), ',"parameters":{"data":[1,2]}'),
      body(fp32('[1,2,3,4,5,6]'), ',"parameters":{"data":[1,,2]}'), // a "data" array nobody reads must still be valid JSON
      body(fp32('[9,9,9,9,9,9]').replace('"data"', '"data":[0],"data"')), // the last of duplicate keys wins
      body(fp32('[1,2,3,4,5,6]'), ',"x":"\\"data\\":[1,2]"'), // "data" inside a string
      body(fp32('[1,"2",3,4,5,6]')),
      body(fp32('[[1,2,3],[4,5,6]]')),
      body(fp32('[[1,2,3],[4,5]]')),
      body(fp32('[[1,2,3,4,5,6]]')),
      body(fp32('[1,2,3,4,5,6] ')),
      body(fp32('{"a":[1,2,3,4,5,6]}')),
    ]) {
      agree(text);
    }
    const typed = decode(body(fp32('[1,2,3,4,5,6]'), ',"parameters":{"data":[1,2]}'), true);
    expect('bytes' in typed && Array.from(new Float32Array(Uint8Array.from(typed.bytes[0]!).buffer))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('leaves binary tensor data after the JSON header alone, "data"-looking bytes included', () => {
    const x = Buffer.from(new Float32Array([1, 2, 3, 4, 5, 6]).buffer);
    const others = TYPES.slice(1).map(([oip]) => `{"name":"${oip.toLowerCase()}","shape":[1,2,3],"datatype":"${oip}","data":[1,0,1,0,1,0]}`);
    const header = Buffer.from(`{"inputs":[{"name":"fp32","shape":[1,2,3],"datatype":"FP32","parameters":{"binary_data_size":24}},${others.join(',')}]}`);
    const body = Buffer.concat([header, x]);
    agree(body, String(header.length));
    const trap = Buffer.concat([header, Buffer.from('"data":[1,2]"data":[3,4]').subarray(0, 24)]);
    agree(trap, String(header.length));
  });
});

describe('decodeNumberArray', () => {
  it('decodes valid arrays itself (no fallback), to the bytes the typed-array store of JSON.parse gives', () => {
    const cases = fc.tuple(fc.constantFrom('FP32', 'FP64', 'INT32', 'UINT8', 'BOOL'), fc.integer({ min: 1, max: 40 })).chain(([oip, n]) =>
      fc.tuple(fc.constant(oip), fc.array(valuesFor(oip).filter((t) => oip !== 'INT32' || /^-?\d{1,10}$/.test(t)), { minLength: n, maxLength: n }), space),
    );
    let fallbacks = 0;
    fc.assert(
      fc.property(cases, ([oip, values, s]) => {
        const dt = byOip(oip)!;
        const text = Buffer.from(`${s}[${values.join(`${s},`)}]${s}`);
        const parsed = JSON.parse(text.toString()) as unknown[];
        const bytes = decodeNumberArray(text, 0, text.length, dt, [values.length]);
        if (!bytes) {
          fallbacks++;
          return;
        }
        const expected = new Uint8Array(values.length * dt.bytes);
        const view = dt.view(expected.buffer, 0, values.length);
        parsed.forEach((v, i) => ((view as unknown as unknown[])[i] = oip === 'BOOL' ? (v === true || v === 1 ? 1 : 0) : v));
        expect(Array.from(bytes)).toEqual(Array.from(expected));
      }),
      { seed: 20261208, numRuns: 500 },
    );
    // Only the arrays with a junk value among them (about 1 in 15) fall back.
    expect(fallbacks).toBeLessThan(50);
  });
});
