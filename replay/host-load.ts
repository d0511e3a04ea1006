// How busy the machine was while a replay measured: CPU cores used by everything (/proc/stat), by
// the replay process itself (generator and clock thread) and, when replay started them, by the
// engines (/proc/PID/stat) — the rest is other people's work, which on a shared machine is the
// largest source of noise in a latency measurement. Also the cores a process may run on (its
// affinity, /proc/PID/status). Linux only; null elsewhere. Used by replay/run-replay.ts.
import { readFileSync } from 'node:fs';
import { parseCpuList } from '../common/cpu-list.js';

const HZ = 100; // USER_HZ: /proc reports CPU time in 1/100 s on every Linux architecture

interface Snapshot {
  atMs: number;
  busyS: number;
  selfS: number;
  engineS: number | null;
}

export interface HostLoad {
  /** Wall time between the snapshots, s. */
  seconds: number;
  /** Cores busy on the whole machine, on average. */
  busy_cores: number;
  /** Cores used by the replay process (load generator). */
  replay_cores: number;
  /** Cores used by the engines, when replay started them (--serve); null otherwise. */
  engine_cores: number | null;
  /** Everything else: other processes (and the engine, when it is not replay's own). */
  other_cores: number;
}

function jiffiesOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / HZ;
  } catch {
    return null;
  }
}

/** The cores process `pid` may run on, as the kernel reports them (null where it cannot be read). */
export function affinityOf(pid: number | undefined): number[] | null {
  if (pid === undefined) return null;
  try {
    const m = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? parseCpuList(m[1]!) : null;
  } catch {
    return null;
  }
}

/** Engines' CPU time summed (null when any cannot be read). */
function jiffiesOfAll(pids: readonly (number | undefined)[]): number | null {
  let sum = 0;
  for (const pid of pids) {
    const s = pid === undefined ? null : jiffiesOf(pid);
    if (s === null) return null;
    sum += s;
  }
  return sum;
}

export function snapshot(enginePids: readonly (number | undefined)[] = []): Snapshot | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    const idle = cpu[3]! + (cpu[4] ?? 0);
    const self = process.cpuUsage();
    return { atMs: performance.now(), busyS: (total - idle) / HZ, selfS: (self.user + self.system) / 1e6, engineS: enginePids.length === 0 ? null : jiffiesOfAll(enginePids) };
  } catch {
    return null;
  }
}

export function hostLoad(a: Snapshot | null, b: Snapshot | null): HostLoad | null {
  if (!a || !b || b.atMs <= a.atMs) return null;
  const seconds = (b.atMs - a.atMs) / 1000;
  const busy = (b.busyS - a.busyS) / seconds;
  const replay = (b.selfS - a.selfS) / seconds;
  const engine = a.engineS !== null && b.engineS !== null ? (b.engineS - a.engineS) / seconds : null;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    seconds: round(seconds),
    busy_cores: round(busy),
    replay_cores: round(replay),
    engine_cores: engine === null ? null : round(engine),
    other_cores: round(Math.max(0, busy - replay - (engine ?? 0))),
  };
}
