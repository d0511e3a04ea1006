// The profile each mode predicts with, measured in the run as a user would measure it: `servetwin
// calibrate --serving-overhead` (the forward passes, then the engine's overhead from low-load
// replays; with the mode's pinning flags when pinned), run as the CLI itself so whatever calibrate
// records — a contention curve, the HTTP path's CPU, intervals — reaches the prediction through
// the profile. Batch sizes 1…8: the candidate never batches more.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../common/servetwin-files.js';
import { loadProfile } from '../../config/profile-file.js';
import type { Profile } from '../../config/profile.js';

export const CALIBRATION_BATCH_SIZES = '1,2,3,4,5,6,7,8';

/** Runs `servetwin calibrate --serving-overhead … --out file` with the mode's pinning flags (progress on stderr) and loads what it wrote. */
export async function calibrateInto(file: string, opts: { flags: readonly string[]; overheadDurationS: number; log: (line: string) => void }): Promise<Profile> {
  const { flags, log } = opts;
  const args = [path.join(projectRoot(), 'bin', 'servetwin.js'), 'calibrate', '--serving-overhead', '--overhead-duration-s', String(opts.overheadDurationS), '--batch-sizes', CALIBRATION_BATCH_SIZES, '--out', file, ...flags];
  log(`servetwin ${args.slice(1).join(' ')}`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`servetwin calibrate exited with ${code} (its messages are above)`);
  return loadProfile(file);
}
