// The run loop: pops the next event — the earlier of the traffic's next arrival and the heap's
// next scheduled event — and hands it to the run's handlers, until the run's end. Plain code over
// numbers, tuned: the traffic source is merged with the heap rather than kept in it (one push and
// pop fewer per request), and the per-request events (arrivals, requests reaching the router,
// batches ending) get handlers of their own so that V8 keeps this loop small and inlines the
// heap's pop. At equal times scheduled events go first: a batch that ends at t frees its instance
// before a request arriving at t is queued. Used by simulator/run.ts, which owns the handlers.
import type { EventQueue } from './event-queue.js';
import { AT_ROUTER, BATCH_DONE } from './events.js';

/** Arrival times in ms, in order (Infinity when there are no more). */
export interface ArrivalSource {
  next(): number;
}

export interface EventHandlers {
  /** A request is sent at `now` (the source's items for it can be read now). */
  onArrival(now: number): void;
  /** AT_ROUTER: the request in `slot` reached its pool's router. */
  onAtRouter(now: number, slot: number): void;
  /** BATCH_DONE: the batch on run-wide instance `instance` ended. */
  onBatchDone(now: number, instance: number): void;
  /** Every other kind of event. */
  onEvent(kind: number, now: number, payload: number): void;
}

/** Runs every event up to and including `endMs`. */
export function runEventLoop(queue: EventQueue, arrivals: ArrivalSource, endMs: number, handlers: EventHandlers): void {
  let nextArrival = arrivals.next();
  for (;;) {
    const scheduled = queue.peekTime();
    if (nextArrival < scheduled) {
      if (nextArrival >= endMs) break;
      handlers.onArrival(nextArrival);
      nextArrival = arrivals.next();
      continue;
    }
    if (scheduled > endMs) break;
    const kind = queue.pop();
    const now = queue.time;
    if (kind === AT_ROUTER) handlers.onAtRouter(now, queue.payload);
    else if (kind === BATCH_DONE) handlers.onBatchDone(now, queue.payload);
    else handlers.onEvent(kind, now, queue.payload);
  }
}
