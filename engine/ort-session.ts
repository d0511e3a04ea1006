// The one place ONNX Runtime sessions are made, with one set of options, so that what calibrate
// measures is what the engine's instance workers run: intra-op threads as configured, one inter-op
// thread, sequential execution. Also the one module that imports onnxruntime-node (the layer rule
// in .dependency-cruiser.cjs holds everyone else to it): tensors and the runtime's version come
// from here too. Used by engine/instance-worker.ts and calibration/.
import * as ort from 'onnxruntime-node';

export type Session = ort.InferenceSession;
export type Tensor = ort.Tensor;
export type TensorData = ort.Tensor.DataType;
export type ValueMetadata = ort.InferenceSession.ValueMetadata;

export interface SessionSettings {
  /** intraOpNumThreads: threads one forward pass may use (the profile's `threads.intra_op`). */
  intraOpThreads: number;
}

/** The options every session is created with; the only setting that varies is intra-op threads. */
export function sessionOptions(settings: SessionSettings): ort.InferenceSession.SessionOptions {
  return { intraOpNumThreads: settings.intraOpThreads, interOpNumThreads: 1, executionMode: 'sequential' };
}

export function createSession(file: string, settings: SessionSettings): Promise<Session> {
  return ort.InferenceSession.create(file, sessionOptions(settings));
}

export function makeTensor(type: ort.Tensor.Type, data: TensorData, dims: readonly number[]): Tensor {
  return new ort.Tensor(type, data as never, dims);
}

/** The onnxruntime-node version, as a profile records it. */
export function ortVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}
