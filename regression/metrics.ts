// The figures `servetwin check` can hold a candidate to against a stored baseline result: where each
// is read in a servetwin.result/v1 candidate, which direction is worse, and whether its tolerance is
// a relative change (latencies, throughput) or an absolute one (rates that live near 0 or 1).
// Used by regression/tolerance.ts (parsing --tolerance) and regression/check.ts (comparing).
import type { CandidateResult, LatencyStats } from '../config/result.js';

/** The part of a servetwin.result/v1 candidate (config/result.ts) that checks read. */
export type CheckedCandidate = Pick<CandidateResult, 'name' | 'throughput_rps' | 'slo_attainment'> & {
  latency_ms: Pick<LatencyStats, 'mean' | 'p50' | 'p90' | 'p99' | 'p999'>;
  requests: Pick<CandidateResult['requests'], 'arrived' | 'dropped'>;
};

export interface CheckMetric {
  name: string;
  description: string;
  unit: 'ms' | 'rps' | 'fraction';
  /** 'higher': a rise is a regression (latency); 'lower': a fall is (throughput). */
  worse: 'higher' | 'lower';
  /** 'relative': tolerance on (current − baseline) / baseline; 'absolute': on current − baseline. */
  change: 'relative' | 'absolute';
  /** Tolerance used when --tolerance does not name the metric; null: not checked unless named. */
  defaultTolerance: number | null;
  read(c: CheckedCandidate): number;
}

const latency = (name: 'mean' | 'p50' | 'p90' | 'p99' | 'p999', defaultTolerance: number | null): CheckMetric => ({
  name,
  description: `${name === 'mean' ? 'mean' : name} end-to-end latency`,
  unit: 'ms',
  worse: 'higher',
  change: 'relative',
  defaultTolerance,
  read: (c) => c.latency_ms[name],
});

export const CHECK_METRICS: readonly CheckMetric[] = [
  latency('p50', 0.05),
  latency('p90', null),
  latency('p99', 0.1),
  latency('p999', null),
  latency('mean', null),
  {
    name: 'throughput',
    description: 'completed requests per second',
    unit: 'rps',
    worse: 'lower',
    change: 'relative',
    defaultTolerance: 0.05,
    read: (c) => c.throughput_rps,
  },
  {
    name: 'slo_attainment',
    description: 'share of requests within the SLO latency',
    unit: 'fraction',
    worse: 'lower',
    change: 'absolute',
    defaultTolerance: 0.01,
    read: (c) => c.slo_attainment,
  },
  {
    name: 'drop_rate',
    description: 'share of requests dropped (queue full, timeout)',
    unit: 'fraction',
    worse: 'higher',
    change: 'absolute',
    defaultTolerance: 0.01,
    read: (c) => (c.requests.arrived > 0 ? c.requests.dropped / c.requests.arrived : 0),
  },
];

export function metricNamed(name: string): CheckMetric | undefined {
  return CHECK_METRICS.find((m) => m.name === name);
}

/**
 * How much worse `current` is than `baseline`, in the metric's own terms (relative or absolute):
 * positive is a regression, negative an improvement. A relative change from a baseline of 0 is 0
 * when nothing changed and ±Infinity otherwise.
 */
export function regression(metric: CheckMetric, current: number, baseline: number): number {
  const diff = metric.worse === 'higher' ? current - baseline : baseline - current;
  if (metric.change === 'absolute') return diff;
  if (baseline === 0) return diff === 0 ? 0 : diff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return diff / Math.abs(baseline);
}

/** A value in the metric's unit, for messages and tables. */
export function formatValue(metric: CheckMetric, value: number): string {
  switch (metric.unit) {
    case 'ms':
      return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
    case 'rps':
      return `${value.toFixed(1)} rps`;
    case 'fraction':
      return `${(value * 100).toFixed(2)}%`;
  }
}

/** A change (as regression() returns it, sign flipped to read as "up/down"), for messages. */
export function formatChange(metric: CheckMetric, current: number, baseline: number): string {
  const diff = current - baseline;
  if (metric.change === 'absolute') return `${diff >= 0 ? '+' : '−'}${(Math.abs(diff) * 100).toFixed(2)} points`;
  if (baseline === 0) return diff === 0 ? '±0%' : 'from 0';
  const rel = diff / Math.abs(baseline);
  return `${rel >= 0 ? '+' : '−'}${(Math.abs(rel) * 100).toFixed(1)}%`;
}

export function formatTolerance(metric: CheckMetric, tolerance: number): string {
  return metric.change === 'absolute' ? `${(tolerance * 100).toFixed(2)} points` : `${+(tolerance * 100).toFixed(2)}%`;
}
