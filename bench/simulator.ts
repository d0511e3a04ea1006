// `npm run bench -- simulator`: simulated requests per second of the discrete-event simulator on one
// core, for M/M/c (the model SimPy is usually timed on) and for dynamic batching on the bundled
// model's measured profile. Baseline, measured in the same run: a bare M/M/c loop that only draws
// the same random numbers and pushes/pops the same heap (the floor any simulator here pays).
// SimPy's ~125 000 requests/s on this kind of machine is printed as a stated reference.
import { existsSync } from 'node:fs';
import type { Benchmark } from './benchmark.js';
import { EventQueue } from '../simulator/core/event-queue.js';
import { stream } from '../common/rng.js';
import { scenarioFromObject } from '../simulator/scenario/load-scenario.js';
import { simulate, type LoadedScenario } from '../simulator/simulate.js';
import { REFERENCE_PROFILE } from '../config/profile-file.js';
import type { ScenarioInput } from '../config/scenario.js';

const SIMPY_RPS = 125_000;
const REPEATS = 5;

/** M/M/c with λ = 90/s, mean service 100 ms, c = 10 (the contract's mmc example), for `seconds`. */
function mmc(seconds: number): ScenarioInput {
  return {
    schema: 'servetwin.scenario/v1',
    name: 'bench-mmc',
    seed: 7,
    duration_s: seconds,
    profile: { kind: 'exponential', mean_ms: 100 },
    traffic: { arrivals: { kind: 'poisson', rate_rps: 90 } },
    slo: { latency_ms: 250, percentile: 99 },
    candidates: [{ name: 'mmc', replicas: 1, instances: 10, batching: { max_batch_size: 1, max_queue_delay_ms: 0 } }],
  };
}

/** Dynamic batching on the measured ppocr-cls profile: 2 replicas × 2 instances, batches up to 16. */
function batching(seconds: number): ScenarioInput {
  return {
    schema: 'servetwin.scenario/v1',
    name: 'bench-batching',
    seed: 7,
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

/** The floor: M/M/10 with arrivals and completions through the same heap, no metrics, no batcher. */
function bareLoop(requests: number): void {
  const q = new EventQueue();
  const ua = stream(7, 'arrivals');
  const us = stream(7, 'service');
  let busy = 0;
  let waiting = 0;
  let done = 0;
  q.push(-(1000 / 90) * Math.log(1 - ua()), 0, 0);
  while (done < requests) {
    const kind = q.pop();
    const now = q.time;
    if (kind === 0) {
      q.push(now - (1000 / 90) * Math.log(1 - ua()), 0, 0);
      if (busy < 10) {
        busy++;
        q.push(now - 100 * Math.log(1 - us()), 1, 0);
      } else waiting++;
    } else {
      done++;
      if (waiting > 0) {
        waiting--;
        q.push(now - 100 * Math.log(1 - us()), 1, 0);
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
  const c = simulate(loaded).candidates[0]!;
  return c.requests.arrived;
}

const fmt = (x: number): string => `${(x / 1e6).toFixed(2)} M/s`;

const bench: Benchmark = {
  name: 'simulator',
  description: 'simulated requests/s on one core (best of 5), against a bare heap-and-draws loop measured in the same run',
  async run() {
    const mmcLoaded = scenarioFromObject(mmc(14_000)); // ≈ 1.26 M requests
    const base = best(REPEATS, () => {
      bareLoop(1_260_000);
      return 1_260_000;
    });
    const m = best(REPEATS, () => simulated(mmcLoaded));
    process.stdout.write(`  bare loop (draws + heap only)     ${fmt(base.rps)}\n`);
    process.stdout.write(
      `  M/M/10, λ=90/s, E[S]=100 ms       ${fmt(m.rps)} (${m.requests.toLocaleString('en')} requests; ${(m.rps / base.rps).toFixed(2)}× the bare loop, ${(m.rps / SIMPY_RPS).toFixed(1)}× SimPy's ~125 k/s)\n`,
    );
    if (!existsSync(REFERENCE_PROFILE)) {
      process.stdout.write(`  batching on the real profile: skipped, ${REFERENCE_PROFILE} is missing\n`);
      return;
    }
    const batchLoaded = scenarioFromObject(batching(1_100)); // ≈ 1.1 M requests
    const b = best(REPEATS, () => simulated(batchLoaded));
    const result = simulate(batchLoaded).candidates[0]!;
    process.stdout.write(
      `  ppocr-cls profile, 1000 rps, 2×2 instances, max batch 16, 2 ms delay  ${fmt(b.rps)} (${b.requests.toLocaleString('en')} requests, mean batch ${result.mean_batch_size}; ${(b.rps / base.rps).toFixed(2)}× the bare loop, ${(b.rps / SIMPY_RPS).toFixed(1)}× SimPy)\n`,
    );
  },
};

export default bench;
