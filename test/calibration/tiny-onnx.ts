// Writes tiny ONNX models byte by byte (a handful of protobuf fields), so tests can load models
// with exactly the inputs they need: an int64 BERT-like pair, a fixed batch axis, a string input.
// Each model is Identity (or Add, for two inputs) from its inputs to its outputs.
import { writeFileSync } from 'node:fs';

// ONNX TensorProto.DataType values.
export const ELEM = { float32: 1, uint8: 2, int8: 3, int32: 6, int64: 7, string: 8, bool: 9, float16: 10 } as const;

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) out.push((n & 0x7f) | 0x80), (n >>>= 7);
  out.push(n);
  return out;
}
const field = (no: number, wire: number) => varint((no << 3) | wire);
const int = (no: number, v: number) => [...field(no, 0), ...varint(v)];
const bytes = (no: number, b: number[]) => [...field(no, 2), ...varint(b.length), ...b];
const str = (no: number, s: string) => bytes(no, [...Buffer.from(s, 'utf8')]);

export interface TinyInput {
  name: string;
  elem: number;
  /** Numbers are fixed sizes, strings symbolic (dynamic) dimensions. */
  shape: (number | string)[];
}

function valueInfo(v: TinyInput): number[] {
  const dims = v.shape.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  const tensorType = [...int(1, v.elem), ...bytes(2, dims)];
  return [...str(1, v.name), ...bytes(2, bytes(1, tensorType))];
}

/** An Identity per input (`<name>` → `<name>_out`). */
export function writeIdentityModel(file: string, inputs: TinyInput[]): void {
  const nodes = inputs.flatMap((i) => bytes(1, [...str(1, i.name), ...str(2, `${i.name}_out`), ...str(4, 'Identity')]));
  const graph = [
    ...nodes,
    ...str(2, 'tiny'),
    ...inputs.flatMap((i) => bytes(11, valueInfo(i))),
    ...inputs.flatMap((i) => bytes(12, valueInfo({ ...i, name: `${i.name}_out` }))),
  ];
  const model = [...int(1, 8), ...str(2, 'servetwin-test'), ...bytes(7, graph), ...bytes(8, [...str(1, ''), ...int(2, 13)])];
  writeFileSync(file, Uint8Array.from(model));
}
