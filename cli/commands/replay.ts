// `servetwin replay <scenario> --target URL`: sends the scenario's arrivals (same seed, same times)
// open loop to a live engine with real payloads, and prints measured vs predicted (replay/). Writes
// servetwin.fidelity/v2 with --json; --serve starts the candidate's engines (one process per
// replica), pinned away from the generator with --engine-cpus/--generator-cpus (cli/cpu-pinning.ts);
// --repeat N replays N times on seeds seed…seed+N−1 and judges each error against the noise
// (servetwin.fidelity-repeats/v1); --write-overhead and --write-profile turn the measurement into
// inputs for the next prediction.
import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { assertWritable, writeProfile } from '../../config/profile-file.js';
import { InputError } from '../../common/errors.js';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { formatFidelity } from '../../replay/fidelity.js';
import { describeOverhead, loadOverhead, measureOverhead, writeOverhead } from '../../replay/overhead.js';
import { profileWithOverhead } from '../../replay/recalibrate.js';
import { runReplay, type ReplayOutcome } from '../../replay/run-replay.js';
import { fidelityRepeats, formatFidelityRepeats, describeRun } from '../../replay/repeat-statistics.js';
import { LAG_SHARE_OF_SLO, MIN_LAG_LIMIT_MS } from '../../replay/placement.js';
import type { Protocol } from '../../replay/payload.js';
import { action } from '../run.js';
import { checkInteger } from './calibrate.js';
import { ENGINE_FLAG, GENERATOR_FLAG, pinThisProcess, replayCores, resolvePinning } from '../cpu-pinning.js';

interface ReplayArgs {
  scenario: string;
  target?: string;
  serve?: boolean;
  candidate?: string;
  config?: string;
  json?: string;
  protocol: Protocol;
  'duration-s'?: number;
  'warmup-s'?: number;
  seed?: number;
  model?: string;
  'input-dims'?: string[];
  'timeout-ms': number;
  'max-lag-ms'?: number;
  'engine-cpus'?: string;
  'generator-cpus'?: string;
  repeat: number;
  overhead?: string;
  'write-overhead'?: string;
  'write-profile'?: string;
}

function parseTarget(text: string | undefined): URL | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`--target: expected a URL such as http://127.0.0.1:8000, got ${JSON.stringify(text)}`, { source: '--target' });
  }
  if (url.protocol !== 'http:') throw new InputError(`--target: expected an http:// URL, got ${JSON.stringify(text)}`, { source: '--target' });
  return url;
}

/** `x=3x48x192` (repeatable): the item shape of an input whose non-batch axes are dynamic. */
function parseInputDims(values: string[] = []): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const v of values) {
    const m = /^([^=]+)=(\d+(?:x\d+)*)$/.exec(v.trim());
    if (!m) throw new InputError(`--input-dims: expected NAME=D1xD2… (the item shape without the batch axis, e.g. x=3x48x192), got ${JSON.stringify(v)}`, { source: '--input-dims' });
    out[m[1]!] = m[2]!.split('x').map(Number);
  }
  return out;
}

function positive(value: number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) throw new InputError(`${flag}: expected a positive number, got ${value}`, { source: flag });
  return value;
}

