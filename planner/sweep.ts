// Runs a sweep: every (candidate, seed) pair of a scenario simulated in parallel on worker threads
// (piscina), results put back in grid order so the output does not depend on which worker finished
// first. With workers = 0 it runs in this thread (tests, tiny sweeps), and piscina is not even loaded.
// The pool also takes single tasks (planner/sweep-task.ts) for callers that decide what to run next
// from what came back: the capacity search (planner/capacity.ts) and the calibration check of plan().
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candidate } from '../config/scenario.js';
import type { LoadedScenario } from '../simulator/simulate.js';
import type { CandidateResult } from '../config/result.js';
import { runAttributed, runTask, type AttributedRun, type SweepTask } from './sweep-task.js';

export type { SweepTask } from './sweep-task.js';

export interface SweepRun {
  /** results[i][j]: candidate i on seed j. */
  results: CandidateResult[][];
  wall_ms: number;
}

/** Worker threads (or this thread) that simulate one task at a time each. */
export interface SweepPool {
  run(task: SweepTask): Promise<CandidateResult>;
  /** The run with the attribution of its SLO misses (planner/attribution.ts). */
  runAttributed(task: SweepTask): Promise<AttributedRun>;
  close(): Promise<void>;
}

/** The compiled worker: beside this file when running from dist/, else in dist/ (tests run TS sources). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = path.join(path.dirname(here), 'sweep-worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  let dir = path.dirname(here);
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const built = path.join(dir, 'dist', 'planner', 'sweep-worker.js');
  if (!existsSync(built)) throw new Error(`the sweep worker ${built} is missing; run npm run build`);
  return built;
}

/** A pool of `workers` threads (at most `maxTasks` are started); 0 runs every task in this thread. */
export async function openSweepPool(loaded: LoadedScenario, workers: number, maxTasks = workers): Promise<SweepPool> {
  if (workers <= 0) {
    return {
      run: async (task) => runTask(loaded, task),
      runAttributed: async (task) => runAttributed(loaded, task),
      close: async () => {},
    };
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: workerFile(),
    workerData: loaded,
    minThreads: Math.max(1, Math.min(workers, maxTasks)),
    maxThreads: workers,
    // One task at a time per thread: simulations are CPU-bound.
    concurrentTasksPerWorker: 1,
  });
  return {
    run: async (task) => (await pool.run(task)) as CandidateResult,
    runAttributed: async (task) => (await pool.run(task, { name: 'attributed' })) as AttributedRun,
    close: () => pool.destroy(),
  };
}

export async function runSweep(
  loaded: LoadedScenario,
  candidates: readonly Candidate[],
  seeds: readonly number[],
  options: { workers: number; onProgress?: (done: number, total: number) => void },
): Promise<SweepRun> {
  const started = performance.now();
  const total = candidates.length * seeds.length;
  const results: CandidateResult[][] = candidates.map(() => new Array<CandidateResult>(seeds.length));
  let done = 0;
  const pool = await openSweepPool(loaded, options.workers, total);
  try {
    // In this thread the tasks run one after the other, in grid order; on workers, all at once.
    await Promise.all(
      candidates.flatMap((candidate, i) =>
        seeds.map(async (seed, j) => {
          results[i]![j] = await pool.run({ candidate, seed });
          options.onProgress?.(++done, total);
        }),
      ),
    );
  } finally {
    await pool.close();
  }
  return { results, wall_ms: performance.now() - started };
}
