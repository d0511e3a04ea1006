// Shared by the export tests: candidates as export sources (no files), fast-check generators of
// candidates each target can express, and the per-target tables of fields both sides express.
import fc from 'fast-check';
import { CandidateSchema, type Candidate } from '../../config/candidate.js';
import { kpaTarget } from '../../export/knative/kpa-annotations.js';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions, type ExportSource } from '../../export/source.js';
import type { TargetName } from '../../export/target.js';
import { EXPORTERS } from '../../export/targets.js';
import { importDeployment, type ImportedDeployment } from '../../export/import-deployment.js';

export const SESSION_BYTES = 34_877_440; // the reference profile's cold_start.memory_rss_growth_bytes

export function sourceOf(input: Record<string, unknown>, sessionMemoryBytes: number | undefined = SESSION_BYTES): ExportSource {
  const candidate = CandidateSchema.parse(input);
  return { candidate, model: 'ppocr-cls', modelName: 'ppocr-cls', server: {}, sessionMemoryBytes, from: 'test' };
}

export function exportAndImport(target: TargetName, source: ExportSource, options: ExportOptions = DEFAULT_EXPORT_OPTIONS): ImportedDeployment {
  const out = EXPORTERS[target](source, options);
  if (out.problems.length > 0) throw new Error(`${target}: ${JSON.stringify(out.problems)}`);
  return importDeployment(out.files.filter((f) => !f.path.endsWith('.py') && !f.path.includes('prometheus-adapter')).map((f) => ({ file: f.path, text: f.content })));
}

// ---- generators --------------------------------------------------------------------------------

const batching = fc.integer({ min: 1, max: 64 }).chain((mbs) =>
  fc.record({
    max_batch_size: fc.constant(mbs),
    // Whole microseconds (Triton's unit), so every target can carry them exactly.
    max_queue_delay_ms: fc.integer({ min: 0, max: 50_000 }).map((us) => us / 1000),
    preferred_batch_sizes: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: mbs }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    max_queue_size: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
    queue_timeout_ms: fc.option(fc.integer({ min: 1, max: 5_000_000 }).map((us) => us / 1000), { nil: undefined }),
  }),
);

const policy = fc.record({ type: fc.constantFrom('Pods', 'Percent'), value: fc.integer({ min: 1, max: 200 }), period_s: fc.integer({ min: 1, max: 1800 }) });
const rules = (down: boolean) =>
  fc.record(
    {
      stabilization_window_s: down ? fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined }) : fc.integer({ min: 0, max: 3600 }),
      select_policy: fc.constantFrom('Max', 'Min', 'Disabled'),
      policies: fc.array(policy, { minLength: 1, maxLength: 3 }),
      tolerance: fc.option(fc.integer({ min: 0, max: 50 }).map((t) => t / 100), { nil: undefined }),
    },
    { requiredKeys: ['select_policy', 'policies'] },
  );

export const hpa = fc.integer({ min: 1, max: 20 }).chain((min) =>
  fc.record(
    {
      kind: fc.constant('hpa'),
      min_replicas: fc.constant(min),
      max_replicas: fc.integer({ min, max: 40 }),
      metric: fc.oneof(
        fc.record({ type: fc.constant('utilization'), target_percent: fc.integer({ min: 1, max: 100 }) }),
        fc.record({ type: fc.constantFrom('in_flight_per_replica', 'queue_per_replica'), target_requests: fc.integer({ min: 1, max: 400 }).map((v) => v / 4) }),
      ),
      behavior: fc.option(fc.record({ scale_up: rules(false), scale_down: rules(true) }), { nil: undefined }),
    },
    { requiredKeys: ['kind', 'min_replicas', 'max_replicas', 'metric'] },
  ),
);

export const kpa = fc.integer({ min: 0, max: 10 }).chain((min) =>
  fc.record(
    {
      kind: fc.constant('kpa'),
      metric: fc.constantFrom('concurrency', 'rps'),
      target: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
      container_concurrency: fc.integer({ min: 0, max: 100 }),
      target_utilization: fc.integer({ min: 10, max: 100 }).map((p) => p / 100),
      stable_window_s: fc.integer({ min: 6, max: 3600 }),
      panic_window_percentage: fc.integer({ min: 1, max: 100 }),
      panic_threshold_percentage: fc.integer({ min: 110, max: 1000 }),
      max_scale_up_rate: fc.constantFrom(1000, 2, 10),
      max_scale_down_rate: fc.constantFrom(2, 4),
      scale_to_zero_grace_period_s: fc.constantFrom(30, 60),
      scale_to_zero_pod_retention_s: fc.integer({ min: 0, max: 600 }),
      scale_down_delay_s: fc.integer({ min: 0, max: 3600 }),
      min_scale: fc.constant(min),
      max_scale: fc.oneof(fc.constant(0), fc.integer({ min: Math.max(min, 1), max: 50 })),
      target_burst_capacity: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 500 })),
      tick_s: fc.constantFrom(2, 1),
    },
    { requiredKeys: ['kind', 'min_scale', 'max_scale'] },
  ).map((k) => ({ ...k, initial_scale: k.max_scale === 0 ? Math.max(1, min) : Math.min(Math.max(1, min), k.max_scale) })),
);

