// The simulated Knative Pod Autoscaler (config/autoscaler.ts, kind kpa) as the per-revision
// `autoscaling.knative.dev/` annotations and containerConcurrency, plus the keys that exist only
// cluster-wide in config-autoscaler, and back. Knative's defaults where a file is silent are the
// ones config/autoscaler.ts declares (docs/autoscaling.md names their sources). Used by the
// knative and kserve targets (KServe's Serverless mode runs a Knative Service).
import type { KpaConfig } from '../../config/autoscaler.js';
import type { ImportedCandidate } from '../imported.js';
import type { Warnings } from '../target.js';

export const PREFIX = 'autoscaling.knative.dev/';
export const KPA_CLASS = 'kpa.autoscaling.knative.dev';

/** Knative's defaults (config-autoscaler), as config/autoscaler.ts has them. */
export const KPA_DEFAULTS = {
  metric: 'concurrency',
  target_utilization: 0.7,
  stable_window_s: 60,
  panic_window_percentage: 10,
  panic_threshold_percentage: 200,
  max_scale_up_rate: 1000,
  max_scale_down_rate: 2,
  scale_to_zero_grace_period_s: 30,
  scale_to_zero_pod_retention_s: 0,
  scale_down_delay_s: 0,
  min_scale: 0,
  max_scale: 0,
  initial_scale: 1,
  target_burst_capacity: 211,
  tick_s: 2,
  container_concurrency: 0,
} as const;

/** The target Knative scales to per replica before target utilisation: ResolveMetricTarget's total. */
export function kpaTarget(kpa: Pick<KpaConfig, 'metric' | 'target' | 'container_concurrency'>): number {
  if (kpa.metric === 'rps') return kpa.target ?? 200;
  const cc = kpa.container_concurrency;
  if (kpa.target !== undefined) return cc !== 0 ? Math.min(kpa.target, cc) : kpa.target;
  return cc !== 0 ? cc : 100;
}

const seconds = (s: number) => `${s}s`;
const num = (n: number) => String(n);

/** The per-revision annotations, every one written out so a cluster's own defaults cannot change what runs. */
export function kpaAnnotations(kpa: KpaConfig, warnings: Warnings): Record<string, string> {
  const window = Math.round(kpa.stable_window_s);
  if (window !== kpa.stable_window_s) warnings.add('autoscaler.stable_window_s', `Knative takes the window in whole seconds: ${kpa.stable_window_s} s written as ${window} s`);
  return {
    [`${PREFIX}class`]: KPA_CLASS,
    [`${PREFIX}metric`]: kpa.metric,
    [`${PREFIX}target`]: num(kpaTarget(kpa)),
    [`${PREFIX}target-utilization-percentage`]: num(Math.round(kpa.target_utilization * 1000) / 10),
    [`${PREFIX}target-burst-capacity`]: num(kpa.target_burst_capacity),
    [`${PREFIX}window`]: seconds(window),
    [`${PREFIX}panic-window-percentage`]: num(kpa.panic_window_percentage),
    [`${PREFIX}panic-threshold-percentage`]: num(kpa.panic_threshold_percentage),
    [`${PREFIX}min-scale`]: num(kpa.min_scale),
    [`${PREFIX}max-scale`]: num(kpa.max_scale),
    [`${PREFIX}initial-scale`]: num(kpa.initial_scale),
    [`${PREFIX}scale-down-delay`]: seconds(kpa.scale_down_delay_s),
    [`${PREFIX}scale-to-zero-pod-retention-period`]: seconds(kpa.scale_to_zero_pod_retention_s),
  };
}

/**
 * config-autoscaler keys that have no per-revision annotation, where the candidate differs from
 * Knative's defaults (undefined when it does not): a patch of the whole cluster's autoscaler.
 */
export function clusterAutoscalerPatch(kpa: KpaConfig, warnings: Warnings): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  const differs: string[] = [];
  const set = (field: keyof typeof KPA_DEFAULTS, key: string, value: string) => {
    if (kpa[field as keyof KpaConfig] !== KPA_DEFAULTS[field]) {
      data[key] = value;
      differs.push(field);
    }
  };
  set('max_scale_up_rate', 'max-scale-up-rate', num(kpa.max_scale_up_rate));
  set('max_scale_down_rate', 'max-scale-down-rate', num(kpa.max_scale_down_rate));
  set('scale_to_zero_grace_period_s', 'scale-to-zero-grace-period', seconds(kpa.scale_to_zero_grace_period_s));
  set('tick_s', 'tick-interval', seconds(kpa.tick_s));
  for (const field of differs) {
    warnings.add(`autoscaler.${field}`, 'exists only cluster-wide (config-autoscaler in knative-serving): the patch in config-autoscaler-patch.yaml changes it for every revision of the cluster');
  }
  return differs.length > 0 ? data : undefined;
}

/** `60s`, `1m30s`, `1h` → seconds (the Go durations Knative reads); undefined when not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

type Origin = (path: string) => string;

/**
 * A revision's annotations, containerConcurrency and (when given) config-autoscaler data as a KPA
 * candidate autoscaler. `fallbacks` are values a KServe InferenceService gives in its own fields.
 */
