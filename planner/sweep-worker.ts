// A sweep worker thread: receives the loaded scenario once (workerData) and simulates one
// (candidate, seed) pair per task. Run by piscina from planner/sweep.ts; compiled to dist/ because
// Node 20 cannot start a worker from TypeScript.
import { workerData } from 'node:worker_threads';
import { simulateCandidate, type LoadedScenario } from '../simulator/simulate.js';
import type { CandidateResult } from '../config/result.js';
import type { SweepTask } from './sweep.js';

const loaded = workerData as LoadedScenario;

export default function runTask(task: SweepTask): CandidateResult {
  return simulateCandidate(loaded, task.candidate, task.seed);
}
