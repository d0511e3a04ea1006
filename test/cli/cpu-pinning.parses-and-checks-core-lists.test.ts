// The pinning module on its own: core lists in the kernel's format both ways, and every way a pair
// of --engine-cpus / --generator-cpus can be wrong on a given host (an InputError naming the flag,
// with what to do instead), checked against made-up hosts so the answers do not depend on this
// machine; then how a replay's engines share the engine cores among replicas.
import { describe, expect, it } from 'vitest';
import { formatCpuList, parseCpuList } from '../../common/cpu-list.js';
import { InputError } from '../../common/errors.js';
import { launchPrefix, parseCpuFlag, replayCores, resolvePinning, type HostFacts } from '../../cli/cpu-pinning.js';

const host = (over: Partial<HostFacts> = {}): HostFacts => ({ platform: 'linux', allowed: [0, 1], taskset: '/usr/bin/taskset', quota: null, ...over });

function refused(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('core lists', () => {
  it('reads single cores, ranges and mixtures, and writes them back compactly', () => {
    expect(parseCpuList('1')).toEqual([1]);
    expect(parseCpuList('0-1')).toEqual([0, 1]);
    expect(parseCpuList('0,2')).toEqual([0, 2]);
    expect(parseCpuList('4-6, 0,2,5')).toEqual([0, 2, 4, 5, 6]);
    expect(formatCpuList([0, 1, 2, 5, 7, 8])).toBe('0-2,5,7-8');
    expect(formatCpuList(parseCpuList('3,0-1')!)).toBe('0-1,3');
    for (const bad of ['', 'a', '1-', '-1', '2-1', '1.5', '0;1', '1,,2']) expect(parseCpuList(bad), bad).toBeNull();
  });

  it('names the flag when a list is not one', () => {
    const e = refused(() => parseCpuFlag('two', '--engine-cpus'));
    expect(e.message).toBe('--engine-cpus: expected a list of cores such as 1, 0-1 or 0,2 (core numbers from 0, ranges low-high), got "two"');
    expect(refused(() => parseCpuFlag(['0', '1'], '--generator-cpus')).message).toMatch(/^--generator-cpus: expected one list of cores, got the flag 2 times/);
  });
});

describe('resolvePinning', () => {
  it('is off when neither flag is given', () => {
    expect(resolvePinning({}, host())).toBeNull();
  });

  it('pins disjoint sets, and gives one side the rest when only the other is named', () => {
    expect(resolvePinning({ engineCpus: '1', generatorCpus: '0' }, host())).toEqual({ engine: [1], generator: [0], taskset: '/usr/bin/taskset' });
    expect(resolvePinning({ engineCpus: '1-3' }, host({ allowed: [0, 1, 2, 3] }))).toMatchObject({ engine: [1, 2, 3], generator: [0] });
    expect(resolvePinning({ generatorCpus: '3' }, host({ allowed: [0, 1, 2, 3] }))).toMatchObject({ engine: [0, 1, 2], generator: [3] });
  });

  it('refuses more cores than the host lets this process use, and cores outside its set', () => {
    expect(refused(() => resolvePinning({ engineCpus: '0-3', generatorCpus: '0' }, host())).message).toBe(
      '--engine-cpus: asks for 4 cores (0-3), but this process may use only 2 (0-1): ask for fewer',
    );
    expect(refused(() => resolvePinning({ engineCpus: '1', generatorCpus: '5' }, host())).message).toBe('--generator-cpus: core 5 is not among the cores this process may use (0-1)');
    expect(refused(() => resolvePinning({ engineCpus: '2,6' }, host({ allowed: [0, 1, 4, 5] }))).message).toBe(
      '--engine-cpus: cores 2,6 are not among the cores this process may use (0-1,4-5)',
    );
  });

  it('refuses overlapping sets, and a side left without cores', () => {
    expect(refused(() => resolvePinning({ engineCpus: '0-1', generatorCpus: '1' }, host())).message).toBe(
      '--generator-cpus: core 1 is also in --engine-cpus (0-1): give the generator other cores',
    );
    expect(refused(() => resolvePinning({ engineCpus: '0-1' }, host())).message).toBe(
      '--engine-cpus: takes every core this process may use (0-1), leaving none for --generator-cpus: give it fewer, or give both flags',
    );
  });

  it('says what to do instead where pinning is impossible', () => {
    expect(refused(() => resolvePinning({ engineCpus: '1' }, host({ taskset: null }))).message).toMatch(
      /^--engine-cpus: taskset is not installed: install util-linux, or leave --engine-cpus and --generator-cpus out to run unpinned/,
    );
    expect(refused(() => resolvePinning({ generatorCpus: '0' }, host({ platform: 'darwin' }))).message).toMatch(
      /^--generator-cpus: pinning needs Linux CPU affinity, which darwin does not offer: leave --engine-cpus and --generator-cpus out to run unpinned/,
    );
  });
});

describe('replayCores', () => {
  const pinning = { engine: [1, 2, 3, 4], generator: [0], taskset: '/usr/bin/taskset' };

  it('gives each replica its share of the engine cores when they divide evenly', () => {
    const c = replayCores(pinning, 2, host({ allowed: [0, 1, 2, 3, 4] }));
    expect(c).toMatchObject({ pinned: true, engines: [[1, 2], [3, 4]], generator: [0], cpus: 2 });
    expect(c.launchPrefix([3, 4])).toEqual(['/usr/bin/taskset', '-c', '3-4']);
    expect(launchPrefix(pinning, [1])).toEqual(['/usr/bin/taskset', '-c', '1']);
  });

  it('lets replicas share the engine cores when they do not divide, and unpinned engines share everything', () => {
    expect(replayCores(pinning, 3, host({ allowed: [0, 1, 2, 3, 4] }))).toMatchObject({ engines: [[1, 2, 3, 4]], cpus: 4 });
    const unpinned = replayCores(null, 1, host());
    expect(unpinned).toMatchObject({ pinned: false, engines: [[0, 1]], generator: [0, 1], cpus: 2 });
    expect(unpinned.launchPrefix([0, 1])).toEqual([]);
  });

  it('counts a CPU quota below the cores', () => {
    expect(replayCores(null, 1, host({ quota: 1.5 })).cpus).toBe(1.5);
    expect(replayCores(null, 1, host({ quota: 8 })).cpus).toBe(2);
  });
});
