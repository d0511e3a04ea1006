// Admission of infer requests, decided from the headers alone, before the body is read: a declared
// body over max_body_bytes (413), the HTTP thread already holding max_inflight_requests requests it
// has not handed to a batcher yet (503), or every queue of the model full (503). An answer before
// the body costs microseconds where reading and decoding it (a JSON tensor: milliseconds) would not;
// Node then reads and discards the body, so a client mid-upload is not reset and its connection
// stays usable. engine/http/server registers the hook on the infer routes; the infer handler
// releases a request once it reaches the batcher.
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { ServerConfig } from '../../config/serving.js';
import { ServeError } from '../errors.js';
import { tooLarge } from './body.js';
import type { ServedModel } from '../served-model.js';

/** The models, by the name in the route. */
export interface AdmittedModels {
  get(name: string): Pick<ServedModel, 'name' | 'queuesFull' | 'maxQueueSize'> | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Called once the request no longer counts against max_inflight_requests (idempotent). */
    releaseAdmission: () => void;
  }
}

const noop = () => {};

export class Admission {
  /** Infer requests admitted and not yet handed to a batcher (or answered). */
  private holding = 0;

  constructor(
    private readonly registry: AdmittedModels,
    private readonly server: Pick<ServerConfig, 'max_body_bytes' | 'max_inflight_requests'>,
  ) {}

  /** Requests being received or decoded now (the gauge servetwin_http_inflight_requests). */
  get inflight(): number {
    return this.holding;
  }

  readonly hook: onRequestHookHandler = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    req.releaseAdmission = noop;
    const declared = Number(req.headers['content-length']);
    if (declared > this.server.max_body_bytes) return done(tooLarge(this.server.max_body_bytes));
    if (this.holding >= this.server.max_inflight_requests) {
      return done(
        new ServeError(
          503,
          `the server is overloaded: max_inflight_requests ${this.server.max_inflight_requests} requests are already being received or decoded`,
          'http_overloaded',
          1,
        ),
      );
    }
    const model = this.registry.get((req.params as { name?: string }).name ?? '');
    if (model?.queuesFull) {
      return done(new ServeError(503, `model ${model.name} is overloaded: its queue holds max_queue_size ${model.maxQueueSize} requests`, 'queue_full', 1));
    }
    this.holding++;
    let held = true;
    req.releaseAdmission = () => {
      if (!held) return;
      held = false;
      this.holding--;
    };
    // Answered or gone before reaching a batcher (a bad body, a client that left): released too.
    reply.raw.once('close', req.releaseAdmission);
    done();
  };
}
