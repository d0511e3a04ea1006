// How many replicas to run where a target cannot express the candidate's autoscaler: the count the
// autoscaler starts from, or a schedule's largest, so the fleet is never smaller than planned at peak.
import type { Candidate } from '../config/candidate.js';

export function fallbackReplicas(candidate: Candidate): number {
  const a = candidate.autoscaler;
  switch (a?.kind) {
    case undefined:
      return candidate.replicas;
    case 'fixed':
      return a.replicas;
    case 'schedule':
      return Math.max(...a.entries.map((e) => e.replicas));
    case 'hpa':
      return a.initial_replicas ?? a.min_replicas;
    case 'kpa':
      return Math.max(a.initial_scale, a.min_scale);
    case 'ray_serve':
      return a.initial_replicas ?? Math.max(1, a.min_replicas);
  }
}
