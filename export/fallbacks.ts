// What every target does with what it cannot say: how many replicas to run where it cannot express
// the candidate's autoscaler (the count the autoscaler starts from, or a schedule's largest, so the
// fleet is never smaller than planned at peak), and the warnings for candidate fields that describe
// the twin's world rather than a deployment.
import type { Candidate } from '../config/candidate.js';
import type { ExportSource } from './source.js';
import type { Warnings } from './target.js';

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

/** Candidate fields that describe the cluster or the edge, not a deployment: named on every target. */
export function commonWarnings(source: ExportSource, warnings: Warnings): void {
  const c = source.candidate;
  if (c.provisioning) warnings.add('provisioning', 'the provisioning delay the twin assumed is the cluster\'s (node autoscaler, image pull), not a setting');
  if (c.placement && c.placement !== 'cloud_only') warnings.add('placement', `${c.placement} placement: only the cloud pool is exported; the edge tier needs its own deployment`);
}
