// Keeping the load generator off the engine's cores (`replay --serve`, `calibrate`): parses and
// checks --engine-cpus / --generator-cpus against the cores this process may use, starts the engine
// under `taskset -c LIST` (a launch prefix; replay/ never hears of taskset) and moves this process,
// every thread, with `taskset -a -cp LIST PID` (threads started later inherit it). Linux CPU affinity
// only: elsewhere, or without taskset, an InputError says what to do instead. Also the cores an
// unpinned engine may use (affinity, less under a CFS quota). Used by cli/commands/replay.ts and
// cli/commands/calibrate.ts.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { InputError } from '../common/errors.js';
import { formatCpuList, parseCpuList } from '../common/cpu-list.js';
import type { ReplayCores } from '../replay/run-replay.js';

export const ENGINE_FLAG = '--engine-cpus';
export const GENERATOR_FLAG = '--generator-cpus';
const UNPINNED = `leave ${ENGINE_FLAG} and ${GENERATOR_FLAG} out to run unpinned (the generator then counts in the prediction as a consumer of the engine's cores)`;

/** What pinning depends on, read once (injected in tests). */
export interface HostFacts {
  platform: NodeJS.Platform;
  /** The cores this process may run on (its affinity), ascending. */
  allowed: number[];
  /** The taskset executable, or null when it is not on PATH. */
  taskset: string | null;
  /** Cores a CFS quota allows this cgroup (1.5 for cpu.max "150000 100000"), or null without one. */
  quota: number | null;
}

export interface CpuPinning {
  engine: number[];
  generator: number[];
  taskset: string;
}

/** A core list flag ("1", "0-1", "0,2") → ascending core numbers; anything else (a repeated flag too) is an InputError naming `flag`. */
export function parseCpuFlag(value: unknown, flag: string): number[] {
  if (Array.isArray(value)) throw new InputError(`${flag}: expected one list of cores, got the flag ${value.length} times`, { source: flag });
  const text = String(value);
  const cpus = parseCpuList(text);
  if (cpus === null || cpus.length === 0) {
    throw new InputError(`${flag}: expected a list of cores such as 1, 0-1 or 0,2 (core numbers from 0, ranges low-high), got ${JSON.stringify(text)}`, { source: flag, found: text });
  }
  return cpus;
}

/**
 * The engine's and the generator's cores, checked: each a subset of the cores this process may use,
 * the two disjoint, taskset present. One flag alone gives the other side the remaining cores.
 * Null when neither flag is given (unpinned).
 */
export function resolvePinning(flags: { engineCpus?: unknown; generatorCpus?: unknown }, host: HostFacts = hostFacts()): CpuPinning | null {
  if (flags.engineCpus === undefined && flags.generatorCpus === undefined) return null;
  const flag = flags.engineCpus !== undefined ? ENGINE_FLAG : GENERATOR_FLAG;
  const engineGiven = flags.engineCpus === undefined ? null : parseCpuFlag(flags.engineCpus, ENGINE_FLAG);
  const generatorGiven = flags.generatorCpus === undefined ? null : parseCpuFlag(flags.generatorCpus, GENERATOR_FLAG);
  if (host.platform !== 'linux') {
    throw new InputError(`${flag}: pinning needs Linux CPU affinity, which ${host.platform} does not offer: ${UNPINNED}`, { source: flag });
  }
  const allowed = formatCpuList(host.allowed);
  for (const [cpus, name] of [
    [engineGiven, ENGINE_FLAG],
    [generatorGiven, GENERATOR_FLAG],
  ] as const) {
    if (cpus === null) continue;
    if (cpus.length > host.allowed.length) {
      throw new InputError(`${name}: asks for ${cpus.length} cores (${formatCpuList(cpus)}), but this process may use only ${host.allowed.length} (${allowed}): ask for fewer`, { source: name });
    }
    const foreign = cpus.filter((c) => !host.allowed.includes(c));
    if (foreign.length > 0) {
      throw new InputError(`${name}: core${foreign.length > 1 ? 's' : ''} ${formatCpuList(foreign)} ${foreign.length > 1 ? 'are' : 'is'} not among the cores this process may use (${allowed})`, { source: name });
    }
  }
  const rest = (taken: number[]) => host.allowed.filter((c) => !taken.includes(c));
  const engine = engineGiven ?? rest(generatorGiven!);
  const generator = generatorGiven ?? rest(engineGiven!);
  if (engine.length === 0 || generator.length === 0) {
    const [full, empty] = engine.length === 0 ? [GENERATOR_FLAG, ENGINE_FLAG] : [ENGINE_FLAG, GENERATOR_FLAG];
    throw new InputError(`${full}: takes every core this process may use (${allowed}), leaving none for ${empty}: give it fewer, or give both flags`, { source: full });
  }
  const shared = engine.filter((c) => generator.includes(c));
  if (shared.length > 0) {
    throw new InputError(`${GENERATOR_FLAG}: core${shared.length > 1 ? 's' : ''} ${formatCpuList(shared)} ${shared.length > 1 ? 'are' : 'is'} also in ${ENGINE_FLAG} (${formatCpuList(engine)}): give the generator other cores`, {
      source: GENERATOR_FLAG,
    });
  }
  if (host.taskset === null) throw new InputError(`${flag}: taskset is not installed: install util-linux, or ${UNPINNED}`, { source: flag });
  return { engine, generator, taskset: host.taskset };
}

