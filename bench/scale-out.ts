// `npm run bench -- scale-out`: what sharding buys on N nodes. The default scenario's sweep is run
// as 1, 2 and 4 shards (`simulate --shard auto`, one process per shard, as an Indexed Job's pods or a
// CI matrix's jobs run), one shard after another, each pinned to one core (`taskset -c 0`, one
// thread: --workers 0), so each shard's time is what one single-core node would take. Each is timed
// by GNU time: its CPU time (user + system), what it costs a core of its own even on a shared
// machine, and its wall time. The figures: each shard's (the median of SCALE_OUT_REPEATS runs), the
// merge's, and the expected time on N nodes (the slowest shard + the merge; pod start and image pull
// not included). Baseline, in the same run: the unsharded sweep (1 shard). docs/scale-out.md quotes it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../common/servetwin-files.js';
import type { Benchmark } from './benchmark.js';

const SCENARIO = path.join(projectRoot(), 'scenarios', 'ppocr-cls-peak.yaml');
const CLI = path.join(projectRoot(), 'bin', 'servetwin.js');
const SHARDS = [1, 2, 4];
const REPEATS = Number(process.env.SCALE_OUT_REPEATS ?? 3);
const CORE = process.env.SCALE_OUT_CORE ?? '0';
const TIME = '/usr/bin/time';

function hasTools(): boolean {
  return spawnSync('taskset', ['-c', CORE, 'true']).status === 0 && spawnSync(TIME, ['-f', '%e', 'true']).status === 0;
}

interface Timing {
  /** Wall seconds. */
  wall: number;
  /** CPU seconds (user + system): what the shard costs a core of its own, whatever else runs here. */
  cpu: number;
}

/** One servetwin command pinned to CORE, timed by GNU time. */
function timed(args: string[], env: Record<string, string> = {}): Timing {
  const r = spawnSync(TIME, ['-f', 'TIMING %e %U %S', 'taskset', '-c', CORE, process.execPath, CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const m = /TIMING ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`servetwin ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]) };
}

/** The median run by CPU time, with its wall time. */
const medianRun = (runs: Timing[]) => [...runs].sort((a, b) => a.cpu - b.cpu)[Math.floor(runs.length / 2)]!;
const f = (s: number) => s.toFixed(2);

const bench: Benchmark = {
  name: 'scale-out',
  description: `the default scenario's sweep (${path.relative(projectRoot(), SCENARIO)}) as 1, 2 and 4 shards, each shard alone on core ${CORE}; baseline: 1 shard`,
  async run() {
    if (!hasTools()) {
      process.stdout.write('  skipped: taskset (util-linux) and GNU time (/usr/bin/time) are needed to pin and time each shard\n');
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-scale-out-'));
    process.stdout.write(`${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)} at the start; median of ${REPEATS} run(s); seconds, CPU (user + system) [wall]\n`);
    let baseline = 0;
    for (const count of SHARDS) {
      const shards: Timing[] = [];
      const files: string[] = [];
      for (let index = 0; index < count; index++) {
        const file = path.join(dir, `n${count}-shard-${index}.json`);
        files.push(file);
        const env = { JOB_COMPLETION_INDEX: String(index), SERVETWIN_SHARD_COUNT: String(count) };
        shards.push(medianRun(Array.from({ length: REPEATS }, () => timed(['simulate', SCENARIO, '--shard', 'auto', '--workers', '0', '--quiet', '--json', file], env))));
      }
      const merged = path.join(dir, `n${count}-sweep.json`);
      const merge = medianRun(Array.from({ length: REPEATS }, () => timed(['merge', ...files, '--json', merged])));
      const slowest = Math.max(...shards.map((s) => s.cpu));
      if (count === 1) baseline = slowest;
      const onNodes = slowest + merge.cpu;
      process.stdout.write(
        `  ${String(count).padStart(2)} shard(s): per shard ${shards.map((s) => `${f(s.cpu)} [${f(s.wall)}]`).join(', ')}; sum ${f(shards.reduce((n, s) => n + s.cpu, 0))}; ` +
          `merge ${f(merge.cpu)} [${f(merge.wall)}] (${(readFileSync(merged).length / 2 ** 20).toFixed(1)} MiB); on ${count} node(s): ${f(onNodes)} = slowest shard + merge, ×${(baseline / onNodes).toFixed(2)} against the unsharded run\n`,
      );
    }
  },
};

export default bench;
