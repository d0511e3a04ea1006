// The calibration's spread, for the close-call test of a recommendation (planner/margin.ts): the
// profile with every figure that records a 95 % confidence interval moved to the end of it that
// slows serving down — the serving overhead's means (`serving_overhead.ci95`), the contention
// curve's slowdowns (`contention.points[].ci95`) and the HTTP path's CPU (`http_path.*.ci95_*`).
// Profiles without intervals have no such variant (null). Read structurally: the intervals are
// optional fields of servetwin.profile/v2, and older profiles lack them.
import { delayMeanMs, type Delay } from '../config/delay.js';
import type { ParametricProfile, Profile } from '../config/profile.js';

type Interval = [number, number];
type Loose = Record<string, unknown>;

const isInterval = (x: unknown): x is Interval => Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === 'number' && Number.isFinite(v));


/** The same shape of distribution with every time multiplied by `f`. */
export function scaleDelay(d: Delay, f: number): Delay {
  switch (d.kind) {
    case 'constant':
      return { ...d, ms: d.ms * f };
    case 'exponential':
    case 'lognormal':
      return { ...d, mean_ms: d.mean_ms * f };
    case 'uniform':
      return { ...d, min_ms: d.min_ms * f, max_ms: d.max_ms * f };
    case 'empirical':
      return { ...d, quantiles_ms: d.quantiles_ms.map((v) => v * f) };
  }
}

/** True when the profile records a confidence interval on any figure the simulator uses. */
export function hasCalibrationIntervals(profile: Profile | ParametricProfile): boolean {
  return pessimisticProfile(profile) !== null;
}

/** The profile at the slow end of its 95 % intervals, or null when it records none. */
export function pessimisticProfile(profile: Profile | ParametricProfile): Profile | ParametricProfile | null {
  const p = profile as unknown as Loose;
  let changed = false;
  const out: Loose = { ...p };

  const overhead = p.serving_overhead as Loose | undefined;
  const ci = overhead?.ci95 as Loose | undefined;
  if (overhead && ci) {
    const o: Loose = { ...overhead };
    for (const key of ['compute_scale', 'per_batch_ms', 'deferred_ms']) {
      const iv = ci[key];
      if (isInterval(iv) && typeof o[key] === 'number' && iv[1] > (o[key] as number)) {
        o[key] = iv[1];
        changed = true;
      }
    }
    for (const [delayKey, ciKey] of [
      ['ingress_ms', 'ingress_mean_ms'],
      ['egress_ms', 'egress_mean_ms'],
    ] as const) {
      const iv = ci[ciKey];
      const d = o[delayKey] as Delay | undefined;
      if (!isInterval(iv) || !d) continue;
      const mean = delayMeanMs(d);
      if (mean > 0 && iv[1] > mean) {
        o[delayKey] = scaleDelay(d, iv[1] / mean);
        changed = true;
      }
    }
    out.serving_overhead = o;
  }

  const contention = p.contention as Loose | undefined;
  if (contention && Array.isArray(contention.points)) {
    const points = (contention.points as Loose[]).map((pt) => {
      const iv = pt.ci95;
      const slowdown = pt.slowdown as number;
      if (!isInterval(iv) || !(iv[1] > slowdown) || pt.busy === 1) return pt;
      changed = true;
      return { ...pt, slowdown: iv[1], forward_pass_ms: ((pt.forward_pass_ms as number) * iv[1]) / slowdown };
    });
    out.contention = { ...contention, points };
  }

  const httpPath = p.http_path as Record<string, Loose> | undefined;
  if (httpPath) {
    const h: Record<string, Loose> = {};
    for (const [format, figures] of Object.entries(httpPath)) {
      const f: Loose = { ...figures };
      for (const [key, ciKey] of [
        ['ingress_cpu_ms', 'ci95_ingress'],
        ['egress_cpu_ms', 'ci95_egress'],
      ] as const) {
        const iv = f[ciKey];
        if (isInterval(iv) && typeof f[key] === 'number' && iv[1] > (f[key] as number)) {
          f[key] = iv[1];
          changed = true;
        }
      }
      h[format] = f;
    }
    out.http_path = h;
  }
  return changed ? (out as unknown as Profile | ParametricProfile) : null;
}
