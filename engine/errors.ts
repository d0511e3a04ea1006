// Errors a request can end in, each with its HTTP status and the failure reason it is counted
// under in /metrics (nv_inference_request_failure{reason}). Thrown by the protocol decoder and the
// model runner; engine/http turns them into `{"error": "..."}` responses.

export type FailureReason =
  | 'bad_request' // 400: the request does not fit the protocol or the model
  | 'not_found' // 404: no such model or version
  | 'too_large' // 413: body over server.max_body_bytes
  | 'queue_full' // 503: the batcher queue is at max_queue_size
  | 'http_overloaded' // 503: the HTTP thread holds server.max_inflight_requests requests not yet queued
  | 'queue_timeout' // 503: waited queue_timeout_ms without being dispatched
  | 'unavailable' // 503: no instance of the model is running
  | 'internal'; // 500: the forward pass failed, or its instance died during it

export class ServeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: FailureReason,
    /** Seconds for a Retry-After header (503s). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'ServeError';
  }
}

export const badRequest = (message: string): ServeError => new ServeError(400, message, 'bad_request');
