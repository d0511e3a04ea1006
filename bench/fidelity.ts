// `npm run bench -- fidelity`: does the twin predict the live engine? For each fidelity scenario
// (scenarios/fidelity-*.yaml: light load, just below the knee, two instances, bursty) it starts
// `servetwin serve` with the candidate's configuration, replays the scenario open loop several
// times, and prints measured (median and range over the repeats) beside two predictions: the
// profile alone, and the profile plus the engine's overhead beyond the forward pass, measured in
// this run from the Server-Timing of low-load replays of scenarios/fidelity-calibration.yaml
// (replay/overhead.ts; another rate and seed than the scenarios compared).
// FIDELITY_REPEATS (default 3) and FIDELITY_DURATION_S (default 20) shorten or lengthen it. On a
// shared machine FIDELITY_WAIT_QUIET_S (default 0) waits up to that long before each replay for the
// CPUs to be mostly idle (other people's work is noise here); each row shows how idle they were.
import { readFileSync } from 'node:fs';
import type { Benchmark } from './benchmark.js';
import { loadScenario } from '../simulator/scenario/load-scenario.js';
import { simulate } from '../simulator/simulate.js';
import type { ServingOverhead } from '../config/serving-overhead.js';
import { applyOverhead, describeOverhead, measureOverhead } from '../replay/overhead.js';
import { formatError, predictedBreakdown, predictedFigures, type BreakdownSide, type FidelityFigures } from '../replay/fidelity.js';
import { runReplay, threadLoadOf, type ReplayOutcome } from '../replay/run-replay.js';
import { withPredictionHost } from '../replay/placement.js';
import type { LoadedScenario } from '../simulator/simulate.js';

const SCENARIOS = ['scenarios/fidelity-light.yaml', 'scenarios/fidelity-knee.yaml', 'scenarios/fidelity-two-instances.yaml', 'scenarios/fidelity-bursty.yaml'];
const REPEATS = Number(process.env.FIDELITY_REPEATS ?? 3);
const DURATION_S = Number(process.env.FIDELITY_DURATION_S ?? 20);
const CALIBRATION = 'scenarios/fidelity-calibration.yaml';
const CALIBRATION_REPEATS = 3;
const WAIT_QUIET_S = Number(process.env.FIDELITY_WAIT_QUIET_S ?? 0);
const WARMUP_S = 4;
const out = (line = '') => process.stdout.write(`${line}\n`);

