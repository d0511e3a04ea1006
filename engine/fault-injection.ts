// A test hook for instance failures: SERVETWIN_INJECT_FAULTS="exit@3,throw@5" makes the instance
// worker handed the 3rd batch of each replica exit, and the one handed the 5th throw an uncaught
// exception, as soon as it receives the batch and before ONNX Runtime sees it. Faults are injected
// in JavaScript on purpose: terminating a thread inside ONNX Runtime's native run can take the
// whole process down, and that case belongs to the liveness probe and the platform's restart.
// Read by engine/instance-pool (which marks the batch), obeyed by engine/instance-worker. Unset in
// production.
import { InputError } from '../common/errors.js';

export type Fault = 'exit' | 'throw';

export const FAULTS_ENV = 'SERVETWIN_INJECT_FAULTS';

/** Which fault, if any, the `batch`-th batch (1-based, per replica) carries. */
export type FaultSchedule = (batch: number) => Fault | undefined;

export function faultSchedule(spec: string | undefined): FaultSchedule {
  if (spec === undefined || spec.trim() === '') return () => undefined;
  const byBatch = new Map<number, Fault>();
  for (const part of spec.split(',')) {
    const m = /^\s*(exit|throw)@(\d+)\s*$/.exec(part);
    if (!m || Number(m[2]) < 1) {
      throw new InputError(`${FAULTS_ENV}: expected a comma-separated list of exit@N or throw@N (N the batch, from 1), got ${JSON.stringify(spec)}`, {
        source: FAULTS_ENV,
      });
    }
    byBatch.set(Number(m[2]), m[1] as Fault);
  }
  return (batch) => byBatch.get(batch);
}
