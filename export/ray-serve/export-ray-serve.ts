// `export --to ray-serve`: a Serve config file for the user's own Python deployment — Ray runs
// Python code from an import_path, not servetwin's engine — with the candidate's replicas or the
// full simulated autoscaling_config, its CPUs and in-flight bound, and the batching the twin
// simulated in user_config, plus the @serve.batch snippet that applies it (batching lives in code).
import { InputError } from '../../common/errors.js';
import type { RayServeConfig } from '../../config/autoscaler.js';
import { describeIssues } from '../../config/validate.js';
import { commonWarnings, fallbackReplicas } from '../fallbacks.js';
import type { ExportOptions, ExportSource } from '../source.js';
import { Warnings, type TargetExport, type ValidationProblem } from '../target.js';
import { yamlDocuments } from '../yaml-documents.js';
import { RayServeConfigSchema } from './serve-config-schema.js';

/** CONTROL_LOOP_INTERVAL_S of Ray Serve's controller. */
export const RAY_CONTROL_LOOP_S = 0.1;

/** Requests one servetwin replica holds before it sheds load: its queue bound plus a batch per instance. */
export function maxOngoingRequests(source: ExportSource): number {
  const { batching, instances } = source.candidate;
  return (batching.max_queue_size ?? 4 * batching.max_batch_size * instances) + instances * batching.max_batch_size;
}

export function rayAutoscalingConfig(a: RayServeConfig): Record<string, unknown> {
  return {
    min_replicas: a.min_replicas,
    ...(a.initial_replicas !== undefined ? { initial_replicas: a.initial_replicas } : {}),
    max_replicas: a.max_replicas,
    target_ongoing_requests: a.target_ongoing_requests,
    upscale_delay_s: a.upscale_delay_s,
    downscale_delay_s: a.downscale_delay_s,
    ...(a.downscale_to_zero_delay_s !== undefined ? { downscale_to_zero_delay_s: a.downscale_to_zero_delay_s } : {}),
    upscaling_factor: a.upscaling_factor,
    downscaling_factor: a.downscaling_factor,
    look_back_period_s: a.look_back_period_s,
    metrics_interval_s: a.metrics_interval_s,
  };
}

