// The kinds of event on a run's heap (simulator/event-queue.ts): small integers with one integer
// payload each. Arrivals are not among them: run.ts merges the traffic source with the heap.
// Shared by the event loop (run.ts), the fleet (fleet.ts) and the autoscaling driver.

/** payload: request slot, after its network leg. */
export const AT_ROUTER = 1;
/** payload: run-wide instance index. */
export const BATCH_DONE = 2;
/** payload: run-wide replica key (batcher delay or queue timeout due). */
export const WAKE = 3;
/** payload: time-series interval that ends now. */
export const SAMPLE = 4;
/** payload: run-wide replica key: its provisioning and cold start are over. */
export const REPLICA_READY = 5;
/** payload: unused; every autoscaled pool observes a ScalingSample. */
export const SCALING_SAMPLE = 6;
/** payload: pool index; its autoscaler asked to decide now. */
export const SCALING_DECIDE = 7;
/** payload: pool index; an edge outage starts or ends. */
export const OUTAGE_START = 8;
export const OUTAGE_END = 9;
/** payload: request slot, after its ingress on its replica's HTTP thread (only with a frontend). */
export const AT_BATCHER = 10;
/**
 * payload: run-wide instance index. Its batch ended while its replica's HTTP thread was busy: the
 * instance is released when the thread picks the result up, as the engine releases it in the
 * result's callback on the event loop (only with a frontend).
 */
export const INSTANCE_FREE = 11;
/**
 * payload: host number (with a CPU model, one host per replica). The earliest job running on the
 * replica's CPUs ends now — unless a job started or ended since and moved it: then the event is
 * stale and ignored (fleet/host-cpu.ts).
 */
export const HOST_DONE = 12;
