// `replay --write-profile`: re-calibration from live traffic. The engine's /metrics give the mean
// forward-pass time per batch and the batch sizes over the replay; the scenario's profile says
// what those batches should have cost. Their ratio rescales every sample of the profile, keeping
// its shape across batch sizes and its spread, so the next simulation uses what the engine really
// paid under this load. One factor for all sizes: the engine does not break compute down by batch
// size, so a size-by-size re-fit is not possible from its metrics.
import type { Profile, ParametricProfile } from '../config/profile.js';
import { InputError } from '../common/errors.js';
import { liveComputeScale, transformProfile } from './overhead.js';
import type { ServerFigures } from './server-metrics.js';

export interface Recalibrated {
  profile: Profile;
  computeScale: number;
}

export function recalibrateProfile(profile: Profile | ParametricProfile, server: ServerFigures | null, label: string, now = new Date()): Recalibrated {
  if (!server || server.batches === 0) {
    throw new Error('--write-profile: the server reported no batches over the replay (no /metrics?), so there is nothing to re-calibrate from');
  }
  if (profile.kind !== 'measured' && profile.kind !== 'imported') {
    throw new InputError(`--write-profile: the scenario's profile is parametric (${profile.kind}); re-calibration rescales a measured or imported profile`, { source: '--write-profile' });
  }
  const computeScale = liveComputeScale(profile, server);
  const scaled = transformProfile(profile, computeScale, 0);
  // Provenance: the time of the re-calibration, and how the samples came about in the seed field
  // (free text in the profile format) — the host is this machine, as for the original measurement.
  const out: Profile =
    scaled.kind === 'measured'
      ? { ...scaled, measured_at: now.toISOString(), settings: { ...scaled.settings, seed: `${label}: samples of the profile × ${computeScale.toFixed(4)} (live forward-pass time over profiled)` } }
      : { ...scaled, imported_at: now.toISOString(), host: `${scaled.host}; ${label}: samples × ${computeScale.toFixed(4)}` };
  return { profile: out, computeScale };
}
