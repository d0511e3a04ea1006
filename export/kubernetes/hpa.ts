// The simulated HPA (config/autoscaler.ts, kind hpa) as an autoscaling/v2 HorizontalPodAutoscaler
// spec, and back. The simulated metric has no exact Kubernetes twin: instance busy share is not CPU
// utilisation, and in-flight or queued requests per replica are custom metrics. So the default is a
// Pods metric on the engine's own gauge, served to the HPA by the Prometheus Adapter with the
// averaging window the twin assumed (adapterRulesFor); `cpu` trades that for a CPU target with
// the approximation stated; `keda` puts the same query in a KEDA ScaledObject (export/kubernetes/keda.ts).
import { InputError } from '../../common/errors.js';
import type { HpaConfig } from '../../config/autoscaler.js';
import { ImportedCandidate, importError, numberQuantity, parseQuantity } from '../imported.js';
import type { HpaMetricsSource } from '../source.js';
import type { Warnings } from '../target.js';

/** Kubernetes' defaults where an HPA is silent (kube-controller-manager flags and API defaults). */
export const HPA_DEFAULTS = { tolerance: 0.1, sync_period_s: 15, downscale_stabilization_s: 300, metric_window_s: 15, min_replicas: 1 } as const;

/** The engine's gauge each simulated metric reads (engine/metrics.ts, docs/serve.md). */
export const POD_METRIC = {
  utilization: 'servetwin_instances_busy',
  in_flight_per_replica: 'servetwin_inflight_requests',
  queue_per_replica: 'nv_inference_pending_request_count',
} as const;

type Metric = HpaConfig['metric'];
type Rules = NonNullable<HpaConfig['behavior']>['scale_up'] | NonNullable<HpaConfig['behavior']>['scale_down'];

/** The per-pod value the metric's target stands for: busy instances for utilization. */
export function perPodTarget(metric: Metric, instances: number): number {
  return metric.type === 'utilization' ? (metric.target_percent / 100) * instances : metric.target_requests;
}

export interface HpaSpecParts {
  minReplicas: number;
  maxReplicas: number;
  metrics: Record<string, unknown>[];
  behavior?: Record<string, unknown>;
  /** Lines for the comment above the HPA: which metric and why. */
  comment: string[];
}

export function hpaSpecFor(hpa: HpaConfig, instances: number, metrics: HpaMetricsSource, warnings: Warnings): HpaSpecParts {
  const comment: string[] = [];
  let metric: Record<string, unknown>;
  if (metrics === 'cpu') {
    if (hpa.metric.type !== 'utilization') {
      throw new InputError(`--hpa-metrics cpu: the candidate's HPA scales on ${hpa.metric.type}, which CPU utilisation cannot stand for; use prometheus-adapter or keda`, { source: '--hpa-metrics' });
    }
    metric = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: hpa.metric.target_percent } } };
    comment.push(
      `Metric: CPU utilisation ${hpa.metric.target_percent} % of the request, standing for the simulated busy share of the instances.`,
      'An approximation: the HTTP thread uses CPU when no instance is busy, and a busy instance uses its intra-op threads,',
      'not the whole request. For the exact metric export with --hpa-metrics prometheus-adapter.',
    );
    warnings.add('autoscaler.metric', `the simulated instance busy share is exported as CPU utilisation ${hpa.metric.target_percent} %: an approximation (the HTTP thread's CPU counts too)`);
    if (hpa.metric_window_s !== HPA_DEFAULTS.metric_window_s) {
      warnings.add('autoscaler.metric_window_s', `${hpa.metric_window_s} s is metrics-server's --metric-resolution, a cluster-wide setting (default 15 s)`);
    }
  } else {
    const name = POD_METRIC[hpa.metric.type];
    metric = { type: 'Pods', pods: { metric: { name }, target: { type: 'AverageValue', averageValue: numberQuantity(perPodTarget(hpa.metric, instances)) } } };
    comment.push(
      `Metric: ${name} per pod (the engine's gauge, averaged over ${hpa.metric_window_s} s), the metric the twin simulated (${hpa.metric.type}).`,
      ...(hpa.metric.type === 'utilization' ? [`Target ${hpa.metric.target_percent} % of ${instances} instance(s) = ${numberQuantity(perPodTarget(hpa.metric, instances))} busy per pod.`] : []),
      metrics === 'keda'
        ? 'KEDA queries Prometheus for it and creates the HPA from this ScaledObject.'
        : 'Served through the Prometheus Adapter: install the rules in prometheus-adapter-rules.yaml. CPU utilisation would only approximate it.',
    );
  }
  if (hpa.tolerance !== HPA_DEFAULTS.tolerance) {
    warnings.add('autoscaler.tolerance', `${hpa.tolerance} is kube-controller-manager's --horizontal-pod-autoscaler-tolerance, which applies to the whole cluster (default 0.1)${hpa.behavior ? '; behavior.*.tolerance sets it per HPA where the HPAConfigurableTolerance gate is on' : ''}`);
  }
  if (hpa.sync_period_s !== HPA_DEFAULTS.sync_period_s) {
    warnings.add('autoscaler.sync_period_s', `${hpa.sync_period_s} s is kube-controller-manager's --horizontal-pod-autoscaler-sync-period, which applies to the whole cluster (default 15 s)`);
  }
  const downscaleFromFlag = hpa.behavior === undefined || hpa.behavior.scale_down.stabilization_window_s === undefined;
  if (downscaleFromFlag && hpa.downscale_stabilization_s !== HPA_DEFAULTS.downscale_stabilization_s) {
    warnings.add(
      'autoscaler.downscale_stabilization_s',
      `${hpa.downscale_stabilization_s} s is kube-controller-manager's --horizontal-pod-autoscaler-downscale-stabilization, which applies to the whole cluster (default 300 s); behavior.scale_down.stabilization_window_s sets it per HPA`,
    );
  }
  return {
    minReplicas: hpa.min_replicas,
    maxReplicas: hpa.max_replicas,
    metrics: [metric],
    ...(hpa.behavior ? { behavior: { scaleUp: rulesFor(hpa.behavior.scale_up), scaleDown: rulesFor(hpa.behavior.scale_down) } } : {}),
    comment,
  };
}

