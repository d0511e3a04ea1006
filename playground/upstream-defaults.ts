// The defaults a knob keeps while the reader leaves it empty, read from the schemas that hold them
// (config/autoscaler.ts names each project's source; config/cost.ts): an autoscaler parsed with
// only what it requires comes back with every default filled in. The page shows them in the
// knobs' boxes ("default 60"), and a scenario leaves such a knob out, so the schema fills the same.
import { AutoscalerSchema, type HpaConfig, type KpaConfig, type RayServeConfig } from '../config/autoscaler.js';
import { CostSchema, type Cost } from '../config/cost.js';

export interface UpstreamDefaults {
  hpa: HpaConfig;
  kpa: KpaConfig;
  ray_serve: RayServeConfig;
  cost: Cost;
}

let cached: UpstreamDefaults | null = null;

export function upstreamDefaults(): UpstreamDefaults {
  cached ??= {
    // max_replicas has no default (the HPA requires it); 1 stands in so the rest parse.
    hpa: AutoscalerSchema.parse({ kind: 'hpa', max_replicas: 1 }) as HpaConfig,
    kpa: AutoscalerSchema.parse({ kind: 'kpa' }) as KpaConfig,
    ray_serve: AutoscalerSchema.parse({ kind: 'ray_serve' }) as RayServeConfig,
    cost: CostSchema.parse({}),
  };
  return cached;
}

/** Knative's per-replica target when none is given: container_concurrency, else 100 requests in flight or 200 requests/s. */
export function kpaDefaultTarget(metric: 'concurrency' | 'rps', containerConcurrency: number): number {
  return metric === 'concurrency' && containerConcurrency > 0 ? containerConcurrency : metric === 'concurrency' ? 100 : 200;
}
