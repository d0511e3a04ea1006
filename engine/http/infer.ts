// The infer endpoint, POST /v2/models/{name}[/versions/{v}]/infer, on bare node:http: every request's
// path through the engine, so it carries no framework. Fastify serves every other route
// (engine/http/routes.ts); measured on 110 kB bodies, its routing, hooks, body parser plumbing and
// reply cost the HTTP thread ~100 µs a request more than this does, a third of a 1-item request's
// whole cost there. In order: admission from the headers (engine/http/admission.ts: 413, 503) → the
// model (404) → the body (engine/http/body.ts, pooled buffers) → decoding, one turn at a time
// (engine/http/decode-pacer.ts, engine/protocol) → the model's replicas and batcher
// (engine/served-model.ts) → this request's rows of the outputs, encoded, with a Server-Timing header.
// Every error is `{"error": "..."}` with its status, Retry-After where it has one, and counted once
// in /metrics under the model.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { ServeError } from '../errors.js';
import type { RunnerResult } from '../model-runner.js';
import { decodeInferRequest } from '../protocol/decode-request.js';
import { encodeInferResponse } from '../protocol/encode-response.js';
import type { ServedModel } from '../served-model.js';
import type { Admission } from './admission.js';
import { readBody, type BodyPool } from './body.js';
import type { DecodePacer } from './decode-pacer.js';

/** What the endpoint needs from the engine. */
export interface InferModels {
  readonly models: readonly ServedModel[];
  /** True once a shutdown signal arrived: every answer closes its connection. */
  readonly draining: boolean;
  get(name: string): ServedModel | undefined;
}

/** The HTTP side of the infer endpoint: admission from the headers, pooled bodies, paced decoding. */
export interface InferIntake {
  admission: Admission;
  bodies: BodyPool;
  pacer: DecodePacer;
  maxBodyBytes: number;
}

const INFER_PATH = /^\/v2\/models\/([^/?]+)(?:\/versions\/([^/?]+))?\/infer(?:\?.*)?$/;

/**
 * Where this request's time went inside the server, as a W3C Server-Timing header (browsers'
 * devtools show it; `servetwin replay` reads it to measure the engine's overhead per request):
 * ingress (headers parsed → body read and decoded → handed to the batcher), queue (batcher wait),
 * instance (dispatch → result back on the HTTP thread), compute (the forward pass, timed in the
 * worker), egress (result back → response encoded), total (headers parsed → response encoded), the
 * batch's size, and idle (how long the instance had been idle before this forward pass; absent for
 * an instance's first). One header per response costs ~1 µs; nothing else reports per request.
 */
export function serverTiming(receivedAt: number, submittedAt: number, encodedAt: number, r: RunnerResult): string {
  const ms = (x: number) => Math.max(0, x).toFixed(3);
  return (
    `ingress;dur=${ms(submittedAt - receivedAt)}, queue;dur=${ms(r.queueMs)}, instance;dur=${ms(r.instanceMs)}, ` +
    `compute;dur=${ms(r.computeMs)}, egress;dur=${ms(encodedAt - r.doneAt)}, total;dur=${ms(encodedAt - receivedAt)}, batch;desc=${r.batchItems}` +
    (r.idleMs >= 0 ? `, idle;dur=${ms(r.idleMs)}` : '')
  );
}

/** The model a route names, or a 404 naming what is served (the metadata routes use it too). */
export function findModel(models: InferModels, name: string, version: string | undefined): ServedModel {
  const model = models.get(name);
  if (!model) throw new ServeError(404, `unknown model ${JSON.stringify(name)} (serving: ${models.models.map((m) => m.name).join(', ')})`, 'not_found');
  if (version !== undefined && version !== model.version) {
    throw new ServeError(404, `model ${model.name} has no version ${JSON.stringify(version)} (versions: ${model.version})`, 'not_found');
  }
  return model;
}

/**
 * The endpoint as a node:http request listener that takes only infer requests: it returns false
 * for anything else (another method or path, a name that does not URL-decode), for Fastify to serve.
 */
