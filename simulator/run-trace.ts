// What a run reports about each request and batch when a RunTrace is attached (tests and debugging
// only: the hot loop skips all of it otherwise). The property tests rebuild queues, instance idle
// times and outcomes from these records to check the simulator's invariants.
import type { DropReason } from './metrics/recorder.js';

export interface RequestRecord {
  /** Arrival index, 0-based in send order. */
  id: number;
  sendMs: number;
  /** When it reached its replica (-1 if it never did). */
  queuedMs: number;
  replica: number;
  /** When its batch started (-1 if never). */
  dispatchMs: number;
  /** When the client got the response (-1 unless completed). */
  doneMs: number;
  /** When it was dropped (-1 unless dropped). */
  droppedMs: number;
  outcome: 'completed' | DropReason | 'in_flight';
}

export interface BatchRecord {
  replica: number;
  instance: number;
  startMs: number;
  endMs: number;
  items: number;
  requestIds: number[];
}

export interface RunTrace {
  onRequest(r: RequestRecord): void;
  onBatch(b: BatchRecord): void;
}
