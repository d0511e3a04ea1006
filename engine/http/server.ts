// The HTTP server: node:http with the protections a public endpoint needs — admission decided from
// the headers (413 over max_body_bytes, 503 when max_inflight_requests or the model's queues are
// full; engine/http/admission), header and whole-request timeouts against slow clients, a
// keep-alive timeout above the load balancers' in front, every error as `{"error": "..."}`, and
// `Connection: close` on every answer once the engine drains (engine/engine closes the listener
// and the connections itself, engine/http/connections). Infer requests go to their endpoint on bare
// node:http (engine/http/infer); everything else to Fastify 5 (engine/http/routes), whose routing,
// hooks and error handling are worth their cost there (~100 µs a request) but not on the hot path.
// Bodies are read raw (one Buffer, engine/http/body) whatever their content type, so the protocol
// decoder handles both JSON and the binary tensor extension itself.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { ServerConfig } from '../../config/serving.js';
import { ServeError } from '../errors.js';
import { Admission } from './admission.js';
import { BodyPool, readBody } from './body.js';
import { DecodePacer } from './decode-pacer.js';
import { inferEndpoint } from './infer.js';
import type { ModelRegistry } from './routes.js';
import { registerRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** performance.now() when the request's headers arrived. */
    receivedAt: number;
  }
}

export function createHttpServer(models: ModelRegistry, server: ServerConfig): FastifyInstance {
  const admission = new Admission(server);
  models.metrics.readHttpInflightFrom(() => admission.inflight);
  const bodies = new BodyPool();
  const infer = inferEndpoint(models, { admission, bodies, pacer: new DecodePacer(), maxBodyBytes: server.max_body_bytes });
  const app = Fastify({
    logger: false,
    bodyLimit: server.max_body_bytes,
    // The engine closes the listener and the connections itself when it drains (engine/http/connections).
    forceCloseConnections: false,
    return503OnClosing: false,
    serverFactory: (fastify) => {
      const listener = http.createServer(
        {
          // Node checks the header and request timeouts every connectionsCheckingInterval (30 s by
          // default), which would let a slow client hold a connection far longer than configured.
          headersTimeout: Math.min(server.headers_timeout_ms, server.request_timeout_ms),
          requestTimeout: server.request_timeout_ms,
          connectionsCheckingInterval: Math.min(1000, server.headers_timeout_ms),
        },
        (req, res) => {
          if (!infer(req, res)) fastify(req, res);
        },
      );
      listener.keepAliveTimeout = server.keep_alive_timeout_ms;
      return listener;
    },
    clientErrorHandler: onClientError,
  });

  // Other routes take no body; one sent anyway is read and dropped like any other.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (req, payload, done) => {
    readBody(payload, req.headers, server.max_body_bytes, bodies).then(
      (body) => done(null, body),
      (err: Error) => done(err, undefined),
    );
  });

  app.decorateRequest('receivedAt', 0);
  app.addHook('onRequest', (req, _reply, done) => {
    req.receivedAt = performance.now();
    done();
  });

  // While draining, every answer closes its connection: a kept-alive client reconnects, through a
  // load balancer that by then sends it to another pod, and nothing holds the shutdown open. Not an
  // answer given before its body arrived: closing then would reset a client still uploading; Node
  // reads and discards the body and the connection is closed idle. (engine/http/infer does the same.)
  app.addHook('onSend', (req, reply, payload, done) => {
    if (models.draining && req.raw.complete) void reply.header('connection', 'close');
    done(null, payload);
  });

  app.setErrorHandler((err: FastifyError | ServeError, req, reply) => {
    const status = err instanceof ServeError ? err.status : (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500 && !(err instanceof ServeError)) process.stderr.write(`servetwin serve: ${req.method} ${req.url}: ${err.stack ?? err.message}\n`);
    if (err instanceof ServeError && err.retryAfterS !== undefined) void reply.header('retry-after', String(err.retryAfterS));
    if (req.receivedAt > 0) void reply.header('server-timing', `total;dur=${Math.max(0, performance.now() - req.receivedAt).toFixed(3)}`);
    void reply.code(status).type('application/json').send({ error: err.message });
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: `no such endpoint: ${req.method} ${req.url.split('?')[0]} (see /v2, /v2/models/{name}, /metrics)` });
  });

  registerRoutes(app, models);
  return app;
}

/** Errors before a request is parsed (bad HTTP, slow client): answer with a JSON error and close. */
function onClientError(err: Error & { code?: string }, socket: Socket): void {
  const [status, text] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : [400, 'Bad Request'];
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: `${text}: ${err.message}` });
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
