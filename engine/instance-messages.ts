// The messages between the instance pool (main thread) and an instance worker (one worker thread
// holding one ONNX Runtime session). Tensors travel as transferred ArrayBuffers, never copied: a
// batch's input buffers go to the worker and come back with its result, outputs come back.
import type { Fault } from './fault-injection.js';
import type { OrtTensorType } from './protocol/datatypes.js';
import type { OrtValueMetadata } from './model-signature.js';

/** Given to each worker as workerData. */
export interface InstanceInit {
  file: string;
  intraOpThreads: number;
}

/** An output tensor coming back: its buffer is transferred, so it now belongs to the receiver. */
export interface WireTensor {
  name: string;
  type: OrtTensorType;
  dims: number[];
  buffer: ArrayBuffer;
}

/**
 * An input going to an instance: the batch lies at the start of `slab`. The model runner keeps one
 * ArrayBuffer per instance and input, sized for max_batch_size, assembles each batch in it and
 * transfers it (no copy): the worker hands it to ONNX Runtime as it is and transfers it back with
 * the result, for the next batch. A SharedArrayBuffer is accepted too (calibration fills one once
 * and sends it again and again); ONNX Runtime refuses shared memory, so the worker copies that one.
 */
export interface WireInput {
  name: string;
  type: OrtTensorType;
  dims: number[];
  slab: ArrayBuffer | SharedArrayBuffer;
}

export interface RunMessage {
  kind: 'run';
  seq: number;
  inputs: WireInput[];
  /** A failure to act out instead of running the batch (the test hook in engine/fault-injection). */
  fault?: Fault;
}

export type WorkerMessage =
  | { kind: 'ready'; inputs: OrtValueMetadata[]; outputs: OrtValueMetadata[]; loadMs: number }
  | { kind: 'load_failed'; message: string }
  | { kind: 'result'; seq: number; outputs: WireTensor[]; computeMs: number; idleMs: number; returned: ArrayBuffer[] }
  | { kind: 'run_failed'; seq: number; message: string; returned: ArrayBuffer[] };