function rulesFor(rules: Rules): Record<string, unknown> {
  return {
    ...(rules.stabilization_window_s !== undefined ? { stabilizationWindowSeconds: rules.stabilization_window_s } : {}),
    selectPolicy: rules.select_policy,
    policies: rules.policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.period_s })),
    ...(rules.tolerance !== undefined ? { tolerance: numberQuantity(rules.tolerance) } : {}),
  };
}

/** prometheus-adapter `rules:` serving each engine gauge as a pods metric averaged over the window. */
export function adapterRulesFor(hpa: HpaConfig): Record<string, unknown> {
  const name = POD_METRIC[hpa.metric.type];
  return {
    rules: [
      {
        seriesQuery: `${name}{namespace!="",pod!=""}`,
        resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
        name: { matches: `^${name}$`, as: name },
        metricsQuery: `sum(avg_over_time(<<.Series>>{<<.LabelMatchers>>}[${hpa.metric_window_s}s])) by (<<.GroupBy>>)`,
      },
    ],
  };
}

// ---- import ------------------------------------------------------------------------------------

/**
 * An autoscaling/v2 HPA spec as the candidate's autoscaler. `instances` turns a busy-instances
 * target back into a percentage. An HPA on a metric servetwin cannot model is an InputError.
 */
export function importHpaSpec(spec: Record<string, unknown>, into: ImportedCandidate, where: (path: string) => string, file: string, label: string, instances: number): void {
  into.read('autoscaler.kind', 'hpa', where('kind'));
  if (spec.minReplicas !== undefined) into.read('autoscaler.min_replicas', spec.minReplicas, where('spec.minReplicas'));
  else into.assume('autoscaler.min_replicas', HPA_DEFAULTS.min_replicas, 'Kubernetes default: minReplicas 1');
  into.read('autoscaler.max_replicas', spec.maxReplicas, where('spec.maxReplicas'));
  const metrics = Array.isArray(spec.metrics) ? (spec.metrics as Record<string, unknown>[]) : [];
  if (metrics.length === 0) {
    into.approximate('autoscaler.metric', { type: 'utilization', target_percent: 80 }, 'Kubernetes default without metrics: CPU utilisation 80 %, read as the instances\' busy share');
  } else if (metrics.length > 1) {
    throw importError(file, `${label}: spec.metrics`, `servetwin's HPA scales on one metric, this one has ${metrics.length} (Kubernetes takes the largest recommendation)`);
  } else {
    importMetric(metrics[0]!, into, where, file, label, instances);
  }
  into.assume('autoscaler.tolerance', HPA_DEFAULTS.tolerance, 'kube-controller-manager --horizontal-pod-autoscaler-tolerance, 0.1 by default (cluster-wide, not in the HPA)');
  into.assume('autoscaler.sync_period_s', HPA_DEFAULTS.sync_period_s, 'kube-controller-manager --horizontal-pod-autoscaler-sync-period, 15 s by default');
  into.assume('autoscaler.downscale_stabilization_s', HPA_DEFAULTS.downscale_stabilization_s, 'kube-controller-manager --horizontal-pod-autoscaler-downscale-stabilization, 300 s by default');
  const behavior = spec.behavior as Record<string, Record<string, unknown> | undefined> | undefined;
  if (behavior === undefined) {
    into.note(`${label}: no spec.behavior, so the legacy rules apply: scale down to the highest recommendation of the last 300 s, scale up at most to max(2 × current, 4) per sync`);
    return;
  }
  for (const [direction, key] of [
    ['scaleUp', 'scale_up'],
    ['scaleDown', 'scale_down'],
  ] as const) {
    const rules = behavior[direction];
    const field = `autoscaler.behavior.${key}`;
    if (rules === undefined) {
      into.assume(field, {}, `Kubernetes default behavior.${direction} (${direction === 'scaleUp' ? '4 pods or 100 % per 15 s, no stabilisation' : '100 % per 15 s, stabilisation from the controller flag (300 s)'})`);
      continue;
    }
    if (rules.stabilizationWindowSeconds !== undefined) into.read(`${field}.stabilization_window_s`, rules.stabilizationWindowSeconds, where(`spec.behavior.${direction}.stabilizationWindowSeconds`));
    else if (direction === 'scaleUp') into.assume(`${field}.stabilization_window_s`, 0, 'Kubernetes default: scaleUp.stabilizationWindowSeconds 0');
    else into.assume('autoscaler.downscale_stabilization_s', HPA_DEFAULTS.downscale_stabilization_s, 'scaleDown.stabilizationWindowSeconds absent: the controller flag, 300 s by default');
    if (rules.selectPolicy !== undefined) into.read(`${field}.select_policy`, rules.selectPolicy, where(`spec.behavior.${direction}.selectPolicy`));
    else into.assume(`${field}.select_policy`, 'Max', 'Kubernetes default: selectPolicy Max');
    if (Array.isArray(rules.policies)) {
      into.read(
        `${field}.policies`,
        (rules.policies as Record<string, unknown>[]).map((p) => ({ type: p.type, value: p.value, period_s: p.periodSeconds })),
        where(`spec.behavior.${direction}.policies`),
      );
    } else {
      into.assume(`${field}.policies`, direction === 'scaleUp' ? [{ type: 'Pods', value: 4, period_s: 15 }, { type: 'Percent', value: 100, period_s: 15 }] : [{ type: 'Percent', value: 100, period_s: 15 }], `Kubernetes default behavior.${direction}.policies`);
    }
    if (rules.tolerance !== undefined) into.read(`${field}.tolerance`, parseQuantity(rules.tolerance) ?? rules.tolerance, where(`spec.behavior.${direction}.tolerance`));
  }
}

