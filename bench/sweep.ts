// `npm run bench -- sweep`: how many (candidate, seed) simulations per second the planner's sweep
// runs on 1 and on 2 worker threads. Baseline, measured in the same run: the same sweep in the main
// thread (no workers), so the ratios show what the threads buy on this machine, net of their
// start-up and of copying results back.
import path from 'node:path';
import { availableParallelism } from 'node:os';
import type { Benchmark } from './benchmark.js';
import { loadScenario } from '../simulator/scenario/load-scenario.js';
import { projectRoot } from '../common/servetwin-files.js';
import { expandCandidates, seedList } from '../planner/plan.js';
import { runSweep } from '../planner/sweep.js';

const SCENARIO = path.join(projectRoot(), 'scenarios', 'ppocr-cls-peak.yaml');

const bench: Benchmark = {
  name: 'sweep',
  description: `the default scenario's grid × seeds (${path.relative(projectRoot(), SCENARIO)}), in-thread vs 1 and 2 worker threads`,
  async run() {
    const loaded = loadScenario(SCENARIO);
    const candidates = expandCandidates(loaded.scenario, SCENARIO);
    const seeds = seedList(loaded.scenario, {});
    const runs = candidates.length * seeds.length;
    process.stdout.write(`${candidates.length} candidates × ${seeds.length} seeds = ${runs} simulations; ${availableParallelism()} cores\n`);
    let baseline = 0;
    for (const workers of [0, 1, 2]) {
      const { wall_ms } = await runSweep(loaded, candidates, seeds, { workers });
      const perS = runs / (wall_ms / 1000);
      if (workers === 0) baseline = perS;
      const label = workers === 0 ? 'main thread (baseline)' : `${workers} worker thread${workers > 1 ? 's' : ''}`;
      process.stdout.write(
        `  ${label.padEnd(24)} ${perS.toFixed(1).padStart(7)} simulations/s  ${(perS * (candidates.length / runs)).toFixed(1).padStart(7)} candidates/s  ${(wall_ms / 1000).toFixed(2)} s  ×${(perS / baseline).toFixed(2)}\n`,
      );
    }
  },
};

export default bench;
