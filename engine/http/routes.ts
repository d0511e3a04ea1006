// The Open Inference Protocol v2 REST endpoints (health, server and model metadata, model ready,
// infer — each with the optional /versions/{v}) and /metrics. A request's path through infer:
// find the model → decode and validate the body (engine/protocol) → the model's replicas and
// batcher (engine/served-model) → encode this request's rows of the outputs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ServeError, badRequest } from '../errors.js';
import type { EngineMetrics } from '../metrics.js';
import { decodeInferRequest } from '../protocol/decode-request.js';
import { encodeInferResponse } from '../protocol/encode-response.js';
import type { ServedModel } from '../served-model.js';
import type { RunnerResult } from '../model-runner.js';
import { servetwinVersion } from '../../common/servetwin-files.js';
import type { Admission } from './admission.js';
import type { BodyPool } from './body.js';
import type { DecodePacer } from './decode-pacer.js';

/** The HTTP side of the infer route: admission from the headers, pooled bodies, paced decoding. */
export interface InferIntake {
  admission: Admission;
  bodies: BodyPool;
  pacer: DecodePacer;
}

/** What the routes need from the engine. */
export interface ModelRegistry {
  readonly models: readonly ServedModel[];
  readonly metrics: EngineMetrics;
  /** True once a shutdown signal arrived: readiness answers 503 so load balancers stop sending, and every answer closes its connection. */
  readonly draining: boolean;
  get(name: string): ServedModel | undefined;
  /** The model a request's route params name, if it exists (to count failures under it). */
  lookupForMetrics(params: unknown): ServedModel | undefined;
}

interface ModelParams {
  name: string;
  version?: string;
}

export const PLATFORM = 'onnxruntime_onnx';
export const EXTENSIONS = ['binary_tensor_data'];

/**
 * Where this request's time went inside the server, as a W3C Server-Timing header (browsers'
 * devtools show it; `servetwin replay` reads it to measure the engine's overhead per request):
 * ingress (headers parsed → body read and decoded → handed to the batcher), queue (batcher wait),
 * instance (dispatch → result back on the HTTP thread), compute (the forward pass, timed in the
 * worker), egress (result back → response encoded), total (headers parsed → response encoded) and
 * the batch's size. One header per response costs ~1 µs; nothing else reports per request.
 */
export function serverTiming(receivedAt: number, submittedAt: number, encodedAt: number, r: RunnerResult): string {
  const ms = (x: number) => Math.max(0, x).toFixed(3);
  return (
    `ingress;dur=${ms(submittedAt - receivedAt)}, queue;dur=${ms(r.queueMs)}, instance;dur=${ms(r.instanceMs)}, ` +
    `compute;dur=${ms(r.computeMs)}, egress;dur=${ms(encodedAt - r.doneAt)}, total;dur=${ms(encodedAt - receivedAt)}, batch;desc=${r.batchItems}`
  );
}

