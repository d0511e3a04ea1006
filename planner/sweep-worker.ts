// A sweep worker thread: receives the loaded scenario once (workerData) and runs one task
// (planner/sweep-task.ts) per call. Run by piscina from planner/sweep.ts; compiled to dist/ because
// Node 20 cannot start a worker from TypeScript.
import { workerData } from 'node:worker_threads';
import type { LoadedScenario } from '../simulator/simulate.js';
import type { CandidateResult } from '../config/result.js';
import { runAttributed, runTask, type AttributedRun, type SweepTask } from './sweep-task.js';

const loaded = workerData as LoadedScenario;

export default function run(task: SweepTask): CandidateResult {
  return runTask(loaded, task);
}

export function attributed(task: SweepTask): AttributedRun {
  return runAttributed(loaded, task);
}