export function importKpa(
  into: ImportedCandidate,
  annotations: Record<string, string>,
  annotationsPath: Origin,
  containerConcurrency: { value: number; from: string } | undefined,
  cluster: { data: Record<string, string>; from: Origin } | undefined,
): void {
  into.read('autoscaler.kind', 'kpa', annotationsPath(`${PREFIX}class`));
  const knativeDefault = (what: string) => `Knative default (config-autoscaler ${what})`;
  const fromAnnotation = (field: string, key: string, parse: (v: string) => number | string | undefined, dflt: number | string, what: string) => {
    const raw = annotations[`${PREFIX}${key}`];
    const value = raw === undefined ? undefined : parse(raw);
    if (value !== undefined) into.read(field, value, annotationsPath(`${PREFIX}${key}`));
    else if (cluster?.data[what] !== undefined && parse(cluster.data[what]) !== undefined) into.read(field, parse(cluster.data[what]), cluster.from(`data.${what}`));
    else into.assume(field, dflt, knativeDefault(`${what}: ${dflt}`));
  };
  const number = (v: string) => (Number.isFinite(Number(v)) ? Number(v) : undefined);
  const duration = (v: string) => parseDuration(v);
  const metric = annotations[`${PREFIX}metric`];
  if (metric !== undefined) into.read('autoscaler.metric', metric, annotationsPath(`${PREFIX}metric`));
  else into.assume('autoscaler.metric', 'concurrency', knativeDefault('metric: concurrency'));
  if (containerConcurrency) into.read('autoscaler.container_concurrency', containerConcurrency.value, containerConcurrency.from);
  else into.assume('autoscaler.container_concurrency', 0, 'Knative default containerConcurrency 0 (unlimited)');
  const target = annotations[`${PREFIX}target`];
  if (target !== undefined && number(target) !== undefined) into.read('autoscaler.target', number(target), annotationsPath(`${PREFIX}target`));
  else into.note(`no ${PREFIX}target: the target is containerConcurrency, else config-autoscaler's container-concurrency-target-default (100) or requests-per-second-target-default (200)`);
  const utilization = annotations[`${PREFIX}target-utilization-percentage`] ?? cluster?.data['container-concurrency-target-percentage'];
  if (utilization !== undefined && number(utilization) !== undefined) {
    const pct = number(utilization)!;
    // config-autoscaler also accepts a fraction in (0, 1] for legacy reasons.
    into.read('autoscaler.target_utilization', pct <= 1 ? pct : pct / 100, annotations[`${PREFIX}target-utilization-percentage`] !== undefined ? annotationsPath(`${PREFIX}target-utilization-percentage`) : cluster!.from('data.container-concurrency-target-percentage'));
  } else into.assume('autoscaler.target_utilization', 0.7, knativeDefault('container-concurrency-target-percentage: 70'));
  fromAnnotation('autoscaler.target_burst_capacity', 'target-burst-capacity', number, KPA_DEFAULTS.target_burst_capacity, 'target-burst-capacity');
  fromAnnotation('autoscaler.stable_window_s', 'window', duration, KPA_DEFAULTS.stable_window_s, 'stable-window');
  fromAnnotation('autoscaler.panic_window_percentage', 'panic-window-percentage', number, KPA_DEFAULTS.panic_window_percentage, 'panic-window-percentage');
  fromAnnotation('autoscaler.panic_threshold_percentage', 'panic-threshold-percentage', number, KPA_DEFAULTS.panic_threshold_percentage, 'panic-threshold-percentage');
  fromAnnotation('autoscaler.min_scale', 'min-scale', number, KPA_DEFAULTS.min_scale, 'min-scale');
  fromAnnotation('autoscaler.max_scale', 'max-scale', number, KPA_DEFAULTS.max_scale, 'max-scale');
  fromAnnotation('autoscaler.initial_scale', 'initial-scale', number, KPA_DEFAULTS.initial_scale, 'initial-scale');
  fromAnnotation('autoscaler.scale_down_delay_s', 'scale-down-delay', duration, KPA_DEFAULTS.scale_down_delay_s, 'scale-down-delay');
  fromAnnotation('autoscaler.scale_to_zero_pod_retention_s', 'scale-to-zero-pod-retention-period', duration, KPA_DEFAULTS.scale_to_zero_pod_retention_s, 'scale-to-zero-pod-retention-period');
  // Cluster-wide only: from config-autoscaler when given, else Knative's defaults.
  const clusterOnly = (field: string, key: string, parse: (v: string) => number | undefined, dflt: number) => {
    const raw = cluster?.data[key];
    if (raw !== undefined && parse(raw) !== undefined) into.read(field, parse(raw), cluster!.from(`data.${key}`));
    else into.assume(field, dflt, `${knativeDefault(`${key}: ${dflt}`)}${cluster ? '' : '; pass the cluster\'s config-autoscaler to read it'}`);
  };
  clusterOnly('autoscaler.max_scale_up_rate', 'max-scale-up-rate', number, KPA_DEFAULTS.max_scale_up_rate);
  clusterOnly('autoscaler.max_scale_down_rate', 'max-scale-down-rate', number, KPA_DEFAULTS.max_scale_down_rate);
  clusterOnly('autoscaler.scale_to_zero_grace_period_s', 'scale-to-zero-grace-period', duration, KPA_DEFAULTS.scale_to_zero_grace_period_s);
  clusterOnly('autoscaler.tick_s', 'tick-interval', duration, KPA_DEFAULTS.tick_s);
}

/** The older camel-case annotations (autoscaling.knative.dev/minScale …) under their current names. */
export function normalizeAnnotations(annotations: Record<string, unknown> | undefined): Record<string, string> {
  const legacy: Record<string, string> = { minScale: 'min-scale', maxScale: 'max-scale', initialScale: 'initial-scale', scaleDownDelay: 'scale-down-delay', panicWindowPercentage: 'panic-window-percentage', panicThresholdPercentage: 'panic-threshold-percentage', targetUtilizationPercentage: 'target-utilization-percentage', targetBurstCapacity: 'target-burst-capacity' };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (!key.startsWith(PREFIX)) continue;
    const short = key.slice(PREFIX.length);
    out[`${PREFIX}${legacy[short] ?? short}`] = String(value);
  }
  return out;
}
