// The messages between the instance pool (main thread) and an instance worker (one worker thread
// holding one ONNX Runtime session). Tensors travel as transferred ArrayBuffers, never copied.
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
 * An input going to an instance: the batch lies at the start of `slab`, a SharedArrayBuffer the
 * runner keeps per instance and input and refills for every batch (no allocation, no transfer;
 * the instance reads it only while it runs that batch, and is given the next one only after).
 */
export interface WireInput {
  name: string;
  type: OrtTensorType;
  dims: number[];
  slab: SharedArrayBuffer;
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
  | { kind: 'result'; seq: number; outputs: WireTensor[]; computeMs: number }
  | { kind: 'run_failed'; seq: number; message: string };
