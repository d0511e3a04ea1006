// What one run of one candidate needs, built by simulate.ts from a loaded scenario: the candidate
// and its topology (pools, autoscalers, placement), the traffic, the network, the sites, the
// measured window and the seed. Read by the run (run.ts) and its setup (run-setup.ts).
import type { Candidate } from '../config/scenario.js';
import type { ServiceTime } from './fleet/service-time.js';
import type { ArrivalProcess } from './scenario/traffic/arrival-process.js';
import type { NetworkPath } from './scenario/network.js';
import type { Sites } from './scenario/sites.js';
import type { Topology } from './fleet/topology.js';
import type { RunTrace } from './core/run-trace.js';

export interface RunSpec {
  candidate: Candidate;
  topology: Topology;
  /** The cloud profile's service time (reported in the result). */
  serviceTime: ServiceTime;
  arrivals: ArrivalProcess;
  /** The network without sites (every request of a plain candidate in a scenario without sites). */
  network: NetworkPath;
  /** Sites, when the scenario declares them or the candidate has a placement. */
  sites: Sites | null;
  /** The scenario declares `sites` (report latency per site entry). */
  sitesDeclared: boolean;
  seed: number;
  durationMs: number;
  warmupMs: number;
  sloMs: number;
  itemsPerRequest: number;
  sampleIntervalMs: number;
  /** Optional observer of every request and batch (tests and debugging; slows the run). */
  trace?: RunTrace;
}
