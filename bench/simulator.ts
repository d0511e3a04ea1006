// `npm run bench -- simulator`: the simulator as people run it, and inside.
// 1. Whole processes, spawn to exit: `servetwin simulate` on M/M/10 (λ = 90/s, exponential service
//    with mean 100 ms, 10 servers, ≈ 1 M arrivals, its normal tables, metrics, time series and
//    --json file) against SimPy 3.0.8's classic model of the same system (bench/simpy/mmc.py: one
//    process per customer, simpy.Resource), run from SimPy's source at SIMPY_PATH; and
//    `servetwin --version` against a bare `node -e 0`. Runs alternate, so a busy machine slows both.
// 2. In this process: simulated requests per second against a bare loop that only draws the same
//    random numbers and pushes/pops the same heap (the floor any simulator here pays).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Benchmark } from './benchmark.js';
import { EventQueue } from '../simulator/core/event-queue.js';
import { stream } from '../common/rng.js';
import { projectRoot } from '../common/servetwin-files.js';
import { scenarioFromObject } from '../simulator/scenario/load-scenario.js';
import { simulate, type LoadedScenario } from '../simulator/simulate.js';
import { REFERENCE_PROFILE } from '../config/profile-file.js';
import type { ScenarioInput } from '../config/scenario.js';

const RATE_RPS = 90;
const MEAN_SERVICE_MS = 100;
const SERVERS = 10;
/** ≈ 1.0 M arrivals at 90/s. */
const PROCESS_SECONDS = 11_112;
const SEED = 7;
const SERVETWIN_RUNS = 5;
const SIMPY_RUNS = 3;
const VERSION_RUNS = 11;
const IN_PROCESS_REPEATS = 5;
const TARGET_VS_SIMPY = 20;
const TARGET_VERSION_VS_NODE = 1.5;

/**
 * M/M/c with λ = 90/s, mean service 100 ms, c = 10 (the contract's mmc example), for `seconds`; its
 * queue unbounded as SimPy's Resource is (a bound too large to reach). `shared`: twelve instances
 * on ten shared cores instead (the CPU model of simulator/fleet/host-cpu.ts), the same capacity.
 */
function mmc(seconds: number, shared = false): ScenarioInput {
  return {
    schema: 'servetwin.scenario/v1',
    name: 'bench-mmc',
    seed: SEED,
    duration_s: seconds,
    profile: { kind: 'exponential', mean_ms: MEAN_SERVICE_MS },
    traffic: { arrivals: { kind: 'poisson', rate_rps: RATE_RPS } },
    slo: { latency_ms: 250, percentile: 99 },
    candidates: [{ name: 'mmc', replicas: 1, instances: shared ? SERVERS + 2 : SERVERS, ...(shared ? { cpus: SERVERS } : {}), batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 10_000_000 } }],
  };
}

/** Dynamic batching on the measured ppocr-cls profile: 2 replicas × 2 instances, batches up to 16. */
function batching(seconds: number): ScenarioInput {
  return {
    schema: 'servetwin.scenario/v1',
    name: 'bench-batching',
    seed: SEED,
    duration_s: seconds,
    profile: { file: REFERENCE_PROFILE },
    traffic: { arrivals: { kind: 'poisson', rate_rps: 1000 } },
    slo: { latency_ms: 100, percentile: 99 },
    candidates: [
      {
        name: 'batch16',
        replicas: 2,
        instances: 2,
        router: 'least_outstanding',
        batching: { max_batch_size: 16, max_queue_delay_ms: 2, max_queue_size: 256 },
      },
    ],
  };
}

// ---- whole processes ----

interface Timed {
  seconds: number;
  stdout: string;
}

/** Runs a command to its exit; wall time from spawn to exit. Throws with its stderr if it fails. */
function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const started = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

function minMedian(xs: number[]): { min: number; median: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[(s.length - 1) >> 1]! };
}

const secs = (x: number): string => (x < 1 ? `${(x * 1000).toFixed(0)} ms` : `${x.toFixed(2)} s`);
const span = (xs: number[]): string => {
  const { min, median } = minMedian(xs);
  return `min ${secs(min).padStart(7)}  median ${secs(median).padStart(7)}  (${xs.length} runs)`;
};
const ratio = (slow: number[], fast: number[]): string =>
  `${(minMedian(slow).median / minMedian(fast).median).toFixed(2)}× (median/median; ${(minMedian(slow).min / minMedian(fast).min).toFixed(2)}× min/min)`;

