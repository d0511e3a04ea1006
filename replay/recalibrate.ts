// `replay --write-profile`: the scenario's profile with the engine's overhead, measured by this
// replay from each answer's Server-Timing (replay/overhead.ts), stored as its `serving_overhead`,
// so `simulate`, `check` and the sweep predict what the live engine pays, not the bare forward pass.
// The forward-pass samples themselves are kept as calibrated (the live factor is compute_scale).
import type { Profile, ParametricProfile } from '../config/profile.js';
import type { ServingOverhead } from '../config/serving-overhead.js';
import { InputError } from '../common/errors.js';

export function profileWithOverhead(profile: Profile | ParametricProfile, overhead: ServingOverhead): Profile {
  if (profile.kind !== 'measured' && profile.kind !== 'imported') {
    throw new InputError(`--write-profile: the scenario's profile is parametric (${profile.kind}); only a measured or imported profile is written to a file`, { source: '--write-profile' });
  }
  return { ...profile, serving_overhead: overhead };
}
