// The two ways the figure is measured (issue #8 item 3): pinned — the engine on core 1, this
// process (the load generator) on core 0, as `--engine-cpus 1 --generator-cpus 0` does — and
// unpinned, the default a user runs first, where the generator shares the engine's cores and its
// measured CPU enters the prediction. Both go through the CLI's own pinning (cli/cpu-pinning.ts).
// `enter()` moves this process to the mode's cores (back to all of them when unpinned) before its
// replays; calibration runs as a child of an unpinned process, so its own flags can pin it.
import { allowedCpus, ENGINE_FLAG, GENERATOR_FLAG, hostFacts, pinThisProcess, replayCores, resolvePinning } from '../../cli/cpu-pinning.js';
import { errorMessage } from '../../common/errors.js';
import type { ReplayCores } from '../../replay/run-replay.js';

export const PINNED_ENGINE_CPUS = '1';
export const PINNED_GENERATOR_CPUS = '0';

export interface Mode {
  name: 'pinned' | 'unpinned';
  /** Moves this process (the generator, every thread) to the mode's cores. */
  enter(): void;
  /** Where a candidate's engines and the generator run (runReplay's `cores`). */
  cores(candidate: { replicas: number }): ReplayCores;
  /** The pinning flags for `servetwin calibrate` / `replay`. */
  flags: string[];
}

/** The modes this host allows (pinned needs Linux affinity, taskset and cores 0 and 1), and why one is missing. */
export function fidelityModes(): { modes: Mode[]; skipped: string[] } {
  const allowed = allowedCpus();
  const host = hostFacts();
  let movedAway = false;
  const unpinned: Mode = {
    name: 'unpinned',
    enter() {
      if (!movedAway || host.taskset === null) return;
      pinThisProcess({ engine: allowed, generator: allowed, taskset: host.taskset }, allowed, GENERATOR_FLAG);
      movedAway = false;
    },
    cores: (candidate) => replayCores(null, candidate.replicas),
    flags: [],
  };
  try {
    const pinning = resolvePinning({ engineCpus: PINNED_ENGINE_CPUS, generatorCpus: PINNED_GENERATOR_CPUS }, host)!;
    const pinned: Mode = {
      name: 'pinned',
      enter() {
        pinThisProcess(pinning, pinning.generator, GENERATOR_FLAG);
        movedAway = true;
      },
      cores: (candidate) => replayCores(pinning, candidate.replicas),
      flags: [ENGINE_FLAG, PINNED_ENGINE_CPUS, GENERATOR_FLAG, PINNED_GENERATOR_CPUS],
    };
    return { modes: [pinned, unpinned], skipped: [] };
  } catch (err) {
    return { modes: [unpinned], skipped: [`pinned: ${errorMessage(err)}`] };
  }
}