export function registerRoutes(app: FastifyInstance, registry: ModelRegistry, intake: InferIntake): void {
  const { admission, bodies, pacer } = intake;
  const find = (params: ModelParams): ServedModel => {
    const model = registry.get(params.name);
    if (!model) {
      throw new ServeError(404, `unknown model ${JSON.stringify(params.name)} (serving: ${registry.models.map((m) => m.name).join(', ')})`, 'not_found');
    }
    if (params.version !== undefined && params.version !== model.version) {
      throw new ServeError(404, `model ${model.name} has no version ${JSON.stringify(params.version)} (versions: ${model.version})`, 'not_found');
    }
    return model;
  };

  // A model whose instances are all down and cannot be restarted (it no longer loads) cannot recover
  // by itself: fail liveness so Kubernetes restarts the process. One restarting only fails readiness.
  app.get('/v2/health/live', async (_req, reply) => {
    const live = !registry.models.some((m) => m.dead);
    return reply.code(live ? 200 : 503).send({ live });
  });

  app.get('/v2/health/ready', async (_req, reply) => {
    const ready = !registry.draining && registry.models.every((m) => m.ready);
    return reply.code(ready ? 200 : 503).send({ ready });
  });

  app.get('/v2', async () => ({ name: 'servetwin', version: servetwinVersion(), extensions: EXTENSIONS }));

  const metadata = async (req: FastifyRequest<{ Params: ModelParams }>) => {
    const model = find(req.params);
    return {
      name: model.name,
      versions: [model.version],
      platform: PLATFORM,
      inputs: model.signature.inputs.map((i) => ({ name: i.name, datatype: i.datatype.oip, shape: [-1, ...i.itemDims] })),
      outputs: model.signature.outputs.map((o) => ({ name: o.name, datatype: o.datatype.oip, shape: o.shape })),
    };
  };
  app.get('/v2/models/:name', metadata);
  app.get('/v2/models/:name/versions/:version', metadata);

  const modelReady = async (req: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply) => {
    const model = find(req.params);
    const ready = !registry.draining && model.ready;
    return reply.code(ready ? 200 : 503).send({ name: model.name, ready });
  };
  app.get('/v2/models/:name/ready', modelReady);
  app.get('/v2/models/:name/versions/:version/ready', modelReady);

  const infer = async (req: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply) => {
    // The body goes back to the pool once nothing refers to its bytes (exactly once: the pool lends it anew).
    let lent: unknown = req.body;
    const giveBack = () => {
      bodies.give(lent);
      lent = undefined;
    };
    try {
      return await inferOn(find(req.params), req, reply, giveBack);
    } finally {
      giveBack();
    }
  };
  const inferOn = async (model: ServedModel, req: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply, giveBack: () => void) => {
    model.inflight++;
    try {
      const body = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('request body: empty; expected an inference request (JSON, or JSON header + binary tensors)');
      const header = req.headers['inference-header-content-length'];
      await pacer.turn();
      let decoded;
      try {
        decoded = decodeInferRequest(body, Array.isArray(header) ? header[0] : header, {
          modelName: model.name,
          signature: model.signature,
          maxBatchSize: model.maxBatchSize,
          allowNonFinite: model.spec.config.allow_non_finite,
        });
      } finally {
        pacer.done();
      }
      // A JSON-only request's tensors are copies: its (large) body need not wait in the queue with it.
      if (header === undefined) giveBack();
      const submittedAt = performance.now();
      req.releaseAdmission();
      const result = await model.infer({ items: decoded.items, inputs: decoded.inputs });
      const encoded = encodeInferResponse(
        model.name,
        model.version,
        decoded.id,
        decoded.outputs.map((o) => ({ spec: model.signature.outputs[o.index]!, ...result.outputs[o.index]!, binary: o.binary })),
      );
      const encodedAt = performance.now();
      model.metrics.success(encodedAt - req.receivedAt);
      void reply.header('server-timing', serverTiming(req.receivedAt, submittedAt, encodedAt, result));
      void reply.header('content-type', encoded.contentType);
      if (encoded.headerLength !== undefined) void reply.header('inference-header-content-length', String(encoded.headerLength));
      return reply.send(encoded.body);
    } catch (err) {
      // Counted here once; the error handler counts only errors raised before this handler ran.
      const error = err instanceof ServeError ? err : new ServeError(500, `model ${model.name}: ${(err as Error).message}`, 'internal');
      model.metrics.failure(error.reason);
      error.counted = true;
      if (!(err instanceof ServeError)) process.stderr.write(`servetwin serve: ${(err as Error).stack ?? String(err)}\n`);
      throw error;
    } finally {
      model.inflight--;
    }
  };
  app.post<{ Params: ModelParams }>('/v2/models/:name/infer', { onRequest: admission.hook }, infer);
  app.post<{ Params: ModelParams }>('/v2/models/:name/versions/:version/infer', { onRequest: admission.hook }, infer);

  app.get('/metrics', async (_req, reply) => {
    const text = await registry.metrics.text();
    return reply.header('content-type', registry.metrics.contentType).send(text);
  });
}
