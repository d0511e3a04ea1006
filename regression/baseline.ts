// Reads the baseline `servetwin check --baseline FILE` compares against: a servetwin.result/v1 JSON
// as `servetwin simulate --json` (or `check --result`) wrote it, by this version or an earlier one
// (users keep their baselines), through the one result loader (config/result-file.ts).
import { loadResult } from '../config/result-file.js';
import type { CheckedCandidate } from './metrics.js';

export interface Baseline {
  file: string;
  scenario: { name: string; seed: number };
  candidates: CheckedCandidate[];
}

export function loadBaseline(file: string): Baseline {
  const result = loadResult(file, { label: '--baseline' });
  return { file, scenario: { name: result.scenario.name, seed: result.scenario.seed }, candidates: result.candidates };
}
