// Hand-made results for the check tests: a scenario header and candidates with just the fields
// checks read, so each test states the numbers it is about.
import type { CheckInput } from '../../regression/check.js';
import type { Baseline } from '../../regression/baseline.js';

type Candidate = CheckInput['candidates'][number];

export interface CandidateFigures {
  p50?: number;
  p90?: number;
  p99?: number;
  throughput?: number;
  attainment?: number;
  arrived?: number;
  dropped?: number;
  sloMet?: boolean;
}

export function candidate(name: string, f: CandidateFigures = {}): Candidate {
  const p50 = f.p50 ?? 4;
  const attainment = f.attainment ?? 0.995;
  return {
    name,
    latency_ms: { mean: p50 * 1.1, p50, p90: f.p90 ?? p50 * 1.5, p99: f.p99 ?? p50 * 3, p999: (f.p99 ?? p50 * 3) * 1.5 },
    throughput_rps: f.throughput ?? 100,
    slo_attainment: attainment,
    slo_met: f.sloMet ?? attainment >= 0.99,
    requests: { arrived: f.arrived ?? 10_000, dropped: f.dropped ?? 0 },
  };
}

export function result(candidates: Candidate[], seed = 1, name = 'hand-made'): CheckInput {
  return { scenario: { name, file: `scenarios/${name}.yaml`, seed, slo: { latency_ms: 25, percentile: 99 } }, candidates };
}

export function baseline(candidates: Candidate[], seed = 1, name = 'hand-made'): Baseline {
  return { file: 'baseline.json', scenario: { name, seed }, candidates };
}