function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} logical CPUs, ${process.platform}, Node ${process.version}; load average ${loadavg()[0]!.toFixed(2)} at the start`;
}

function versionVsNode(bin: string): void {
  const node: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < VERSION_RUNS; i++) {
    node.push(timeProcess(process.execPath, ['-e', '0']).seconds);
    version.push(timeProcess(process.execPath, [bin, '--version']).seconds);
  }
  process.stdout.write(`  node -e 0                       ${span(node)}\n`);
  process.stdout.write(`  servetwin --version             ${span(version)}\n`);
  process.stdout.write(`  → servetwin --version takes ${ratio(version, node)} a bare node (target ≤ ${TARGET_VERSION_VS_NODE}×)\n`);
}

interface SimPy {
  python: string;
  env: NodeJS.ProcessEnv;
  script: string;
}

/** SimPy's source at SIMPY_PATH and a python3 to run it, or why not. */
function findSimPy(root: string): SimPy | string {
  const source = process.env.SIMPY_PATH;
  if (!source) return 'SIMPY_PATH is not set';
  if (!existsSync(path.join(source, 'simpy', '__init__.py'))) return `SIMPY_PATH=${source} holds no simpy/__init__.py`;
  const python = process.env.PYTHON ?? 'python3';
  const env = { ...process.env, PYTHONPATH: source };
  const probe = spawnSync(python, ['-c', 'import simpy, sys; print(simpy.__version__, sys.version.split()[0])'], { encoding: 'utf8', env });
  if (probe.status !== 0) return `${python} cannot import simpy from ${source}: ${probe.stderr || probe.error?.message}`;
  const [simpy, py] = probe.stdout.trim().split(' ');
  if (simpy !== '3.0.8') process.stdout.write(`  note: SIMPY_PATH holds SimPy ${simpy}, not 3.0.8\n`);
  process.stdout.write(`  SimPy ${simpy} from ${source}, Python ${py}\n`);
  return { python, env, script: path.join(root, 'bench', 'simpy', 'mmc.py') };
}

function simulateVsSimPy(bin: string, root: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-bench-'));
  const scenario = path.join(dir, 'mm10.yaml');
  const json = path.join(dir, 'result.json');
  writeFileSync(scenario, `${JSON.stringify(mmc(PROCESS_SECONDS), null, 2)}\n`); // JSON is YAML
  const simpy = findSimPy(root);
  process.stdout.write(
    `  M/M/${SERVERS}, λ = ${RATE_RPS}/s, E[S] = ${MEAN_SERVICE_MS} ms, ${PROCESS_SECONDS.toLocaleString('en')} s simulated (≈ ${((RATE_RPS * PROCESS_SECONDS) / 1e6).toFixed(2)} M arrivals), whole processes spawn → exit:\n`,
  );
  const servetwin: number[] = [];
  const python: number[] = [];
  let simpyOut = '';
  for (let i = 0; i < Math.max(SERVETWIN_RUNS, SIMPY_RUNS); i++) {
    if (i < SERVETWIN_RUNS) servetwin.push(timeProcess(process.execPath, [bin, 'simulate', scenario, '--json', json]).seconds);
    if (i < SIMPY_RUNS && typeof simpy !== 'string') {
      const run = timeProcess(simpy.python, [simpy.script, String(RATE_RPS), String(MEAN_SERVICE_MS / 1000), String(SERVERS), String(PROCESS_SECONDS), String(SEED)], simpy.env);
      python.push(run.seconds);
      simpyOut = run.stdout;
    }
  }
  const result = JSON.parse(readFileSync(json, 'utf8')) as { candidates: { completed: number; latency_ms: { mean: number } }[] };
  const c = result.candidates[0]!;
  process.stdout.write(`  servetwin simulate --json FILE  ${span(servetwin)}; ${c.completed.toLocaleString('en')} completed, mean ${c.latency_ms.mean.toFixed(1)} ms in the system\n`);
  if (typeof simpy === 'string') {
    process.stdout.write(
      `  SimPy: skipped (${simpy}). To compare: git clone --depth 1 --branch 3.0.8 https://github.com/cristiklein/simpy /tmp/simpy-3.0.8 && SIMPY_PATH=/tmp/simpy-3.0.8 npm run bench -- simulator\n`,
    );
    return;
  }
  const s = JSON.parse(simpyOut) as { completed: number; mean_sojourn_ms: number };
  process.stdout.write(`  SimPy (bench/simpy/mmc.py)      ${span(python)}; ${s.completed.toLocaleString('en')} completed, mean ${s.mean_sojourn_ms.toFixed(1)} ms in the system\n`);
  process.stdout.write(`  → servetwin simulate is ${ratio(python, servetwin)} SimPy (target ≥ ${TARGET_VS_SIMPY}×)\n`);
}

