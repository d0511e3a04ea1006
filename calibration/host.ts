// Describes the machine a profile was measured on (CPU model, cores, OS, Node, onnxruntime), so a
// profile read later says where its numbers came from, and a short tag (`cpu-2core`) for file names.
import os from 'node:os';
import { ortVersion } from '../engine/ort-session.js';
import type { ProfileHost } from '../config/profile.js';

export function describeHost(): ProfileHost {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model.trim() || 'unknown CPU',
    cores: os.availableParallelism(),
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