/** The argv prefix that starts a program on `cpus`. */
export function launchPrefix(pinning: CpuPinning, cpus: readonly number[]): string[] {
  return [pinning.taskset, '-c', formatCpuList(cpus)];
}

/** Moves this process and every thread it has onto `cpus` (new threads inherit it); an InputError naming `flag` when the OS refuses. */
export function pinThisProcess(pinning: CpuPinning, cpus: readonly number[], flag: string): void {
  try {
    execFileSync(pinning.taskset, ['-a', '-cp', formatCpuList(cpus), String(process.pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const why = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim();
    throw new InputError(`${flag}: could not pin this process to cores ${formatCpuList(cpus)} (${why}): this host does not let it set CPU affinity; ${UNPINNED}`, { source: flag });
  }
}

/**
 * Where a replay's engines and generator run. Pinned: the engine cores are split evenly among the
 * replicas when they divide (each engine process its own share, as a pod has), else shared by all.
 * Unpinned: every engine and the generator share this process's cores. `cpus` (per replica, what
 * the prediction gives the candidate) is a list's size, less when a CFS quota allows fewer.
 */
export function replayCores(pinning: CpuPinning | null, replicas: number, host: HostFacts = hostFacts()): ReplayCores {
  const quota = (n: number) => (host.quota !== null && host.quota < n ? host.quota : n);
  if (!pinning) {
    return { pinned: false, engines: [host.allowed], generator: host.allowed, cpus: quota(host.allowed.length), launchPrefix: () => [] };
  }
  const each = pinning.engine.length % replicas === 0 ? pinning.engine.length / replicas : 0;
  const engines = each > 0 ? Array.from({ length: replicas }, (_, i) => pinning.engine.slice(i * each, (i + 1) * each)) : [pinning.engine];
  return { pinned: true, engines, generator: pinning.generator, cpus: quota(engines[0]!.length), launchPrefix: (cpus) => launchPrefix(pinning, cpus) };
}

export function hostFacts(): HostFacts {
  return { platform: process.platform, allowed: allowedCpus(), taskset: findOnPath('taskset'), quota: cpuQuota() };
}

/** This process's affinity from /proc/self/status, else cores 0…n−1 (n = os.availableParallelism()). */
export function allowedCpus(): number[] {
  try {
    const m = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
    const cpus = m ? parseCpuList(m[1]!) : null;
    if (cpus && cpus.length > 0) return cpus;
  } catch {
    // not Linux, or no /proc: fall through
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}

/** The CFS quota as cores: cgroup v2 cpu.max, else v1 cpu.cfs_quota_us / cpu.cfs_period_us; null without a limit. */
function cpuQuota(): number | null {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return null;
    }
  };
  const v2 = read('/sys/fs/cgroup/cpu.max')?.split(/\s+/);
  if (v2 && v2[0] !== 'max' && Number(v2[0]) > 0 && Number(v2[1]) > 0) return Number(v2[0]) / Number(v2[1]);
  const quota = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'));
  const period = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us'));
  return quota > 0 && period > 0 ? quota / period : null;
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}
