// The cores a calibration had: the affinity list and CFS quotas as the kernel writes them
// (parsers on hand-made /proc and /sys text), and a real run of `servetwin calibrate` under
// `taskset -c 0`, whose profile must say it had one cpu, cpu 0.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { cgroupMounts, cgroupPath, cpuSetFromStatus, hostCpus, parseCpuList, quotaFromCfs, quotaFromCpuMax } from '../../calibration/host-cpus.js';
import { ProfileSchema } from '../../config/profile.js';

describe('host cpus', () => {
  it('reads an affinity list', () => {
    expect(parseCpuList('0-3,8,10-11')).toEqual([0, 1, 2, 3, 8, 10, 11]);
    expect(parseCpuList('5')).toEqual([5]);
    expect(parseCpuList('3-1')).toBeNull();
    expect(parseCpuList('a-b')).toBeNull();
    expect(cpuSetFromStatus('Name:\tnode\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed:\t1\n')).toEqual([0, 1]);
    expect(cpuSetFromStatus('Name:\tnode\n')).toBeNull();
  });

  it('reads a CFS quota in cores (cgroup v2 and v1), and none when unlimited', () => {
    expect(quotaFromCpuMax('150000 100000\n')).toBe(1.5);
    expect(quotaFromCpuMax('max 100000\n')).toBeNull();
    expect(quotaFromCpuMax('50000 200000')).toBe(0.25);
    expect(quotaFromCfs('-1\n', '100000\n')).toBeNull();
    expect(quotaFromCfs('250000\n', '100000\n')).toBe(2.5);
  });

  it('finds the process’s cgroup and the hierarchies’ mount points', () => {
    const procCgroup = '12:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n0::/system.slice/x.service\n';
    expect(cgroupPath(procCgroup, 1)).toBe('/docker/abc');
    expect(cgroupPath(procCgroup, 2)).toBe('/system.slice/x.service');
    expect(cgroupPath('4:memory:/a\n', 1)).toBeNull();
    const mountinfo = [
      '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
      '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct',
      '34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset',
      '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
    ].join('\n');
    expect(cgroupMounts(mountinfo)).toEqual({ v2: '/sys/fs/cgroup/unified', v1cpu: '/sys/fs/cgroup/cpu,cpuacct' });
  });

  it('on this machine: no more cores than Node sees, and the affinity list when Linux gives one', () => {
    const h = hostCpus();
    expect(h.cpus).toBeGreaterThan(0);
    expect(h.cpus).toBeLessThanOrEqual(os.availableParallelism());
    if (process.platform === 'linux') expect(h.cpuSet?.length).toBe(os.availableParallelism());
  });

  const taskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  it.skipIf(!taskset)('a calibration under taskset -c 0 records one cpu, cpu 0, beside the machine’s cores', () => {
    const r = spawnSync(
      'taskset',
      ['-c', '0', process.execPath, 'bin/servetwin.js', 'calibrate', '--batch-sizes', '1', '--iterations', '2', '--warmup', '0', '--no-contention', '--no-http-path', '--json'],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const profile = ProfileSchema.parse(JSON.parse(r.stdout));
    if (profile.kind !== 'measured') throw new Error('expected a measured profile');
    expect(profile.schema).toBe('servetwin.profile/v2');
    expect(profile.host.cpus).toBe(1);
    expect(profile.host.cpu_set).toEqual([0]);
    expect(profile.host.cores).toBe(os.cpus().length);
    expect(profile.contention).toBeUndefined();
    expect(profile.http_path).toBeUndefined();
  });
});
