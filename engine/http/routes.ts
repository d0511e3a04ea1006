// The Open Inference Protocol v2 REST endpoints on Fastify — health, server and model metadata, model
// ready (each with the optional /versions/{v}) — and /metrics. Infer, every request's path, is served
// on bare node:http ahead of Fastify (engine/http/infer.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EngineMetrics } from '../metrics.js';
import type { ServedModel } from '../served-model.js';
import { servetwinVersion } from '../../common/servetwin-files.js';
import { findModel, type InferModels } from './infer.js';

// The Server-Timing header of infer answers, which `servetwin replay` reads, is made there too.
export { serverTiming } from './infer.js';

/** What the routes need from the engine. */
export interface ModelRegistry extends InferModels {
  readonly metrics: EngineMetrics;
  /** True once a shutdown signal arrived: readiness answers 503 so load balancers stop sending, and every answer closes its connection. */
  readonly draining: boolean;
}

interface ModelParams {
  name: string;
  version?: string;
}

export const PLATFORM = 'onnxruntime_onnx';
export const EXTENSIONS = ['binary_tensor_data'];

export function registerRoutes(app: FastifyInstance, registry: ModelRegistry): void {
  const find = (params: ModelParams): ServedModel => findModel(registry, params.name, params.version);

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

  app.get('/metrics', async (_req, reply) => {
    const text = await registry.metrics.text();
    return reply.header('content-type', registry.metrics.contentType).send(text);
  });
}