async function run(args: ReplayArgs): Promise<void> {
  for (const [file, flag] of [
    [args.json, '--json'],
    [args['write-overhead'], '--write-overhead'],
    [args['write-profile'], '--write-profile'],
  ] as const) {
    if (file) assertWritable(file, flag);
  }
  const target = parseTarget(args.target);
  if (!target && !args.serve) throw new InputError('--target: expected the URL of a running `servetwin serve` (e.g. http://127.0.0.1:8000), or --serve to start one', { source: '--target' });
  if (target && args.serve) throw new InputError('--serve: give either --target or --serve, not both', { source: '--serve' });
  const repeat = checkInteger(args.repeat, '--repeat', 1);
  if (repeat > 1 && (args['write-overhead'] || args['write-profile'])) {
    throw new InputError(`--repeat: --write-overhead and --write-profile measure from one replay; leave --repeat out (or at 1) with them`, { source: '--repeat' });
  }
  const pinningFlags = { engineCpus: args['engine-cpus'], generatorCpus: args['generator-cpus'] };
  if (!args.serve && (pinningFlags.engineCpus !== undefined || pinningFlags.generatorCpus !== undefined)) {
    const flag = pinningFlags.engineCpus !== undefined ? ENGINE_FLAG : GENERATOR_FLAG;
    throw new InputError(`${flag}: only with --serve, where replay starts the engine; with --target, pin the server and this command yourself (e.g. taskset)`, { source: flag });
  }
  const pinning = resolvePinning(pinningFlags);
  const loaded = loadScenario(args.scenario);
  const overhead = args.overhead ? loadOverhead(args.overhead) : null;
  const options = {
    loaded,
    target,
    serve: args.serve,
    candidate: args.candidate,
    config: args.config,
    protocol: args.protocol,
    durationS: positive(args['duration-s'], '--duration-s'),
    warmupS: args['warmup-s'],
    model: args.model,
    inputDims: parseInputDims(args['input-dims']),
    timeoutMs: positive(args['timeout-ms'], '--timeout-ms'),
    maxLagMs: positive(args['max-lag-ms'], '--max-lag-ms'),
    overhead,
    log: (line: string) => process.stderr.write(`servetwin replay: ${line}\n`),
  };
  if (pinning) pinThisProcess(pinning, pinning.generator, GENERATOR_FLAG);
  // Each replica's engine gets its share of the engine cores once the candidate is known.
  const cores = args.serve ? (candidate: { replicas: number }) => replayCores(pinning, candidate.replicas) : undefined;
  const firstSeed = args.seed === undefined ? loaded.scenario.seed : checkInteger(args.seed, '--seed', 0);
  const outcomes: ReplayOutcome[] = [];
  for (let i = 0; i < repeat; i++) {
    const outcome = await runReplay({ ...options, seed: firstSeed + i, cores });
    outcomes.push(outcome);
    if (repeat > 1) options.log(describeRun(outcome.report, i, repeat));
  }
  if (repeat > 1) {
    const repeats = fidelityRepeats(outcomes.map((o) => o.report));
    process.stdout.write(`${formatFidelityRepeats(repeats)}\n`);
    if (args.json) {
      writeFileSync(args.json, `${JSON.stringify(repeats, null, 2)}\n`);
      process.stdout.write(`fidelity over ${repeat} replays written to ${args.json}\n`);
    }
    return;
  }
  const { report, sent } = outcomes[0]!;
  process.stdout.write(`${formatFidelity(report)}\n`);
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`fidelity report written to ${args.json}\n`);
  }
  const label = `replay of ${report.scenario.name}/${report.candidate.name} (seed ${report.scenario.seed}) against ${report.target}`;
  if (args['write-overhead'] || args['write-profile']) {
    const measured = measureOverhead(loaded.profile, sent, label); // one rate: no deferred thread work (calibrate --serving-overhead measures two)
    if (args['write-overhead']) {
      writeOverhead(args['write-overhead'], measured);
      process.stdout.write(`engine overhead written to ${args['write-overhead']}: ${describeOverhead(measured)}\n`);
    }
    if (args['write-profile']) {
      writeProfile(args['write-profile'], profileWithOverhead(loaded.profile, measured));
      process.stdout.write(`profile with the engine's measured overhead (serving_overhead) written to ${args['write-profile']}\n`);
    }
  }
}

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: 'replay <scenario>',
  describe: 'Replay a scenario’s traffic open loop (same seed, same arrival times, real payloads) against a live engine and print measured vs predicted.',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file: its arrivals are sent, its candidate is predicted.' })
      .option('target', { type: 'string', describe: 'Base URL of the server, e.g. http://127.0.0.1:8000 (it must serve the candidate’s configuration).' })
      .option('serve', { type: 'boolean', describe: 'Start `servetwin serve` on a free loopback port with the candidate’s configuration, replay, then stop it.' })
      .option('candidate', { type: 'string', describe: 'The candidate the target serves (needed when the scenario has several).' })
      .option('config', { type: 'string', describe: 'Replay this serving config (servetwin.serving/v1) as the candidate instead.' })
      .option('protocol', { choices: ['binary', 'json'] as const, default: 'binary' as Protocol, describe: 'Tensor encoding: Triton’s binary tensor extension, or Open Inference Protocol JSON.' })
      .option('duration-s', { type: 'number', describe: 'Replay only the first this many seconds of the scenario (the prediction is cut the same way).' })
      .option('warmup-s', { type: 'number', describe: 'Seconds at the start left out of the statistics (default: the scenario’s, at most a quarter of a cut run).' })
      .option('seed', { type: 'number', describe: 'Seed for the arrivals and payloads, instead of the scenario’s own.' })
      .option('model', { type: 'string', describe: 'Model name on the target (default: the profile’s model, else ppocr-cls).' })
      .option('input-dims', { type: 'string', array: true, describe: 'Item shape of an input with dynamic non-batch axes, e.g. x=3x48x192. Repeatable.' })
      .option('timeout-ms', { type: 'number', default: 10_000, describe: 'A request unanswered after this long counts as a timeout.' })
      .option('max-lag-ms', {
        type: 'number',
        describe: `Mark the run invalid for fidelity when the generator’s p99 lag behind its schedule exceeds this (default: ${LAG_SHARE_OF_SLO * 100} % of the SLO’s latency, at least ${MIN_LAG_LIMIT_MS} ms).`,
      })
      .option('engine-cpus', { type: 'string', describe: 'With --serve: start the engine(s) on these cores (e.g. 1, 0-1, 0,2; split evenly among the replicas when they divide), via taskset. Default: the generator’s remaining cores when --generator-cpus is given, else unpinned.' })
      .option('generator-cpus', { type: 'string', describe: 'With --serve: pin this process (the load generator, every thread) to these cores, disjoint from --engine-cpus. Default: the engine’s remaining cores when --engine-cpus is given, else unpinned.' })
      .option('repeat', { type: 'number', default: 1, describe: 'Replay N times (seeds seed…seed+N−1, a fresh engine each time, the prediction with the same seeds) and give each percentile a 95 % interval and each error a verdict against the noise.' })
      .option('overhead', { type: 'string', describe: 'Predict with this engine overhead (servetwin.overhead/v1, from --write-overhead) instead of the profile’s own serving_overhead.' })
      .option('write-overhead', { type: 'string', describe: 'Measure the engine’s overhead beyond the forward pass from this replay’s Server-Timing headers and write it here (replay scenarios/fidelity-calibration.yaml: low load).' })
      .option('write-profile', { type: 'string', describe: 'Write the scenario’s profile with the engine’s overhead measured by this replay as its serving_overhead.' })
      .option('json', { type: 'string', describe: 'Write the comparison (servetwin.fidelity/v2; with --repeat N > 1, servetwin.fidelity-repeats/v1) here.' })
      .example('$0 replay scenarios/fidelity-light.yaml --serve', 'Start an engine with the candidate’s config, replay, compare.')
      .example('$0 replay scenarios/fidelity-light.yaml --serve --engine-cpus 1 --generator-cpus 0 --repeat 3', 'The engine on core 1, the generator on core 0; three replays, intervals and verdicts.')
      .example('$0 replay scenarios/ppocr-cls-peak.yaml --target http://127.0.0.1:8000 --candidate batch-8 --duration-s 30 --json f.json', 'Replay 30 s against a running server.') as unknown as Argv<ReplayArgs>,
  handler: action(run),
};
