// Reads the baseline `servetwin check --baseline FILE` compares against: a servetwin.result/v1 JSON
// as `servetwin simulate --json` (or `check --result`) wrote it. Only the fields the checks read are
// required (extra fields pass through), so results from later versions of the simulator still load.
import * as z from 'zod';
import { parseConfig } from '../config/validate.js';
import type { CheckedCandidate } from './metrics.js';
import { readJsonFile } from '../common/read-file.js';

const RESULT_SCHEMA = 'servetwin.result/v1';

const Num = z.number();
const BaselineCandidateSchema = z.looseObject({
  name: z.string(),
  latency_ms: z.looseObject({ mean: Num, p50: Num, p90: Num, p99: Num, p999: Num }),
  throughput_rps: Num,
  slo_attainment: Num,
  requests: z.looseObject({ arrived: Num, dropped: Num }),
});

const BaselineSchema = z.looseObject({
  schema: z.literal(RESULT_SCHEMA),
  scenario: z.looseObject({ name: z.string(), seed: Num }),
  candidates: z.array(BaselineCandidateSchema),
});

export interface Baseline {
  file: string;
  scenario: { name: string; seed: number };
  candidates: CheckedCandidate[];
}

export function loadBaseline(file: string): Baseline {
  const raw = readJsonFile(file, `a ${RESULT_SCHEMA} JSON file`, '--baseline');
  const parsed = parseConfig(BaselineSchema, raw, file);
  return { file, scenario: { name: parsed.scenario.name, seed: parsed.scenario.seed }, candidates: parsed.candidates };
}
