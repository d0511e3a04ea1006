// The HTTP thread's CPU per request for this model's payload: the engine's own request decoder
// (engine/protocol/decode-request.ts: parse, validate, check values finite) on a real body of one
// item, and its response encoder (engine/protocol/encode-response.ts) on a real forward pass's
// outputs, for Triton's binary tensor extension (what replay sends) and for plain JSON. Each is
// timed with process.cpuUsage() over blocks of repetitions after a warm-up, so the figure is CPU
// time (not wall time lost to other processes) and its 95 % interval comes from the blocks.
// Socket reads and writes, headers and Fastify's own work are not included. Called by
// calibration/calibrate.ts; the result is the profile's `http_path` (config/profile-cpu.ts).
import { encodeBinaryRequest, encodeJsonRequest, type ClientTensor, type EncodedRequest } from '../engine/protocol/client.js';
import { decodeInferRequest, type DecodeOptions } from '../engine/protocol/decode-request.js';
import { encodeInferResponse, type OutputTensor } from '../engine/protocol/encode-response.js';
import { byOrt } from '../engine/protocol/datatypes.js';
import { buildSignature, type ModelSignature, type OrtValueMetadata } from '../engine/model-signature.js';
import type { Tensor, ValueMetadata } from '../engine/ort-session.js';
import type { HttpPath } from '../config/profile-cpu.js';
import { blockInterval, meanOf, round } from './statistics.js';

export interface HttpPathSettings {
  modelName: string;
  inputMetadata: readonly ValueMetadata[];
  outputMetadata: readonly ValueMetadata[];
  /** Each input's per-item shape (the synthesised shape without the batch axis). */
  itemDims: Record<string, number[]>;
  /** One item's inputs, and the outputs of a forward pass on them. */
  feeds: Record<string, Tensor>;
  outputs: Record<string, Tensor>;
  /** CPU seconds (about) spent on each of the four figures, warm-up included. */
  durationS: number;
  blocks: number;
}

export interface CpuFigure {
  ms: number;
  ci95: [number, number];
}

/** CPU per call of `fn` in ms: a warm-up (a fifth of the time), then `blocks` blocks of equal repetitions. */
export function cpuPerCall(fn: () => void, durationS: number, blocks: number): CpuFigure {
  const warmupMs = (durationS * 1000) / 5;
  const start = performance.now();
  let reps = 0;
  do {
    fn();
    reps++;
  } while (performance.now() - start < warmupMs || reps < 3);
  const perCallMs = (performance.now() - start) / reps;
  const perBlock = Math.max(1, Math.round((durationS * 1000 - warmupMs) / blocks / perCallMs));
  const figures: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const before = process.cpuUsage();
    for (let i = 0; i < perBlock; i++) fn();
    const used = process.cpuUsage(before);
    figures.push((used.user + used.system) / 1000 / perBlock);
  }
  const ms = round(meanOf(figures));
  return { ms, ci95: blockInterval(ms, figures) };
}

function describe(m: ValueMetadata): OrtValueMetadata {
  return m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: [...m.shape] } : { name: m.name, isTensor: false };
}

/** True when every input and output has a JSON form (FP16 has none), so both formats can be measured. */
function jsonCapable(signature: ModelSignature): boolean {
  return [...signature.inputs, ...signature.outputs].every((t) => t.datatype.json !== 'binary_only');
}

/** The engine places a body so its binary part starts 8-byte aligned (engine/http/body.ts); so does this. */
function alignedBody(request: EncodedRequest): Buffer {
  const headerLength = Number(request.headers['inference-header-content-length'] ?? 0);
  const pad = (8 - (headerLength % 8)) % 8;
  const target = Buffer.alloc(pad + request.body.length);
  request.body.copy(target, pad);
  return target.subarray(pad);
}

/** Measures the HTTP path's CPU; null when the model has a tensor with no JSON form. */
export function measureHttpPath(s: HttpPathSettings): HttpPath | null {
  const signature = buildSignature(s.modelName, s.inputMetadata.map(describe), s.outputMetadata.map(describe), s.itemDims);
  if (!jsonCapable(signature)) return null;
  const tensors: ClientTensor[] = signature.inputs.map((spec) => {
    const t = s.feeds[spec.name]!;
    return { name: spec.name, datatype: spec.datatype.oip, shape: [...t.dims], data: t.data as ArrayBufferView };
  });
  const decodeOptions: DecodeOptions = { modelName: s.modelName, signature, maxBatchSize: 1, allowNonFinite: false };
  const outputsAs = (binary: boolean): OutputTensor[] =>
    signature.outputs.map((spec) => {
      const t = s.outputs[spec.name]!;
      const data = t.data as ArrayBufferView;
      if (!byOrt(t.type)) throw new Error(`http path: output ${spec.name} has type ${t.type}, which the engine cannot encode`);
      return { spec, shape: [...t.dims], bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), binary };
    });

  const figures = (request: EncodedRequest, binary: boolean) => {
    const body = alignedBody(request);
    const header = request.headers['inference-header-content-length'];
    const outputs = outputsAs(binary);
    const ingress = cpuPerCall(() => decodeInferRequest(body, header, decodeOptions), s.durationS, s.blocks);
    const egress = cpuPerCall(() => encodeInferResponse(s.modelName, '1', 'calibrate', outputs), s.durationS, s.blocks);
    return { ingress_cpu_ms: ingress.ms, egress_cpu_ms: egress.ms, ci95_ingress: ingress.ci95, ci95_egress: egress.ci95 };
  };
  return {
    binary: figures(encodeBinaryRequest(tensors, { id: 'calibrate', binaryOutputs: true }), true),
    json: figures(encodeJsonRequest(tensors, { id: 'calibrate' }), false),
  };
}
