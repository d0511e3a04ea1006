// Parses `check --tolerance p99=0.1,throughput=5%,p50=off` into the list of baseline checks to run:
// the defaults of regression/metrics.ts, with each named metric's tolerance replaced (or `off`).
// Bad entries are InputErrors naming the flag, the entry and what was expected (CLI exit 2).
import { InputError } from '../common/errors.js';
import { CHECK_METRICS, metricNamed, type CheckMetric } from './metrics.js';

export interface Tolerance {
  metric: CheckMetric;
  /** Largest regression allowed: a fraction (0.1 = 10 % relative, or 10 points for rates). */
  tolerance: number;
}

const FLAG = '--tolerance';

/** `values`: the flag's occurrences, each a comma-separated list of metric=value. */
export function parseTolerances(values: readonly string[] = []): Tolerance[] {
  const chosen = new Map<string, number | null>(CHECK_METRICS.map((m) => [m.name, m.defaultTolerance]));
  for (const entry of values.flatMap((v) => v.split(',')).map((e) => e.trim())) {
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq).trim();
    const raw = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (eq < 0 || raw === '') {
      throw new InputError(`${FLAG}: expected metric=value (e.g. p99=0.1 or p99=10%), got ${JSON.stringify(entry)}`, { source: FLAG, found: entry });
    }
    if (!metricNamed(name)) {
      throw new InputError(`${FLAG}: expected a metric among ${CHECK_METRICS.map((m) => m.name).join(', ')}, got ${JSON.stringify(name)}`, {
        source: FLAG,
        found: name,
      });
    }
    chosen.set(name, parseValue(raw, entry));
  }
  return CHECK_METRICS.flatMap((metric) => {
    const tolerance = chosen.get(metric.name);
    return tolerance === null || tolerance === undefined ? [] : [{ metric, tolerance }];
  });
}

function parseValue(raw: string, entry: string): number | null {
  if (raw === 'off' || raw === 'none') return null;
  const percent = raw.endsWith('%');
  const text = percent ? raw.slice(0, -1).trim() : raw;
  const value = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) / (percent ? 100 : 1) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new InputError(`${FLAG}: expected a non-negative fraction (0.1), a percentage (10%) or off in ${JSON.stringify(entry)}, got ${JSON.stringify(raw)}`, {
      source: FLAG,
      found: raw,
    });
  }
  return value;
}
