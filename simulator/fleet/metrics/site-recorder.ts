// Latency per client site entry (a scenario's `sites[]`, each possibly standing for many identical
// sites): where the network makes the cloud slow or the edge fast. Only runs of scenarios that
// declare sites keep these; summary.ts reports them as the candidate's `sites`.
import { LatencyHistogram } from './histogram.js';

export class SiteRecorder {
  /** Measured requests sent from these sites, and how many were placed on their edge. */
  arrived = 0;
  atEdge = 0;
  readonly latency = new LatencyHistogram();
}