function importMetric(metric: Record<string, unknown>, into: ImportedCandidate, where: (path: string) => string, file: string, label: string, instances: number): void {
  const path = `${label}: spec.metrics[0]`;
  if (metric.type === 'Resource') {
    const resource = metric.resource as { name?: string; target?: { type?: string; averageUtilization?: number } } | undefined;
    if (resource?.name !== 'cpu' || resource.target?.type !== 'Utilization' || typeof resource.target.averageUtilization !== 'number') {
      throw importError(file, `${path}.resource`, `servetwin models a Resource metric only as cpu Utilization (the instances' busy share); got ${resource?.name ?? 'no'} ${resource?.target?.type ?? ''}`.trim());
    }
    const percent = Math.min(100, Math.max(1, Math.round(resource.target.averageUtilization)));
    into.approximate(
      'autoscaler.metric',
      { type: 'utilization', target_percent: percent },
      `${where('spec.metrics[0].resource.target.averageUtilization')}: CPU utilisation ${resource.target.averageUtilization} % read as the instances' busy share (an approximation: the HTTP thread's CPU counts in the first, not the second)${percent !== resource.target.averageUtilization ? `, clamped to ${percent} %` : ''}`,
    );
    return;
  }
  if (metric.type === 'Pods') {
    const pods = metric.pods as { metric?: { name?: string }; target?: { type?: string; averageValue?: unknown } } | undefined;
    const name = pods?.metric?.name;
    const value = parseQuantity(pods?.target?.averageValue);
    const type = (Object.keys(POD_METRIC) as (keyof typeof POD_METRIC)[]).find((k) => POD_METRIC[k] === name);
    if (type === undefined || value === undefined) {
      throw importError(file, `${path}.pods`, `servetwin models Pods metrics ${Object.values(POD_METRIC).join(', ')} with an averageValue target; got ${name ?? 'no name'}`);
    }
    const from = where('spec.metrics[0].pods');
    if (type === 'utilization') into.read('autoscaler.metric', { type, target_percent: Math.min(100, Math.max(1, Math.round((value / instances) * 100))) }, `${from}: ${value} busy of ${instances} instance(s)`);
    else into.read('autoscaler.metric', { type, target_requests: value }, from);
    return;
  }
  throw importError(file, `${path}.type`, `servetwin cannot model an HPA on a${metric.type === 'External' ? 'n' : ''} ${String(metric.type)} metric (it simulates CPU-like utilisation, in-flight or queued requests per pod)`);
}