export const rayServe = fc.integer({ min: 0, max: 5 }).chain((min) =>
  fc.record(
    {
      kind: fc.constant('ray_serve'),
      min_replicas: fc.constant(min),
      max_replicas: fc.integer({ min: Math.max(1, min), max: 50 }),
      target_ongoing_requests: fc.integer({ min: 1, max: 100 }),
      upscale_delay_s: fc.integer({ min: 0, max: 600 }),
      downscale_delay_s: fc.integer({ min: 0, max: 1200 }),
      downscale_to_zero_delay_s: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
      upscaling_factor: fc.integer({ min: 1, max: 20 }).map((f) => f / 10),
      downscaling_factor: fc.integer({ min: 1, max: 20 }).map((f) => f / 10),
      look_back_period_s: fc.integer({ min: 1, max: 120 }),
      metrics_interval_s: fc.integer({ min: 1, max: 30 }),
    },
    { requiredKeys: ['kind', 'min_replicas', 'max_replicas'] },
  ),
);

/** Candidates with any autoscaler (the property that every export validates). */
export function candidateWith(autoscaler: fc.Arbitrary<Record<string, unknown> | undefined>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      name: fc.constant('c'),
      replicas: fc.integer({ min: 1, max: 8 }),
      instances: fc.integer({ min: 1, max: 4 }),
      intra_op_threads: fc.integer({ min: 1, max: 4 }),
      cpus: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 100, max: 8000 }).map((m) => `${m}m`), fc.constant('unlimited')),
      router: fc.constantFrom('round_robin', 'least_outstanding', 'power_of_two', 'random'),
      batching,
      autoscaler,
    },
    { requiredKeys: ['name', 'replicas', 'instances', 'intra_op_threads', 'router', 'batching', 'autoscaler'] },
  );
}

export const anyAutoscaler = fc.oneof(fc.constant(undefined), hpa, kpa, rayServe, fc.record({ kind: fc.constant('fixed'), replicas: fc.integer({ min: 0, max: 5 }) }));

// ---- the fields both sides express, per target ---------------------------------------------------

type Field = [string, (c: Candidate) => unknown];
const f = (path: string): Field => [path, (c) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], c)];
const BATCHING: Field[] = ['max_batch_size', 'max_queue_delay_ms', 'preferred_batch_sizes', 'max_queue_size', 'queue_timeout_ms'].map((k) => f(`batching.${k}`));
const POD: Field[] = [f('instances'), f('intra_op_threads'), ...BATCHING];
const KPA: Field[] = [
  ...['metric', 'container_concurrency', 'target_utilization', 'stable_window_s', 'panic_window_percentage', 'panic_threshold_percentage', 'max_scale_up_rate', 'max_scale_down_rate', 'scale_to_zero_grace_period_s', 'scale_to_zero_pod_retention_s', 'scale_down_delay_s', 'min_scale', 'max_scale', 'initial_scale', 'target_burst_capacity', 'tick_s'].map((k) => f(`autoscaler.${k}`)),
  ['autoscaler.target (the total Knative resolves)', (c) => (c.autoscaler?.kind === 'kpa' ? kpaTarget(c.autoscaler) : undefined)],
];

export const EXPRESSED: Record<TargetName, { fields: Field[]; candidates: fc.Arbitrary<Record<string, unknown>> }> = {
  kubernetes: {
    fields: [
      ...POD,
      ['cpus', (c) => c.cpus],
      ...['kind', 'min_replicas', 'max_replicas', 'metric', 'behavior'].map((k) => f(`autoscaler.${k}`)),
      ['autoscaler.initial_replicas (min_replicas when absent)', (c) => (c.autoscaler?.kind === 'hpa' ? (c.autoscaler.initial_replicas ?? c.autoscaler.min_replicas) : undefined)],
      ['replicas (without an autoscaler)', (c) => (c.autoscaler ? undefined : c.replicas)],
    ],
    candidates: candidateWith(fc.oneof(fc.constant(undefined), hpa)).map((c) => ({ ...c, cpus: typeof c.cpus === 'string' && c.cpus !== 'unlimited' ? c.cpus : 2 })),
  },
  knative: { fields: [...POD, ['cpus', (c) => c.cpus], ...KPA], candidates: candidateWith(kpa).map((c) => ({ ...c, cpus: 2 })) },
  kserve: { fields: [...POD, ['cpus', (c) => c.cpus], ...KPA], candidates: candidateWith(kpa).map((c) => ({ ...c, cpus: 2 })) },
  triton: { fields: POD, candidates: candidateWith(fc.constant(undefined)) },
  'ray-serve': {
    fields: [
      f('instances'),
      f('batching.max_batch_size'),
      f('batching.max_queue_delay_ms'),
      ['batching.max_queue_size (as max_ongoing_requests)', (c) => c.batching.max_queue_size],
      ['cpus', (c) => c.cpus],
      ...['kind', 'min_replicas', 'max_replicas', 'initial_replicas', 'target_ongoing_requests', 'upscale_delay_s', 'downscale_delay_s', 'downscale_to_zero_delay_s', 'upscaling_factor', 'downscaling_factor', 'look_back_period_s', 'metrics_interval_s'].map((k) => f(`autoscaler.${k}`)),
    ],
    candidates: candidateWith(rayServe).map((c) => ({ ...c, cpus: 2 })),
  },
};
