// Whether and how a pool's replicas share CPUs (host-cpu.ts): the cores each replica has — the
// candidate's `cpus`, else the cores the profile was calibrated on — and the interference the
// calibration measured with several instances busy at once (profile `contention`). A parametric
// profile, `cpus: "unlimited"` or a pool whose threads can never outnumber its cores and whose
// profile measured no interference needs no model: every consumer then has a core of its own,
// exactly as without one. Built by topology.ts for each pool.
import type { ParametricProfile, Profile } from '../../config/profile.js';
import type { CpuModel } from './host-cpu.js';

/** A measured interference curve: slowdown of each busy thread when `threads` are busy, threads ascending from 1. */
export interface Interference {
  threads: readonly number[];
  slowdown: readonly number[];
}

/** The cores a replica of this profile has when the candidate does not say (Infinity: no CPU model). */
export function calibratedCpus(profile: Profile | ParametricProfile): number {
  if (profile.kind !== 'measured') return Number.POSITIVE_INFINITY;
  const host = profile.host as { cores: number; cpus?: number };
  return host.cpus ?? host.cores;
}

/** The profile's interference curve in busy threads (null when it measured none). */
export function interferenceOf(profile: Profile | ParametricProfile): Interference | null {
  const contention = (profile as { contention?: { intra_op_threads: number; points: { busy: number; slowdown: number }[] } }).contention;
  if (contention === undefined || contention.points.length === 0) return null;
  const points = [...contention.points].sort((a, b) => a.busy - b.busy);
  return { threads: points.map((p) => p.busy * contention.intra_op_threads), slowdown: points.map((p) => p.slowdown) };
}

/**
 * The CPU model of a replica with `cpus` cores running `maxThreads` threads at most, or null when
 * none is needed (unlimited cores, or never more threads than cores and no measured interference).
 */
export function cpuModel(cpus: number, interference: Interference | null, calibratedOn: number, maxThreads: number): CpuModel | null {
  if (cpus === Number.POSITIVE_INFINITY) return null;
  if (interference === null && maxThreads <= cpus) return null;
  const h = interferenceFactor(interference, calibratedOn);
  return {
    cpus,
    slowdown: (threads: number) => Math.max(1, threads / cpus) * h(Math.min(threads, cpus)),
  };
}

/**
 * h(m): the measured slowdown with m threads busy, where m is at most the cores the calibration had
 * (beyond them the measurement also holds time-slicing, which max(1, D / c) models). Linear between
 * measured points, the first point's value below it, the last one's above the calibration's cores.
 */
function interferenceFactor(interference: Interference | null, calibratedOn: number): (m: number) => number {
  if (interference === null) return () => 1;
  const xs: number[] = [];
  const ys: number[] = [];
  interference.threads.forEach((t, i) => {
    if (t <= calibratedOn + 1e-9) {
      xs.push(t);
      ys.push(interference.slowdown[i]!);
    }
  });
  if (xs.length === 0) return () => 1;
  return (m: number) => {
    if (m <= xs[0]!) return ys[0]!; // the first point is one busy instance: 1 by definition
    for (let i = 1; i < xs.length; i++) {
      if (m <= xs[i]!) return ys[i - 1]! + ((ys[i]! - ys[i - 1]!) * (m - xs[i - 1]!)) / (xs[i]! - xs[i - 1]!);
    }
    return ys[ys.length - 1]!;
  };
}

/** What decides a pool's CPU model: the cores per replica and what the profile measured of them. */
export interface CpuSettings {
  cpus: number;
  interference: Interference | null;
  calibratedOn: number;
  intraOpThreads: number;
}

/** The CPU settings of a candidate's replicas on `profile`: its `cpus` and `intra_op_threads`, or the profile's. */
export function cpuSettings(profile: Profile | ParametricProfile, cpus: number | undefined, intraOpThreads: number | undefined): CpuSettings {
  const calibratedOn = calibratedCpus(profile);
  return {
    cpus: cpus ?? calibratedOn,
    interference: interferenceOf(profile),
    calibratedOn: calibratedOn === Number.POSITIVE_INFINITY ? (cpus ?? 1) : calibratedOn,
    intraOpThreads: intraOpThreads ?? (profile.kind === 'measured' ? profile.threads.intra_op : 1),
  };
}

/** The most threads a replica keeps busy: its instances' intra-op threads, its HTTP thread, a co-located generator. */
export function maxThreads(instances: number, s: CpuSettings, httpThread: boolean, client: boolean): number {
  return instances * s.intraOpThreads + (httpThread ? 1 : 0) + (client ? 1 : 0);
}
