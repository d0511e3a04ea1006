// Admission of infer requests, decided from the headers alone, before the body is read: a declared
// body over max_body_bytes (413), the HTTP thread already holding max_inflight_requests requests it
// has not handed to a batcher yet (503), or every queue of the model full (503). An answer before
// the body costs microseconds where reading and decoding it (a JSON tensor: milliseconds) would not;
// Node then reads and discards the body, so a client mid-upload is not reset and its connection
// stays usable. The infer endpoint (engine/http/infer.ts) asks first, and releases a request once it
// reaches the batcher (or is answered, or its client left).
import type { IncomingHttpHeaders } from 'node:http';
import type { ServerConfig } from '../../config/serving.js';
import { ServeError } from '../errors.js';
import { tooLarge } from './body.js';
import type { ServedModel } from '../served-model.js';

/** What admission needs of the model a request is for. */
export type AdmittedModel = Pick<ServedModel, 'name' | 'queuesFull' | 'maxQueueSize'>;

export class Admission {
  /** Infer requests admitted and not yet handed to a batcher (or answered). */
  private holding = 0;

  constructor(private readonly server: Pick<ServerConfig, 'max_body_bytes' | 'max_inflight_requests'>) {}

  /** Requests being received or decoded now (the gauge servetwin_http_inflight_requests). */
  get inflight(): number {
    return this.holding;
  }

  /**
   * Admits a request from its headers: returns the function that releases it (idempotent; call it
   * once the request is in a batcher queue, answered or abandoned), or the error to answer at once.
   */
  admit(headers: IncomingHttpHeaders, model: AdmittedModel | undefined): (() => void) | ServeError {
    const declared = Number(headers['content-length']);
    if (declared > this.server.max_body_bytes) return tooLarge(this.server.max_body_bytes);
    if (this.holding >= this.server.max_inflight_requests) {
      return new ServeError(
        503,
        `the server is overloaded: max_inflight_requests ${this.server.max_inflight_requests} requests are already being received or decoded`,
        'http_overloaded',
        1,
      );
    }
    if (model?.queuesFull) return new ServeError(503, `model ${model.name} is overloaded: its queue holds max_queue_size ${model.maxQueueSize} requests`, 'queue_full', 1);
    this.holding++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.holding--;
    };
  }
}
