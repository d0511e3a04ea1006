// The serving config (`servetwin.serving/v1`): what `servetwin serve --config` reads and what the
// sweep writes as its recommendation. Declared once here; config/serving-file.ts reads it, the
// engine (engine/model-repository) resolves it into models to load, the CLI's flags override
// fields of it, and schemas/serving.schema.json is generated from it (config/schema-files.ts).
import * as z from 'zod';
import { BatchingSchema, defaultMaxQueueSize } from './batching.js';
import { RouterKindSchema } from './scenario.js';

export const SERVING_SCHEMA = 'servetwin.serving/v1';

export const DEFAULT_BATCHING = { max_batch_size: 16, max_queue_delay_ms: 0 } as const;

export const ServedModelSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a name of letters, digits, _ . - (it goes into URLs)')
    .optional()
    .describe('Name the model is served under (/v2/models/NAME). Defaults to the builtin name or the file name without .onnx.'),
  model: z
    .string()
    .min(1)
    .describe('A builtin model name (ppocr-cls, ppocr-det, ppocr-rec) or a path to an .onnx file (relative to the config file).'),
  batching: BatchingSchema.default(DEFAULT_BATCHING).describe(
    'The dynamic batcher (Triton semantics), one per replica. When max_queue_size is absent the queue is bounded at 4 × max_batch_size × instances requests, as the simulator bounds a candidate\'s.',
  ),
  instances: z.int().min(1).default(1).describe('Execution slots per replica: ONNX Runtime sessions, each in its own worker thread (Triton instance_group count).'),
  intra_op_threads: z.int().min(1).default(1).describe('ONNX Runtime intraOpNumThreads per instance. Keep instances × threads ≤ cores.'),
  replicas: z
    .int()
    .min(1)
    .default(1)
    .describe('Independent replica groups (each its own batcher queue and instances) inside this one process, behind the router.'),
  router: RouterKindSchema.default('round_robin').describe('How a request picks a replica when replicas > 1 (policies/router.ts, as in the simulator).'),
  input_dims: z
    .record(z.string(), z.array(z.int().min(1)).min(1))
    .optional()
    .describe('Sizes of dynamic non-batch dimensions, by input name: the full shape without the batch dimension, e.g. { "x": [3, 48, 192] }. Builtins have theirs.'),
  allow_non_finite: z.boolean().default(false).describe('Accept NaN / ±Infinity in floating-point inputs (rejected with 400 by default).'),
});

export const ServerSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1').describe('Address to listen on; 0.0.0.0 to accept connections from other machines.'),
    port: z.int().min(0).max(65535).default(8000).describe('TCP port; 0 picks a free one (printed as `listening on http://HOST:PORT`).'),
    max_body_bytes: z.int().min(1024).default(32 * 1024 * 1024).describe('Largest request body; bigger ones get 413 (decided from Content-Length, before the body is read).'),
    max_inflight_requests: z
      .int()
      .min(1)
      .default(32)
      .describe(
        'Infer requests the HTTP thread holds before they reach a batcher queue (body being received, waiting for its turn to be decoded, or decoded), all models together. More get 503 with Retry-After right after their headers. Decoding a JSON tensor costs the one HTTP thread milliseconds, so this bounds the wait it adds to a request (about this × the decode time) and the memory of bodies in flight (this × max_body_bytes at most).',
      ),
    request_timeout_ms: z.int().min(1).default(30_000).describe('Time allowed to receive a whole request (slow clients get 408).'),
    headers_timeout_ms: z
      .int()
      .min(1)
      .default(10_000)
      .describe('Time allowed to receive a request’s headers, counted from its first byte (an idle keep-alive connection is not timed by it); slow clients get 408.'),
    keep_alive_timeout_ms: z
      .int()
      .min(1)
      .default(620_000)
      .describe(
        'How long an idle keep-alive connection stays open. Above the idle timeout of the load balancers in front (AWS ALB 60 s, nginx upstream 60 s, Google Cloud 600 s), so the proxy, not the engine, closes idle connections and never reuses one the engine has just closed (docs/serve.md).',
      ),
    drain_delay_ms: z
      .int()
      .min(0)
      .default(5_000)
      .describe(
        'On SIGTERM/SIGINT, how long the engine keeps accepting and serving new connections (readiness already 503) before it closes its listener: the time Kubernetes takes to take the pod out of every Service endpoint, proxy and load balancer.',
      ),
    shutdown_timeout_ms: z
      .int()
      .min(1)
      .default(25_000)
      .describe(
        'On SIGTERM/SIGINT, the time from the signal (drain delay included) by which every accepted request must be answered; what is still unanswered then gets 503 and the process exits 1. The default fits Kubernetes’ 30 s grace period.',
      ),
  })
  .superRefine((server, ctx) => {
    if (server.drain_delay_ms >= server.shutdown_timeout_ms) {
      ctx.addIssue({
        code: 'custom',
        path: ['drain_delay_ms'],
        message: `${server.drain_delay_ms} ms must be shorter than server.shutdown_timeout_ms (${server.shutdown_timeout_ms} ms), which counts from the signal and includes the drain delay`,
      });
    }
  });

export const ServingConfigSchema = z.strictObject({
  schema: z.literal(SERVING_SCHEMA).default(SERVING_SCHEMA),
  models: z.array(ServedModelSchema).default([]).describe('Models to serve, each with its own batcher(s) and instances.'),
  model_repository: z
    .string()
    .optional()
    .describe('A folder of models to serve as well: every *.onnx in it, and every sub-folder holding model.onnx (+ optional config.json with the fields of a models[] entry).'),
  autoscaler: z
    .looseObject({ kind: z.string() })
    .optional()
    .describe('The autoscaling policy the plan assumed (as in the scenario). Reported, not acted on: one process never creates replicas; run it as an HPA/KPA on the pods.'),
  server: ServerSchema.default(ServerSchema.parse({})),
});

export type ServedModelConfig = z.output<typeof ServedModelSchema>;
export type ServerConfig = z.output<typeof ServerSchema>;
export type ServingConfig = z.output<typeof ServingConfigSchema>;
export type ServingConfigInput = z.input<typeof ServingConfigSchema>;

/** A models[] entry as found in a model repository's config.json: name and model come from the folder. */
export const RepositoryModelSchema = ServedModelSchema.omit({ model: true, name: true });

/**
 * The bound the engine puts on a served model's queue: max_queue_size, else the default the
 * simulator applies to a candidate (config/batching.ts). Taken when the model is loaded, after the
 * flags, because it follows max_batch_size and instances, which a flag may change.
 */
export function effectiveMaxQueueSize(model: ServedModelConfig): number {
  return model.batching.max_queue_size ?? defaultMaxQueueSize(model.batching.max_batch_size, model.instances);
}

/** The JSON Schema of the serving config (input form: defaults are optional), for editors and the sweep's writer. */
export function servingJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ServingConfigSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export const SERVING_JSON_SCHEMA_PATH = 'schemas/serving.schema.json';
