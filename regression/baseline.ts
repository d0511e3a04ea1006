// Reads the baseline `servetwin check --baseline FILE` compares against: a servetwin.result/v1 JSON
// as `servetwin simulate --json` (or `check --result`) wrote it. Only the fields the checks read are
// required (extra fields pass through), so results from later versions of the simulator still load.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, errorMessage } from '../common/errors.js';
import { parseConfig } from '../config/validate.js';
import type { CheckedCandidate } from './metrics.js';

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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : errorMessage(err);
    throw new InputError(`--baseline: expected a ${RESULT_SCHEMA} JSON file, but ${file} cannot be read (${why})`, { source: '--baseline', found: file });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: expected a ${RESULT_SCHEMA} JSON file, but it is not valid JSON (${errorMessage(err)})`, { source: file });
  }
  const parsed = parseConfig(BaselineSchema, raw, file);
  return { file, scenario: { name: parsed.scenario.name, seed: parsed.scenario.seed }, candidates: parsed.candidates };
}
