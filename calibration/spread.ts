// Says when a calibration's figures are too uncertain to plan on, and how long to measure for a
// tighter answer. Every figure with a 95 % interval is checked: a factor (a slowdown, compute_scale)
// is wide when its half-width is over 5 % of it; a time per request or per batch (ms) when its
// half-width is over 5 % of it and over 2 % of the smallest batch's forward pass (below that it
// moves no service time that matters). A half-width shrinks as 1/√(time measured) when the blocks
// are independent, so the time that would bring the widest figure within bounds is
// current × (half-width / allowed)². Called by cli/commands/calibrate.ts and start.
import type { Ci95 } from '../config/profile-cpu.js';
import type { MeasuredProfile } from '../config/profile.js';

/** The widest half-width a figure may have, as a fraction of the figure. */
export const WIDE_SHARE = 0.05;
/** … and, for a time in ms, as a fraction of the smallest batch's forward pass. */
export const WIDE_MS_FLOOR_SHARE = 0.02;

/** How a measurement was run: its duration and the flag that sets it. */
export interface MeasuredFor {
  durationS: number;
  flag: string;
}

export interface SpreadSettings {
  contention?: MeasuredFor;
  httpPath?: MeasuredFor;
  servingOverhead?: MeasuredFor;
}

interface Figure {
  label: string;
  estimate: number;
  ci95: Ci95;
  /** ms figures have a floor; factors do not. */
  ms: boolean;
}

const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : Math.abs(x) >= 0.1 ? x.toFixed(3) : x.toPrecision(3));

/** The factor by which the measuring time must grow for every figure to be within bounds (1 when they are). */
function growthNeeded(figures: Figure[], floorMs: number): { growth: number; wide: Figure[] } {
  let growth = 1;
  const wide: Figure[] = [];
  for (const f of figures) {
    const half = (f.ci95[1] - f.ci95[0]) / 2;
    const allowed = Math.max(WIDE_SHARE * Math.abs(f.estimate), f.ms ? floorMs : 0);
    if (half <= allowed) continue;
    wide.push(f);
    growth = allowed > 0 ? Math.max(growth, (half / allowed) ** 2) : Number.POSITIVE_INFINITY;
  }
  return { growth, wide };
}

function warning(what: string, figures: Figure[], floorMs: number, run: MeasuredFor): string | null {
  const { growth, wide } = growthNeeded(figures, floorMs);
  if (wide.length === 0) return null;
  const listed = wide
    .map((f) => {
      const half = (f.ci95[1] - f.ci95[0]) / 2;
      const share = f.estimate === 0 ? '' : `, ±${((100 * half) / Math.abs(f.estimate)).toFixed(0)} %`;
      return `${f.label} ${fmt(f.estimate)} [${fmt(f.ci95[0])}, ${fmt(f.ci95[1])}]${share}`;
    })
    .join('; ');
  const longer = Number.isFinite(growth) ? `measure for about ${Math.ceil(run.durationS * growth)} s (${run.flag} ${Math.ceil(run.durationS * growth)}, now ${run.durationS})` : `measure longer (${run.flag})`;
  return `${what}: the 95 % interval is wide for ${listed}. For ±${100 * WIDE_SHARE} %, ${longer}; if other work was running, first try again on a quiet machine`;
}

/** One warning per measurement whose spread is wide; none when every figure is tight. */
export function spreadWarnings(profile: MeasuredProfile, settings: SpreadSettings): string[] {
  const floorMs = WIDE_MS_FLOOR_SHARE * profile.batches[0]!.mean_ms;
  const out: (string | null)[] = [];
  if (profile.contention && settings.contention) {
    const c = profile.contention;
    const figures = c.points.slice(1).map((p) => ({ label: `slowdown at busy ${p.busy}`, estimate: p.slowdown, ci95: p.ci95, ms: false }));
    out.push(warning(`contention (batch ${c.batch_size})`, figures, floorMs, settings.contention));
  }
  if (profile.http_path && settings.httpPath) {
    const figures = (['binary', 'json'] as const).flatMap((format) => {
      const h = profile.http_path![format];
      return [
        { label: `${format} ingress CPU ms`, estimate: h.ingress_cpu_ms, ci95: h.ci95_ingress, ms: true },
        { label: `${format} egress CPU ms`, estimate: h.egress_cpu_ms, ci95: h.ci95_egress, ms: true },
      ];
    });
    out.push(warning('HTTP path', figures, floorMs, settings.httpPath));
  }
  const o = profile.serving_overhead;
  if (o?.ci95 && settings.servingOverhead) {
    const mid = (ci: Ci95) => (ci[0] + ci[1]) / 2; // the intervals are symmetric around their estimate
    const figures: Figure[] = [];
    const { ingress_mean_ms, egress_mean_ms, per_batch_ms, compute_scale, deferred_ms } = o.ci95;
    if (ingress_mean_ms) figures.push({ label: 'ingress mean ms', estimate: mid(ingress_mean_ms), ci95: ingress_mean_ms, ms: true });
    if (egress_mean_ms) figures.push({ label: 'egress mean ms', estimate: mid(egress_mean_ms), ci95: egress_mean_ms, ms: true });
    if (per_batch_ms) figures.push({ label: 'per_batch_ms', estimate: o.per_batch_ms, ci95: per_batch_ms, ms: true });
    if (deferred_ms) figures.push({ label: 'deferred_ms', estimate: o.deferred_ms, ci95: deferred_ms, ms: true });
    if (compute_scale) figures.push({ label: 'compute_scale', estimate: o.compute_scale, ci95: compute_scale, ms: false });
    out.push(warning('serving overhead', figures, floorMs, settings.servingOverhead));
  }
  return out.filter((w): w is string => w !== null);
}
