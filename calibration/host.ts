// Describes the machine a profile was measured on (CPU model, cores, the cores this process could
// use, OS, Node, onnxruntime), so a profile read later says where its numbers came from, and a
// short tag (`cpu-2core`) for file names. The usable cores come from calibration/host-cpus.ts.
import os from 'node:os';
import { ortVersion } from '../engine/ort-session.js';
import type { ProfileHost } from '../config/profile.js';
import { hostCpus } from './host-cpus.js';

export function describeHost(): ProfileHost {
  const cpus = os.cpus();
  const usable = hostCpus();
  return {
    cpu_model: cpus[0]?.model.trim() || 'unknown CPU',
    // The machine's count; what the calibration could use is `cpus` (affinity, quota).
    cores: Math.max(1, cpus.length, Math.ceil(usable.cpus)),
    cpus: usable.cpus,
    ...(usable.cpuSet ? { cpu_set: usable.cpuSet } : {}),
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    onnxruntime: ortVersion(),
    hostname: os.hostname(),
  };
}

/** `cpu-2core`: enough to tell profiles from different machines apart in a folder listing. */
export function hostTag(host: ProfileHost): string {
  return `cpu-${host.cores}core`;
}