/** Share of CPU time idle over `ms` (Linux /proc/stat; NaN elsewhere). */
async function idleFraction(ms = 1000): Promise<number> {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      return { idle: f[3]! + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return a && b && b.total > a.total ? (b.idle - a.idle) / (b.total - a.total) : Number.NaN;
}

/** Waits (up to WAIT_QUIET_S) for the CPUs to be at least 85 % idle; returns the idle share seen last. */
async function quiet(): Promise<number> {
  const until = Date.now() + WAIT_QUIET_S * 1000;
  let idle = await idleFraction();
  while (!(idle >= 0.85) && Date.now() < until) idle = await idleFraction();
  return idle;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
}

interface Row {
  file: string;
  plain: FidelityFigures;
  withOverhead: FidelityFigures;
  predictedParts: BreakdownSide;
  runs: { measured: FidelityFigures; parts: BreakdownSide; lagP99: number; idle: number; otherCores: number | null }[];
}

async function replayOnce(file: string, overhead: ServingOverhead | null): Promise<ReplayOutcome> {
  return runReplay({ loaded: loadScenario(file), serve: true, durationS: DURATION_S, warmupS: WARMUP_S, overhead });
}

const METRICS: { label: string; read: (f: FidelityFigures) => number; digits: number }[] = [
  { label: 'p50 ms', read: (f) => f.latency_ms.p50, digits: 2 },
  { label: 'p90 ms', read: (f) => f.latency_ms.p90, digits: 2 },
  { label: 'p99 ms', read: (f) => f.latency_ms.p99, digits: 2 },
  { label: 'throughput rps', read: (f) => f.throughput_rps, digits: 1 },
  { label: 'mean batch', read: (f) => f.mean_batch_size, digits: 2 },
  { label: 'drop rate %', read: (f) => f.drop_rate * 100, digits: 2 },
  { label: 'queue ms', read: (f) => f.queue_ms, digits: 2 },
  { label: 'instance ms', read: (f) => f.compute_ms, digits: 2 },
];

/** The scenario with its Poisson rate multiplied by `factor`. */
function atRate(loaded: LoadedScenario, factor: number): LoadedScenario {
  const arrivals = loaded.scenario.traffic.arrivals;
  if (arrivals.kind !== 'poisson') throw new Error(`${loaded.file}: expected Poisson arrivals`);
  return { ...loaded, scenario: { ...loaded.scenario, traffic: { ...loaded.scenario.traffic, arrivals: { ...arrivals, rate_rps: arrivals.rate_rps * factor } } } };
}

function printRow(row: Row): void {
  const name = row.file.replace(/^scenarios\//, '').replace(/\.yaml$/, '');
  out(`\n${name}: ${row.runs.length} replay(s) of ${DURATION_S} s; CPU idle before each ${row.runs.map((r) => `${(r.idle * 100).toFixed(0)}%`).join(', ')}, cores used by other processes during each ${row.runs.map((r) => (r.otherCores === null ? 'n/a' : r.otherCores.toFixed(2))).join(', ')}; generator p99 lag ${row.runs.map((r) => r.lagP99.toFixed(1)).join(', ')} ms`);
  out(`  ${'metric'.padEnd(15)}${'profile'.padStart(9)}${'+overhead'.padStart(11)}${'measured median [min–max]'.padStart(30)}${'error vs profile'.padStart(18)}${'error vs +overhead [range]'.padStart(30)}`);
  for (const m of METRICS) {
    const values = row.runs.map((r) => m.read(r.measured));
    const med = median(values);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const p = m.read(row.plain);
    const o = m.read(row.withOverhead);
    const err = (pred: number, v: number) => (pred > 0 && Number.isFinite(v) ? (v - pred) / pred : null);
    const range = `${formatError(err(o, lo))}…${formatError(err(o, hi))}`;
    out(
      `  ${m.label.padEnd(15)}${p.toFixed(m.digits).padStart(9)}${o.toFixed(m.digits).padStart(11)}${`${med.toFixed(m.digits)} [${lo.toFixed(m.digits)}–${hi.toFixed(m.digits)}]`.padStart(30)}${formatError(err(p, med)).padStart(18)}${`${formatError(err(o, med))} [${range}]`.padStart(30)}`,
    );
  }
  const part = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  out(`  where the time went, mean ms (predicted +overhead | measured in each replay):`);
  for (const [key, label] of [['client', 'client and link'], ['http_thread', 'HTTP thread'], ['queue', 'batcher queue'], ['instance', 'instance']] as const) {
    out(`    ${label.padEnd(16)}${part(row.predictedParts[key]).padStart(8)} | ${row.runs.map((r) => part(r.parts[key])).join(', ')}`);
  }
  const share = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(0)}%`);
  out(`    ${'HTTP thread busy'.padEnd(16)}${share(row.predictedParts.http_thread_busy).padStart(8)} | ${row.runs.map((r) => share(r.parts.http_thread_busy)).join(', ')}  (measured: event-loop utilisation, all of the thread's work)`);
}

const bench: Benchmark = {
  name: 'fidelity',
  description: `replay each fidelity scenario against the live engine (${REPEATS}× ${DURATION_S} s) and compare with the simulator's prediction`,
  async run() {
    // Measure the overhead on low-load replays of their own (scenarios/fidelity-calibration.yaml:
    // another rate and seed than the scenarios compared below), and keep the one whose mean latency
    // is the median of the three: a replay disturbed by other work on the machine is left out
    // whole rather than mixed in.
    const calibrations: { outcome: ReplayOutcome; meanMs: number }[] = [];
    for (let r = 0; r < CALIBRATION_REPEATS; r++) {
      await quiet();
      const outcome = await replayOnce(CALIBRATION, null);
      calibrations.push({ outcome, meanMs: outcome.report.measured.latency_ms.mean });
      out(`  calibration replay ${r + 1}: mean latency ${outcome.report.measured.latency_ms.mean.toFixed(2)} ms, other processes ${outcome.report.host?.other_cores.toFixed(2) ?? 'n/a'} cores`);
    }
    // The HTTP thread's work per request is the slope of its busy share against the rate: one
    // more calibration replay at twice the rate gives the second point.
    await quiet();
    const doubled = await runReplay({ loaded: atRate(loadScenario(CALIBRATION), 2), serve: true, durationS: DURATION_S, warmupS: WARMUP_S });
    const loads = [...calibrations.map((c) => threadLoadOf(c.outcome.report)), threadLoadOf(doubled.report)].filter((l) => l !== null);
    out(`  HTTP thread busy: ${loads.map((l) => `${(l.busyShare * 100).toFixed(1)}% at ${l.rps.toFixed(0)} requests/s`).join(', ')}`);
    const median = [...calibrations].sort((a, b) => a.meanMs - b.meanMs)[Math.floor(calibrations.length / 2)]!.outcome;
    const overhead = measureOverhead(median.scenario.profile, median.sent, `bench/fidelity: the median of ${CALIBRATION_REPEATS} replays of fidelity-calibration`, loads);
    out(`engine overhead: ${describeOverhead(overhead)}`);

    for (const file of SCENARIOS) {
      const runs: Row['runs'] = [];
      let first: ReplayOutcome | undefined;
      for (let r = 0; r < REPEATS; r++) {
        const idle = await quiet();
        const outcome = await replayOnce(file, null);
        first ??= outcome;
        runs.push({ measured: outcome.report.measured, parts: outcome.report.breakdown.measured, lagP99: outcome.report.generator.lag_ms.p99, idle, otherCores: outcome.report.host?.other_cores ?? null });
      }
      const scenario = first!.scenario;
      const s = first!.report.scenario.seed;
      // The host as the first replay found it (the engine's cores; the generator's CPU when it shared them).
      const predicted = simulate(applyOverhead(withPredictionHost(scenario, first!.host), overhead), { seed: s }).candidates[0]!;
      printRow({
        file,
        plain: first!.report.predicted,
        withOverhead: predictedFigures(predicted),
        predictedParts: predictedBreakdown(predicted),
        runs,
      });
    }
    out('\n(error = (measured − predicted) / predicted; the overhead was calibrated on separate replays of fidelity-calibration: 100 rps like fidelity-light, another seed)');
  },
};

export default bench;
