// Runs a sweep: every (candidate, seed) pair of a scenario simulated in parallel on worker threads
// (piscina), results put back in grid order so the output does not depend on which worker finished
// first. With workers = 0 it runs in this thread (tests, tiny sweeps), and piscina is not even loaded.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candidate } from '../config/scenario.js';
import { simulateCandidate, type LoadedScenario } from '../simulator/simulate.js';
import type { CandidateResult } from '../config/result.js';

export interface SweepTask {
  candidate: Candidate;
  seed: number;
}

export interface SweepRun {
  /** results[i][j]: candidate i on seed j. */
  results: CandidateResult[][];
  wall_ms: number;
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
  const finish = (i: number, j: number, r: CandidateResult) => {
    results[i]![j] = r;
    options.onProgress?.(++done, total);
  };
  if (options.workers <= 0) {
    candidates.forEach((candidate, i) => seeds.forEach((seed, j) => finish(i, j, simulateCandidate(loaded, candidate, seed))));
    return { results, wall_ms: performance.now() - started };
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: workerFile(),
    workerData: loaded,
    minThreads: Math.min(options.workers, total),
    maxThreads: options.workers,
    // One task at a time per thread: simulations are CPU-bound.
    concurrentTasksPerWorker: 1,
  });
  try {
    await Promise.all(
      candidates.flatMap((candidate, i) =>
        seeds.map(async (seed, j) => finish(i, j, (await pool.run({ candidate, seed } satisfies SweepTask)) as CandidateResult)),
      ),
    );
  } finally {
    await pool.destroy();
  }
  return { results, wall_ms: performance.now() - started };
}