// ---- in this process ----

/** The floor: M/M/10 with arrivals and completions through the same heap, no metrics, no batcher. */
function bareLoop(requests: number): void {
  const q = new EventQueue();
  const ua = stream(SEED, 'arrivals');
  const us = stream(SEED, 'service');
  let busy = 0;
  let waiting = 0;
  let done = 0;
  q.push(-(1000 / RATE_RPS) * Math.log(1 - ua()), 0, 0);
  while (done < requests) {
    const kind = q.pop();
    const now = q.time;
    if (kind === 0) {
      q.push(now - (1000 / RATE_RPS) * Math.log(1 - ua()), 0, 0);
      if (busy < SERVERS) {
        busy++;
        q.push(now - MEAN_SERVICE_MS * Math.log(1 - us()), 1, 0);
      } else waiting++;
    } else {
      done++;
      if (waiting > 0) {
        waiting--;
        q.push(now - MEAN_SERVICE_MS * Math.log(1 - us()), 1, 0);
      } else busy--;
    }
  }
}

function best(runs: number, f: () => number): { rps: number; requests: number } {
  let rps = 0;
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    requests = f();
    const s = (performance.now() - t0) / 1000;
    rps = Math.max(rps, requests / s);
  }
  return { rps, requests };
}

function simulated(loaded: LoadedScenario): number {
  return simulate(loaded).candidates[0]!.requests.arrived;
}

const perSecond = (x: number): string => `${(x / 1e6).toFixed(2)} M/s`;

function inProcess(): void {
  const mmcLoaded = scenarioFromObject(mmc(14_000)); // ≈ 1.26 M requests
  const base = best(IN_PROCESS_REPEATS, () => {
    bareLoop(1_260_000);
    return 1_260_000;
  });
  const m = best(IN_PROCESS_REPEATS, () => simulated(mmcLoaded));
  process.stdout.write(`  in this process, simulated requests/s (best of ${IN_PROCESS_REPEATS}):\n`);
  process.stdout.write(`  bare loop (draws + heap only)     ${perSecond(base.rps)}\n`);
  process.stdout.write(
    `  M/M/10, λ=90/s, E[S]=100 ms       ${perSecond(m.rps)} (${m.requests.toLocaleString('en')} requests; ${(m.rps / base.rps).toFixed(2)}× the bare loop)\n`,
  );
  // The same capacity as twelve instances sharing ten cores: a CPU model, whose jobs' ends move
  // (more events and a virtual clock per replica). The bar: at least half the speed without.
  const shared = scenarioFromObject(mmc(14_000, true));
  const plainAgain = best(IN_PROCESS_REPEATS, () => simulated(mmcLoaded));
  const s = best(IN_PROCESS_REPEATS, () => simulated(shared));
  const ratio = s.rps / Math.max(m.rps, plainAgain.rps);
  process.stdout.write(
    `  12 instances on 10 shared cores (CPU model on)  ${perSecond(s.rps)}: ${ratio.toFixed(2)}× the speed without it (target ≥ 0.5×: ${ratio >= 0.5 ? 'met' : 'NOT met'})\n`,
  );
  if (!existsSync(REFERENCE_PROFILE)) {
    process.stdout.write(`  batching on the real profile: skipped, ${REFERENCE_PROFILE} is missing\n`);
    return;
  }
  const batchLoaded = scenarioFromObject(batching(1_100)); // ≈ 1.1 M requests
  const b = best(IN_PROCESS_REPEATS, () => simulated(batchLoaded));
  const result = simulate(batchLoaded).candidates[0]!;
  process.stdout.write(
    `  ppocr-cls profile, 1000 rps, 2×2 instances, max batch 16, 2 ms delay  ${perSecond(b.rps)} (${b.requests.toLocaleString('en')} requests, mean batch ${result.mean_batch_size}; ${(b.rps / base.rps).toFixed(2)}× the bare loop)\n`,
  );
}

const bench: Benchmark = {
  name: 'simulator',
  description: 'servetwin simulate and --version as whole processes against SimPy 3.0.8 and a bare node, then simulated requests/s in this process against a bare loop',
  async run() {
    const root = projectRoot();
    const bin = path.join(root, 'bin', 'servetwin.js');
    process.stdout.write(`  machine: ${machine()}\n`);
    process.stdout.write('  one process at a time; no load generator runs beside it, so there is nothing to pin to cores\n');
    versionVsNode(bin);
    simulateVsSimPy(bin, root);
    inProcess();
  },
};

export default bench;
