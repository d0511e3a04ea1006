// `import` of a Ray Serve config file: one deployment's replicas or autoscaling_config, its CPUs, and
// the batching its user_config carries (the convention export --to ray-serve writes; without it the
// batching is in code and unknown). Ray's defaults where the file is silent are listed.
import { describeIssues } from '../../config/validate.js';
import { ImportedCandidate, importError } from '../imported.js';
import { RayServeConfigSchema, type RayDeployment } from './serve-config-schema.js';

const RAY_DEFAULT_MAX_ONGOING = 5;

export function importRayServe(file: string, value: unknown, into: ImportedCandidate): void {
  const parsed = RayServeConfigSchema.safeParse(value);
  if (!parsed.success) {
    const first = describeIssues(parsed.error.issues, value)[0] ?? 'invalid';
    throw importError(file, first.slice(0, first.indexOf(':')), first.slice(first.indexOf(':') + 2));
  }
  const all = parsed.data.applications.flatMap((app, a) => app.deployments.map((d, i) => ({ d, path: `applications[${a}].deployments[${i}]` })));
  if (all.length === 0) throw importError(file, 'applications[0].deployments', 'no deployment to import: its settings live in code, which servetwin cannot read');
  const chosen = all.find((x) => x.d.autoscaling_config != null || x.d.num_replicas != null) ?? all[0]!;
  if (all.length > 1) into.note(`${file}: ${all.length} deployments; imported ${chosen.d.name} (${chosen.path})`);
  importDeployment(chosen.d, (p) => `${file}: ${chosen.path}.${p}`, into);
}

function importDeployment(d: RayDeployment, at: (path: string) => string, into: ImportedCandidate): void {
  into.read('name', d.name, at('name'));
  const user = (d.user_config ?? {}) as Record<string, unknown>;
  if (typeof user.max_batch_size === 'number') {
    into.read('batching.max_batch_size', user.max_batch_size, at('user_config.max_batch_size'));
    into.read('batching.max_queue_delay_ms', Number(user.batch_wait_timeout_s ?? 0) * 1000, at('user_config.batch_wait_timeout_s'));
    into.read('instances', Number(user.max_concurrent_batches ?? 1), at('user_config.max_concurrent_batches'));
  } else {
    into.note(`${at('user_config')}: no max_batch_size, so the @serve.batch settings are in code: no batching (max_batch_size 1) and 1 instance assumed`);
    into.assume('batching.max_batch_size', 1, 'unknown batching: 1, no batching, assumed');
    into.assume('instances', 1, 'one request handler per replica');
  }
  const mbs = into.fields.batching && typeof (into.fields.batching as Record<string, unknown>).max_batch_size === 'number' ? ((into.fields.batching as Record<string, unknown>).max_batch_size as number) : 1;
  const instances = typeof into.fields.instances === 'number' ? into.fields.instances : 1;
  const ongoing = d.max_ongoing_requests ?? RAY_DEFAULT_MAX_ONGOING;
  into.approximate('batching.max_queue_size', Math.max(1, ongoing - instances * mbs), `${d.max_ongoing_requests !== undefined ? at('max_ongoing_requests') : `Ray default max_ongoing_requests ${RAY_DEFAULT_MAX_ONGOING}`}: ${ongoing} in flight per replica less a batch per instance (Ray queues the rest at the proxy rather than shedding)`);
  const cpus = d.ray_actor_options?.num_cpus;
  if (cpus !== undefined && cpus > 0) into.read('cpus', cpus, at('ray_actor_options.num_cpus'));
  else into.assume('cpus', 1, 'Ray Serve default: each replica reserves 1 CPU (num_cpus)');
  into.assume('router', 'power_of_two', 'Ray Serve\'s default request router: power of two choices');
  const a = d.autoscaling_config;
  if (a == null) {
    if (d.num_replicas === 'auto') throw importError(at('num_replicas').split(': ')[0]!, at('num_replicas').split(': ').slice(1).join(': '), '"auto" hands the settings to Ray\'s defaults of the day; write an autoscaling_config to import it');
    if (typeof d.num_replicas === 'number') into.read('replicas', d.num_replicas, at('num_replicas'));
    else into.assume('replicas', 1, 'Ray Serve default: num_replicas 1');
    return;
  }
  const field = (name: keyof typeof a & string, to: string, dflt: unknown, why: string) => {
    const v = a[name];
    if (v != null) into.read(`autoscaler.${to}`, v, at(`autoscaling_config.${name}`));
    else into.assume(`autoscaler.${to}`, dflt, why);
  };
  into.read('autoscaler.kind', 'ray_serve', at('autoscaling_config'));
  field('min_replicas', 'min_replicas', 1, 'Ray default min_replicas 1');
  field('max_replicas', 'max_replicas', 1, 'Ray default max_replicas 1');
  if (a.initial_replicas != null) into.read('autoscaler.initial_replicas', a.initial_replicas, at('autoscaling_config.initial_replicas'));
  field('target_ongoing_requests', 'target_ongoing_requests', 2, 'Ray default target_ongoing_requests 2');
  field('upscale_delay_s', 'upscale_delay_s', 30, 'Ray default upscale_delay_s 30');
  field('downscale_delay_s', 'downscale_delay_s', 600, 'Ray default downscale_delay_s 600');
  if (a.downscale_to_zero_delay_s != null) into.read('autoscaler.downscale_to_zero_delay_s', a.downscale_to_zero_delay_s, at('autoscaling_config.downscale_to_zero_delay_s'));
  // Ray takes upscaling_factor, else the deprecated upscale_smoothing_factor, else smoothing_factor (1.0).
  const up = a.upscaling_factor ?? a.upscale_smoothing_factor;
  const down = a.downscaling_factor ?? a.downscale_smoothing_factor;
  if (up != null) into.read('autoscaler.upscaling_factor', up, at(a.upscaling_factor != null ? 'autoscaling_config.upscaling_factor' : 'autoscaling_config.upscale_smoothing_factor'));
  else into.assume('autoscaler.upscaling_factor', a.smoothing_factor, `Ray: upscaling_factor unset, smoothing_factor ${a.smoothing_factor} applies`);
  if (down != null) into.read('autoscaler.downscaling_factor', down, at(a.downscaling_factor != null ? 'autoscaling_config.downscaling_factor' : 'autoscaling_config.downscale_smoothing_factor'));
  else into.assume('autoscaler.downscaling_factor', a.smoothing_factor, `Ray: downscaling_factor unset, smoothing_factor ${a.smoothing_factor} applies`);
  field('look_back_period_s', 'look_back_period_s', 30, 'Ray default look_back_period_s 30');
  field('metrics_interval_s', 'metrics_interval_s', 10, 'Ray default metrics_interval_s 10');
  into.assume('autoscaler.control_loop_s', 0.1, 'Ray Serve controller loop, 0.1 s (RAY_SERVE_CONTROL_LOOP_INTERVAL_S)');
  into.assume('replicas', 1, 'unused with an autoscaler (it sets the count)');
}
