// The cores this process may actually use, which a profile records as `host.cpus`: the size of
// its affinity set (taskset, a cpuset), or less where a CFS quota caps it (cgroup v2 `cpu.max`,
// v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`; the tightest along the cgroup's ancestry). A quota
// of 150 ms per 100 ms period is 1.5 cores. Parsers are pure and exported for tests; hostCpus()
// reads /proc and /sys, and falls back to Node's count where they are missing (not Linux).
// Called by calibration/host.ts.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface HostCpus {
  /** Cores available: the affinity set's size, or the CFS quota where that is lower. */
  cpus: number;
  /** The affinity list (Cpus_allowed_list), when readable. */
  cpuSet?: number[];
  /** The CFS quota in cores, when one is set. */
  quotaCpus?: number;
}

/** `0-3,8,10-11` → [0, 1, 2, 3, 8, 10, 11]; null when it is not such a list. */
export function parseCpuList(text: string): number[] | null {
  const cpus = new Set<number>();
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return null;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) return null;
    for (let c = lo; c <= hi; c++) cpus.add(c);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** The Cpus_allowed_list line of /proc/<pid>/status. */
export function cpuSetFromStatus(status: string): number[] | null {
  const m = /^Cpus_allowed_list:\s*(\S+)\s*$/m.exec(status);
  return m ? parseCpuList(m[1]!) : null;
}

/** cgroup v2 `cpu.max` ("150000 100000", or "max 100000" for none) → cores, or null. */
export function quotaFromCpuMax(text: string): number | null {
  const [quota, period] = text.trim().split(/\s+/);
  if (quota === undefined || quota === 'max') return null;
  return quotaCores(Number(quota), Number(period ?? 100000));
}

/** cgroup v1 `cpu.cfs_quota_us` (-1 for none) over `cpu.cfs_period_us` → cores, or null. */
export function quotaFromCfs(quotaUs: string, periodUs: string): number | null {
  return quotaCores(Number(quotaUs.trim()), Number(periodUs.trim()));
}

function quotaCores(quota: number, period: number): number | null {
  if (!Number.isFinite(quota) || !Number.isFinite(period) || quota <= 0 || period <= 0) return null;
  return quota / period;
}

/** A controller's cgroup path from /proc/self/cgroup: v2 is the `0::` line, v1 the line listing `controller`. */
export function cgroupPath(procCgroup: string, version: 1 | 2, controller = 'cpu'): string | null {
  for (const line of procCgroup.split('\n')) {
    // hierarchy-id:controllers:path (the path itself may hold a colon)
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const id = line.slice(0, first);
    const controllers = line.slice(first + 1, second);
    const p = line.slice(second + 1).trim();
    if (version === 2 && id === '0' && controllers === '') return p;
    if (version === 1 && controllers.split(',').includes(controller)) return p;
  }
  return null;
}

/** Mount points of the cgroup hierarchies in /proc/self/mountinfo: the v2 one, and the v1 one with `cpu`. */
export function cgroupMounts(mountinfo: string): { v2?: string; v1cpu?: string } {
  const found: { v2?: string; v1cpu?: string } = {};
  for (const line of mountinfo.split('\n')) {
    const [pre, post] = line.split(' - ');
    if (!pre || !post) continue;
    const mountPoint = pre.split(' ')[4];
    const [fstype, , options] = post.split(' ');
    if (!mountPoint) continue;
    if (fstype === 'cgroup2') found.v2 ??= mountPoint;
    if (fstype === 'cgroup' && options?.split(',').includes('cpu')) found.v1cpu ??= mountPoint;
  }
  return found;
}

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/**
 * The tightest quota from the process's cgroup up to the mount's root. Inside a container with its
 * own cgroup namespace the path is `/`, and the mount is the container's own cgroup.
 */
function quotaAlong(mount: string, cgroup: string, readQuota: (dir: string) => number | null): number | null {
  let tightest: number | null = null;
  let dir = cgroup;
  for (;;) {
    const q = readQuota(path.join(mount, dir));
    if (q !== null) tightest = tightest === null ? q : Math.min(tightest, q);
    if (dir === '/' || dir === '' || dir === '.') break;
    dir = path.posix.dirname(dir);
  }
  return tightest;
}

function cfsQuota(): number | null {
  const procCgroup = read('/proc/self/cgroup');
  const mountinfo = read('/proc/self/mountinfo');
  if (procCgroup === null || mountinfo === null) return null;
  const mounts = cgroupMounts(mountinfo);
  const quotas: number[] = [];
  const v2 = cgroupPath(procCgroup, 2);
  if (mounts.v2 && v2 !== null) {
    const q = quotaAlong(mounts.v2, v2, (dir) => {
      const text = read(path.join(dir, 'cpu.max'));
      return text === null ? null : quotaFromCpuMax(text);
    });
    if (q !== null) quotas.push(q);
  }
  const v1 = cgroupPath(procCgroup, 1);
  if (mounts.v1cpu && v1 !== null) {
    const q = quotaAlong(mounts.v1cpu, v1, (dir) => {
      const quota = read(path.join(dir, 'cpu.cfs_quota_us'));
      const period = read(path.join(dir, 'cpu.cfs_period_us'));
      return quota === null || period === null ? null : quotaFromCfs(quota, period);
    });
    if (q !== null) quotas.push(q);
  }
  return quotas.length > 0 ? Math.min(...quotas) : null;
}

/** The cores this process has now (see the module header). */
export function hostCpus(): HostCpus {
  const status = read('/proc/self/status');
  const cpuSet = status === null ? null : cpuSetFromStatus(status);
  const affinity = cpuSet?.length ?? os.availableParallelism();
  const quota = cfsQuota();
  return {
    cpus: quota === null ? affinity : Math.min(affinity, Math.round(quota * 1000) / 1000),
    ...(cpuSet ? { cpuSet } : {}),
    ...(quota === null ? {} : { quotaCpus: quota }),
  };
}
