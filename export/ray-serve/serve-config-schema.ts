// Ray Serve's config file (`serve deploy config.yaml`, or a RayService's serveConfigV2), declared
// from Ray's own pydantic models: ServeDeploySchema, ServeApplicationSchema, DeploymentSchema and
// RayActorOptionsSchema in python/ray/serve/schema.py, AutoscalingConfig in python/ray/serve/config.py
// (Ray 2.5x, read 2026-12; defaults as there). Ray forbids unknown fields (extra=forbid), so these
// objects are strict too. The export is checked against it and import reads through it.
import * as z from 'zod';

const Positive = z.number().positive();
const NonNegative = z.number().min(0);

export const RayAutoscalingConfigSchema = z
  .strictObject({
    min_replicas: z.int().min(0).default(1),
    initial_replicas: z.int().min(0).nullish(),
    max_replicas: z.int().min(1).default(1),
    target_ongoing_requests: Positive.nullish().describe('Default 2 (DEFAULT_TARGET_ONGOING_REQUESTS).'),
    metrics_interval_s: Positive.default(10),
    look_back_period_s: Positive.default(30),
    smoothing_factor: Positive.default(1).describe('Deprecated: the factor both ways when the others are unset.'),
    upscale_smoothing_factor: Positive.nullish(),
    downscale_smoothing_factor: Positive.nullish(),
    upscaling_factor: Positive.nullish(),
    downscaling_factor: Positive.nullish(),
    downscale_delay_s: NonNegative.default(600),
    downscale_to_zero_delay_s: NonNegative.nullish(),
    upscale_delay_s: NonNegative.default(30),
    aggregation_function: z.enum(['mean', 'max', 'min']).optional(),
    prometheus_metrics: z.array(z.string()).nullish(),
    policy: z.looseObject({}).optional(),
  })
  .refine((a) => a.max_replicas >= a.min_replicas, { message: 'max_replicas must be >= min_replicas', path: ['max_replicas'] })
  .refine((a) => a.initial_replicas == null || (a.initial_replicas >= a.min_replicas && a.initial_replicas <= a.max_replicas), { message: 'initial_replicas must lie within [min_replicas, max_replicas]', path: ['initial_replicas'] });

const RayActorOptionsSchema = z.strictObject({
  runtime_env: z.record(z.string(), z.unknown()).optional(),
  num_cpus: NonNegative.optional(),
  num_gpus: NonNegative.optional(),
  memory: NonNegative.optional(),
  object_store_memory: NonNegative.optional(),
  resources: z.record(z.string(), z.unknown()).optional(),
  accelerator_type: z.string().optional(),
  label_selector: z.record(z.string(), z.string()).optional(),
});

export const RayDeploymentSchema = z
  .strictObject({
    name: z.string().min(1),
    num_replicas: z.union([z.int().min(1), z.literal('auto')]).nullish(),
    max_ongoing_requests: z.int().min(1).optional().describe('Default 5.'),
    max_queued_requests: z.int().optional().describe('Default -1: no limit.'),
    user_config: z.record(z.string(), z.unknown()).nullish(),
    autoscaling_config: RayAutoscalingConfigSchema.nullish(),
    graceful_shutdown_wait_loop_s: NonNegative.optional(),
    graceful_shutdown_timeout_s: NonNegative.optional(),
    health_check_period_s: Positive.optional(),
    health_check_timeout_s: Positive.optional(),
    ray_actor_options: RayActorOptionsSchema.optional(),
    placement_group_bundles: z.array(z.record(z.string(), z.number())).optional(),
    placement_group_strategy: z.string().optional(),
    max_replicas_per_node: z.int().min(1).optional(),
    logging_config: z.looseObject({}).optional(),
    request_router_config: z.looseObject({}).optional(),
  })
  .refine((d) => d.num_replicas == null || d.autoscaling_config == null, { message: 'num_replicas is not allowed together with autoscaling_config', path: ['num_replicas'] });

const IMPORT_PATH = /^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*)?$/;

export const RayApplicationSchema = z.strictObject({
  name: z.string().default('default'),
  route_prefix: z.string().startsWith('/').nullish(),
  import_path: z.string().regex(IMPORT_PATH, 'expected an import path, module:attribute or module.attribute'),
  runtime_env: z.record(z.string(), z.unknown()).optional(),
  deployments: z.array(RayDeploymentSchema).default([]),
  args: z.record(z.string(), z.unknown()).optional(),
  external_scaler_enabled: z.boolean().optional(),
  logging_config: z.looseObject({}).optional(),
  autoscaling_policy: z.looseObject({}).optional(),
});

export const RayServeConfigSchema = z.strictObject({
  proxy_location: z.enum(['Disabled', 'HeadOnly', 'EveryNode']).optional(),
  http_options: z
    .strictObject({
      host: z.string().optional(),
      port: z.int().min(0).max(65535).optional(),
      root_path: z.string().optional(),
      request_timeout_s: Positive.nullish(),
      keep_alive_timeout_s: Positive.optional(),
      ssl_keyfile: z.string().optional(),
      ssl_certfile: z.string().optional(),
      ssl_keyfile_password: z.string().optional(),
      ssl_ca_certs: z.string().optional(),
    })
    .optional(),
  grpc_options: z.looseObject({}).optional(),
  logging_config: z.looseObject({}).optional(),
  applications: z.array(RayApplicationSchema).min(1),
  target_capacity: z.number().min(0).max(100).nullish(),
});

export type RayServeConfig = z.output<typeof RayServeConfigSchema>;
export type RayDeployment = z.output<typeof RayDeploymentSchema>;