export function exportRayServe(source: ExportSource, options: ExportOptions): TargetExport {
  const warnings = new Warnings('ray-serve');
  const { candidate } = source;
  const b = candidate.batching;
  const problems: ValidationProblem[] = [];
  const file = 'ray-serve/serve-config.yaml';
  const a = candidate.autoscaler;
  warnings.add('profile', 'the twin predicted the latency of `servetwin serve` with its measured overheads; your Python deployment has its own. Profile it and read the figures back with `servetwin calibrate --import` before trusting the prediction');
  commonWarnings(source, warnings);
  if (a && a.kind !== 'ray_serve' && a.kind !== 'fixed') warnings.add('autoscaler', `${a.kind === 'hpa' ? 'an' : 'a'} ${a.kind} autoscaler has no Ray Serve form; ${Math.max(1, fallbackReplicas(candidate))} fixed replica(s) (num_replicas)`);
  if (a?.kind === 'ray_serve' && a.control_loop_s !== RAY_CONTROL_LOOP_S) warnings.add('autoscaler.control_loop_s', `${a.control_loop_s} s is the Serve controller's loop (RAY_SERVE_CONTROL_LOOP_INTERVAL_S, 0.1 s), set for the whole cluster, not in this file`);
  if (candidate.router !== 'power_of_two') warnings.add('router', `Ray Serve routes by power of two choices (its default request router), not ${candidate.router}`);
  if ((candidate.intra_op_threads ?? 1) !== 1) warnings.add('intra_op_threads', `${candidate.intra_op_threads} intra-op threads: set onnxruntime's SessionOptions.intra_op_num_threads in your deployment's code`);
  if (b.preferred_batch_sizes) warnings.add('batching.preferred_batch_sizes', '@serve.batch has no preferred batch sizes: it runs whatever has gathered when the batch is full or the wait is over');
  if (b.queue_timeout_ms !== undefined) warnings.add('batching.queue_timeout_ms', 'Ray Serve has no per-request queue timeout (http_options.request_timeout_s bounds the whole request)');
  warnings.add('batching.max_queue_size', `max_ongoing_requests ${maxOngoingRequests(source)} is what one servetwin replica holds (queue + a batch per instance); beyond it Ray queues requests at the proxy (max_queued_requests -1) instead of answering 503`);
  const fixed = fallbackReplicas(candidate);
  if (a?.kind !== 'ray_serve' && fixed === 0) warnings.add('autoscaler.replicas', 'Ray Serve has no num_replicas 0: written as 1 (delete the application to run none)');
  const cpus = candidate.cpus;
  if (cpus !== undefined && !Number.isFinite(cpus)) warnings.add('cpus', '"unlimited" has no Ray form: num_cpus left to Ray\'s default (1)');
  const deployment = {
    name: options.rayDeployment,
    max_ongoing_requests: maxOngoingRequests(source),
    ...(cpus !== undefined && Number.isFinite(cpus) ? { ray_actor_options: { num_cpus: cpus } } : {}),
    user_config: { max_batch_size: b.max_batch_size, batch_wait_timeout_s: b.max_queue_delay_ms / 1000, max_concurrent_batches: candidate.instances },
    ...(a?.kind === 'ray_serve' ? { autoscaling_config: rayAutoscalingConfig(a) } : { num_replicas: Math.max(1, fixed) }),
  };
  const config = {
    proxy_location: 'EveryNode',
    http_options: { host: '0.0.0.0', port: 8000 },
    applications: [{ name: source.modelName, route_prefix: '/', import_path: options.rayImportPath, deployments: [deployment] }],
  };
  const parsed = RayServeConfigSchema.safeParse(config);
  if (!parsed.success) for (const line of describeIssues(parsed.error.issues, config)) problems.push({ file, path: line.slice(0, line.indexOf(':')), message: line.slice(line.indexOf(':') + 2) });
  if (!/^[A-Za-z_][\w.]*:[A-Za-z_]\w*$/.test(options.rayImportPath)) throw new InputError(`--import-path: expected module:application, got ${JSON.stringify(options.rayImportPath)}`, { source: '--import-path' });
  const yaml = yamlDocuments([
    {
      comment: [
        `servetwin export of candidate ${candidate.name} (from ${source.from}) for Ray Serve: \`serve deploy serve-config.yaml\`.`,
        `Ray runs YOUR Python application (${options.rayImportPath}), not servetwin's engine: these settings override its deployment ${options.rayDeployment}.`,
        'user_config carries the batching the twin simulated; batching.py shows the @serve.batch handler that applies it.',
        '@serve.batch counts requests, servetwin counts items: they agree for one item per request.',
      ],
      value: config,
    },
  ]);
  return { target: 'ray-serve', files: [{ path: file, content: yaml }, { path: 'ray-serve/batching.py', content: batchingSnippet(source, options) }], warnings: warnings.list, problems };
}

function batchingSnippet(source: ExportSource, options: ExportOptions): string {
  const b = source.candidate.batching;
  return `# servetwin export of candidate ${source.candidate.name}: the batching the twin simulated, in Ray Serve's terms.
# @serve.batch lives in your code; serve-config.yaml's user_config carries the same numbers, applied in
# reconfigure, so a new serve config changes them without a new image.
from typing import List

from ray import serve


@serve.deployment
class ${options.rayDeployment}:
    @serve.batch(max_batch_size=${b.max_batch_size}, batch_wait_timeout_s=${b.max_queue_delay_ms / 1000}, max_concurrent_batches=${source.candidate.instances})
    async def __call__(self, requests: List) -> List:
        ...  # one forward pass over the whole batch; one result per request, in order

    def reconfigure(self, user_config: dict) -> None:
        self.__call__.set_max_batch_size(user_config["max_batch_size"])
        self.__call__.set_batch_wait_timeout_s(user_config["batch_wait_timeout_s"])


app = ${options.rayDeployment}.bind()
`;
}
