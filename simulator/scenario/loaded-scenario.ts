// What the simulator runs: a validated scenario with what its files hold (profiles, a trace). Made
// from files by load-scenario.ts, or from data already in memory (the browser playground); declared
// here, away from the file system, so code that reads no file can name it.
import type { Scenario } from '../../config/scenario.js';
import type { ParametricProfile, Profile } from '../../config/profile.js';
import type { TraceData } from './traffic/trace.js';

/** A validated scenario with what its files hold, ready to simulate without touching the disk. */
export interface LoadedScenario {
  scenario: Scenario;
  /** The scenario file as named by the user, or null when built in memory. */
  file: string | null;
  profile: Profile | ParametricProfile;
  /** `inline` or the profile file as written in the scenario. */
  profileSource: string;
  trace?: TraceData;
  /** Profiles of edge tiers given as `edge.profile: { file }`, by the file as written in the scenario. */
  profiles?: Record<string, Profile | ParametricProfile>;
}
