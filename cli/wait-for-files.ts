// `merge --wait-s`: waits until every named file exists, so a merge can start with the shards it
// joins (a second Kubernetes Job beside an Indexed Job, on the volume both mount) and begin the
// moment the last one lands. Shards are written whole (cli/write-whole.ts), so a file that exists is
// complete. Polls: a shared volume (NFS and the like) does not deliver file-system events.
import { existsSync } from 'node:fs';

export interface WaitOptions {
  timeoutS: number;
  pollMs?: number;
  /** Told each time the number still missing changes (the merge logs it). */
  onProgress?: (missing: readonly string[]) => void;
}

/** Resolves once every file exists; rejects, naming the missing ones, after timeoutS. */
export async function waitForFiles(files: readonly string[], options: WaitOptions): Promise<void> {
  const deadline = performance.now() + options.timeoutS * 1000;
  const pollMs = options.pollMs ?? 1000;
  let reported = -1;
  for (;;) {
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length === 0) return;
    if (missing.length !== reported) {
      reported = missing.length;
      options.onProgress?.(missing);
    }
    const left = deadline - performance.now();
    if (left <= 0) {
      throw new Error(`--wait-s ${options.timeoutS}: after ${options.timeoutS} s, ${missing.length} of ${files.length} file(s) are still missing: ${missing.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)));
  }
}
