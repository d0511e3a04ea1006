// What a run reports about each request, batch, replica and scaling decision when a RunTrace is
// attached (tests and debugging only: the hot loop skips all of it otherwise). The property tests
// rebuild queues, instance idle times, replica lifetimes and outcomes from these records to check
// the simulator's invariants.

/** Why a request was dropped: its replica's queue was full, it outwaited queue_timeout_ms, or it carries more items than max_batch_size. */
export type DropReason = 'queue_full' | 'timeout' | 'too_large';

export interface RequestRecord {
  /** Arrival index, 0-based in send order. */
  id: number;
  sendMs: number;
  /** When it reached its pool (its wait counts from here; -1 if it never did). */
  queuedMs: number;
  /** When it entered a replica's queue (later than queuedMs if it waited for a ready replica; -1 if never). */
  routedMs: number;
  /** Pool that served it: the cloud pool first, then each site's edge pool (0 without tiers). */
  pool: number;
  /** Site it was sent from (0 without sites). */
  site: number;
  /** Replica (creation number within its pool) it was routed to; -1 if none. */
  replica: number;
  /**
   * Only when its pool has a frontend (the replica's HTTP thread): when its ingress ended and it
   * entered the batcher (-1 if never). routedMs is then when its ingress was queued, and its queue
   * timeout counts from here.
   */
  batchedMs?: number;
  /** When its batch started (-1 if never). */
  dispatchMs: number;
  /** When the client got the response (-1 unless completed): with a frontend, after its egress and return leg. */
  doneMs: number;
  /** When it was dropped (-1 unless dropped). */
  droppedMs: number;
  outcome: 'completed' | DropReason | 'in_flight';
}

export interface BatchRecord {
  pool: number;
  /** Replica (creation number within its pool). */
  replica: number;
  instance: number;
  startMs: number;
  /** When it ended; -1 for a batch still running at the end of a run whose replica shares its CPUs (its end was not yet known). */
  endMs: number;
  /** Its service time alone on a core (its work); endMs − startMs is longer when it shared CPUs. */
  serviceMs: number;
  items: number;
  requestIds: number[];
}

export interface ReplicaRecord {
  pool: number;
  replica: number;
  /** When it was asked for (billing starts). */
  createdMs: number;
  /** When it became ready (-1: never, cancelled while starting or still starting at the end). */
  readyMs: number;
  /** When it started draining (-1: never). */
  drainMs: number;
  /** When it went (billing stops; -1: still there at the end). */
  goneMs: number;
}

export interface ScaleRecord {
  pool: number;
  atMs: number;
  current: number;
  ready: number;
  desired: number;
  reason: string;
  panic: boolean;
}

export interface RunTrace {
  onRequest(r: RequestRecord): void;
  onBatch(b: BatchRecord): void;
  onReplica?(r: ReplicaRecord): void;
  onScale?(s: ScaleRecord): void;
}