export function inferEndpoint(models: InferModels, intake: InferIntake): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const match = INFER_PATH.exec(req.url ?? '');
    if (!match) return false;
    let name: string;
    let version: string | undefined;
    try {
      name = decodeURIComponent(match[1]!);
      version = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    } catch {
      return false;
    }
    void infer(models, intake, req, res, name, version);
    return true;
  };
}

async function infer(models: InferModels, intake: InferIntake, req: IncomingMessage, res: ServerResponse, name: string, version: string | undefined): Promise<void> {
  const receivedAt = performance.now();
  const model = models.get(name);
  const { admission, bodies, pacer } = intake;
  let body: Buffer | undefined;
  // The body goes back to the pool once nothing refers to its bytes (exactly once: the pool lends it anew).
  const giveBack = () => {
    bodies.give(body);
    body = undefined;
  };
  try {
    const admitted = admission.admit(req.headers, model);
    if (admitted instanceof ServeError) throw admitted;
    // Answered or gone before reaching a batcher (a bad body, a client that left): released too.
    res.once('close', admitted);
    const served = findModel(models, name, version);
    body = await readBody(req, req.headers, intake.maxBodyBytes, bodies);
    served.inflight++;
    try {
      if (body.length === 0) throw new ServeError(400, 'request body: empty; expected an inference request (JSON, or JSON header + binary tensors)', 'bad_request');
      const raw = req.headers['inference-header-content-length'];
      const header = Array.isArray(raw) ? raw[0] : raw;
      await pacer.turn();
      let decoded;
      try {
        decoded = decodeInferRequest(body, header, {
          modelName: served.name,
          signature: served.signature,
          maxBatchSize: served.maxBatchSize,
          allowNonFinite: served.spec.config.allow_non_finite,
        });
      } finally {
        pacer.done();
      }
      // A JSON-only request's tensors are copies: its (large) body need not wait in the queue with it.
      if (header === undefined) giveBack();
      const submittedAt = performance.now();
      admitted();
      const result = await served.infer({ items: decoded.items, inputs: decoded.inputs });
      const encoded = encodeInferResponse(
        served.name,
        served.version,
        decoded.id,
        decoded.outputs.map((o) => ({ spec: served.signature.outputs[o.index]!, ...result.outputs[o.index]!, binary: o.binary })),
      );
      const encodedAt = performance.now();
      served.metrics.success(encodedAt - receivedAt);
      const headers: OutgoingHttpHeaders = {
        'content-type': encoded.contentType,
        'content-length': encoded.body.length,
        'server-timing': serverTiming(receivedAt, submittedAt, encodedAt, result),
      };
      if (encoded.headerLength !== undefined) headers['inference-header-content-length'] = String(encoded.headerLength);
      send(res, 200, headers, encoded.body, models.draining);
    } finally {
      served.inflight--;
    }
  } catch (err) {
    sendError(res, err, model, receivedAt, models.draining && req.complete);
  } finally {
    giveBack();
  }
}

function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: Buffer | string, close: boolean): void {
  // A shutdown that timed out may have answered this request already (engine/http/connections), or
  // its client left: writing then would only raise an error on a dead socket.
  if (res.headersSent || res.destroyed || !res.socket || res.socket.destroyed) return;
  // While draining, every answer closes its connection: a kept-alive client reconnects, through a
  // load balancer that by then sends it to another pod. Not an answer given before the body
  // arrived: closing then would reset a client still uploading (Node reads and drops the body).
  if (close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

function sendError(res: ServerResponse, err: unknown, model: ServedModel | undefined, receivedAt: number, close: boolean): void {
  let error: ServeError;
  if (err instanceof ServeError) error = err;
  else {
    process.stderr.write(`servetwin serve: ${(err as Error).stack ?? String(err)}\n`);
    error = new ServeError(500, model ? `model ${model.name}: ${(err as Error).message}` : (err as Error).message, 'internal');
  }
  if (model && error.reason !== 'not_found') model.metrics.failure(error.reason);
  const body = JSON.stringify({ error: error.message });
  const headers: OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // How long the server took to decide (a 503 from admission: microseconds after the headers).
    'server-timing': `total;dur=${Math.max(0, performance.now() - receivedAt).toFixed(3)}`,
  };
  if (error.retryAfterS !== undefined) headers['retry-after'] = String(error.retryAfterS);
  send(res, error.status, headers, body, close);
}
