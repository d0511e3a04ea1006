// `servetwin calibrate`: measures a model's batched forward passes into a profile (calibration/
// calibrate.ts) — with the HTTP path's CPU per request, the contention curve and, on request, the
// live engine's serving overhead — or imports one measured elsewhere (calibration/import-csv.ts).
// Validates every flag and the --out path before spending time measuring; prints a table, or the
// profile with --json, and warns on stderr where a figure's 95 % interval is wide
// (calibration/spread.ts). onnxruntime is imported only when the command runs, so other commands
// do not pay for loading it.
import type { Argv, CommandModule } from 'yargs';
import cliProgress from 'cli-progress';
import { DEFAULT_MODEL } from '../../common/builtin-models.js';
import { InputError } from '../../common/errors.js';
import type { MeasuredProfile, Profile } from '../../config/profile.js';
import { DEFAULT_BATCH_SIZES, validBatchSizes } from '../../calibration/batch-sizes.js';
import type { ImportFormat } from '../../calibration/import-csv.js';
import { assertWritable, writeProfile } from '../../config/profile-file.js';
import { formatProfile } from '../../reports/profile-table.js';
import { spreadWarnings, type SpreadSettings } from '../../calibration/spread.js';
import { action, checkInteger, interactive } from '../run.js';
import { ENGINE_FLAG, GENERATOR_FLAG, pinThisProcess, replayCores, resolvePinning } from '../cpu-pinning.js';

interface CalibrateArgs {
  model?: string;
  'batch-sizes'?: string;
  warmup: number;
  iterations: number;
  threads: number;
  dim?: string[];
  seed: number;
  out?: string;
  json: boolean;
  import?: string[];
  format?: ImportFormat;
  'host-label'?: string;
  'serving-overhead': boolean;
  'overhead-duration-s': number;
  'overhead-rate-rps'?: number;
  'engine-cpus'?: string;
  'generator-cpus'?: string;
  contention: boolean;
  'contention-duration-s': number;
  'contention-batch-size'?: number;
  'contention-max-busy'?: number;
  'http-path': boolean;
  'http-path-duration-s': number;
}

/** The contention curve's batch size when --contention-batch-size is absent: the largest measured size up to 8, else the smallest. */
export function defaultContentionBatchSize(batchSizes: readonly number[]): number {
  const upTo8 = batchSizes.filter((n) => n <= 8);
  return upTo8.length > 0 ? Math.max(...upTo8) : Math.min(...batchSizes);
}

/** Prints each wide-spread warning on stderr, prefixed with the command. */
export function warnSpread(profile: MeasuredProfile, settings: SpreadSettings, command: string): void {
  for (const line of spreadWarnings(profile, settings)) process.stderr.write(`${command}: warning: ${line}\n`);
}

/** `1,2,4` → [1, 2, 4]; anything but positive integers is an InputError naming the flag. */
export function parseBatchSizes(text: string, flag = '--batch-sizes'): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) {
    throw new InputError(`${flag}: expected a comma-separated list of positive integers (e.g. 1,2,4,8), got ${JSON.stringify(text)}`, {
      source: flag,
      found: text,
    });
  }
  return validBatchSizes(parts.map(Number), flag);
}

// Other verbs import it from here too; it lives in cli/run.ts so that `simulate` does not load this
// module (and cli-progress) for it.
export { checkInteger } from '../run.js';

/** A progress bar on stderr while `total` passes run, only when a person is watching. */
export function progressBar(): { start(total: number): void; update(done: number): void; stop(): void } {
  if (!interactive() || !process.stderr.isTTY) return { start() {}, update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'calibrating [{bar}] {value}/{total} passes | {eta_formatted} left', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    start: (total) => ((running = true), bar.start(total, 0)),
    update: (done) => bar.update(done),
    stop: () => (running ? ((running = false), bar.stop()) : undefined),
  };
}

function emit(profile: Profile, args: Pick<CalibrateArgs, 'out' | 'json'>): void {
  if (args.out) writeProfile(args.out, profile);
  if (args.json) {
    process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
    if (args.out) process.stderr.write(`profile written to ${args.out}\n`);
    return;
  }
  process.stdout.write(`${formatProfile(profile)}\n`);
  process.stdout.write(args.out ? `\nprofile written to ${args.out}\n` : '\n(not saved: add --out FILE to write the profile)\n');
}

async function run(args: CalibrateArgs): Promise<void> {
  // Everything that can be wrong with the flags is found before the model is loaded.
  if (args.out) assertWritable(args.out, '--out');
  if (args.import) {
    const flagsForMeasuring = (['model', 'dim', 'engine-cpus', 'generator-cpus'] as const).filter((k) => args[k] !== undefined);
    if (flagsForMeasuring.length > 0) {
      throw new InputError(`--import: imports a profile measured elsewhere, so --${flagsForMeasuring[0]} does not apply`, { source: '--import' });
    }
    const { importProfile } = await import('../../calibration/import-csv.js');
    const profile = importProfile({
      files: args.import,
      format: args.format,
      batchSizes: args['batch-sizes'] === undefined ? undefined : parseBatchSizesInOrder(args['batch-sizes']),
      hostLabel: args['host-label'],
    });
    emit(profile, args);
    return;
  }
  const batchSizes = parseBatchSizes(args['batch-sizes'] ?? DEFAULT_BATCH_SIZES.join(','));
  const overhead = args['serving-overhead']
    ? {
        durationS: positiveNumber(args['overhead-duration-s'], '--overhead-duration-s'),
        rateRps: args['overhead-rate-rps'] === undefined ? undefined : positiveNumber(args['overhead-rate-rps'], '--overhead-rate-rps'),
      }
    : null;
  // Pinned: the forward passes run on the engine's cores; the overhead replay's generator moves to its own.
  const pinning = resolvePinning({ engineCpus: args['engine-cpus'], generatorCpus: args['generator-cpus'] });
  if (pinning) pinThisProcess(pinning, pinning.engine, ENGINE_FLAG);
  const contention = args.contention
    ? {
        durationS: positiveNumber(args['contention-duration-s'], '--contention-duration-s'),
        batchSize:
          args['contention-batch-size'] === undefined ? defaultContentionBatchSize(batchSizes) : checkInteger(args['contention-batch-size'], '--contention-batch-size', 1),
        maxBusy: args['contention-max-busy'] === undefined ? undefined : checkInteger(args['contention-max-busy'], '--contention-max-busy', 1),
      }
    : undefined;
  const httpPath = args['http-path'] ? { durationS: positiveNumber(args['http-path-duration-s'], '--http-path-duration-s') } : undefined;
  const quietLog = (line: string) => (interactive() && process.stderr.isTTY ? process.stderr.write(`servetwin calibrate: ${line}\n`) : undefined);
  const { calibrate } = await import('../../calibration/calibrate.js');
  const bar = progressBar();
  try {
    const profile = await calibrate({
      model: args.model ?? DEFAULT_MODEL,
      batchSizes,
      warmup: checkInteger(args.warmup, '--warmup', 0),
      iterations: checkInteger(args.iterations, '--iterations', 1),
      threads: checkInteger(args.threads, '--threads', 1),
      dims: args.dim ?? [],
      seed: checkInteger(args.seed, '--seed', 0),
      onStart: (total) => bar.start(total),
      onProgress: (done) => bar.update(done),
      contention,
      httpPath,
      log: (line) => (bar.stop(), quietLog(line)),
    });
    bar.stop();
    let measured = profile;
    if (overhead) {
      const { measureEngineOverhead } = await import('../engine-overhead.js');
      if (pinning) pinThisProcess(pinning, pinning.generator, GENERATOR_FLAG);
      measured = await measureEngineOverhead(profile, {
        cores: pinning ? replayCores(pinning, 1) : null,
        model: args.model ?? DEFAULT_MODEL,
        ...overhead,
        seed: checkInteger(args.seed, '--seed', 0),
        log: (line) => process.stderr.write(`servetwin calibrate: ${line}\n`),
      });
    }
    emit(measured, args);
    warnSpread(
      measured,
      {
        contention: contention && { durationS: contention.durationS, flag: '--contention-duration-s' },
        httpPath: httpPath && { durationS: httpPath.durationS, flag: '--http-path-duration-s' },
        servingOverhead: overhead ? { durationS: overhead.durationS, flag: '--overhead-duration-s' } : undefined,
      },
      'servetwin calibrate',
    );
  } finally {
    bar.stop();
  }
}

function positiveNumber(value: unknown, flag: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InputError(`${flag}: expected a positive number, got ${JSON.stringify(value)}`, { source: flag });
  }
  return value;
}

/** For perf_analyzer imports the list pairs with the files, so it keeps its order. */
function parseBatchSizesInOrder(text: string): number[] {
  parseBatchSizes(text);
  return text.split(',').map((s) => Number(s.trim()));
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate',
  describe: 'Measure a model’s batched forward passes (onnxruntime-node) into a latency profile, or import one measured elsewhere.',
  builder: (y: Argv) =>
    y
      .option('model', { type: 'string', describe: `Builtin model name or .onnx file (default ${DEFAULT_MODEL}).` })
      .option('batch-sizes', {
        type: 'string',
        describe: `Comma-separated batch sizes to measure (default ${DEFAULT_BATCH_SIZES.join(',')}). With --import of perf_analyzer files: the batch size of each file, in order.`,
      })
      .option('warmup', { type: 'number', default: 5, describe: 'Unrecorded passes per batch size before measuring.' })
      .option('iterations', { type: 'number', default: 50, describe: 'Recorded passes per batch size.' })
      .option('threads', { type: 'number', default: 1, describe: 'onnxruntime intra-op threads (1 matches the engine: one session per worker thread).' })
      .option('dim', {
        type: 'string',
        array: true,
        describe: 'Pin a dynamic non-batch dimension: INPUT.AXIS=VALUE (e.g. x.3=320) or SYMBOL=VALUE (e.g. sequence=128). Repeatable.',
      })
      .option('seed', { type: 'number', default: 1, describe: 'Seed for the synthetic inputs and the interleaving order.' })
      .option('out', { type: 'string', describe: 'Write the profile JSON here (checked for writability before measuring). Without it the profile is only printed.' })
      .option('serving-overhead', {
        type: 'boolean',
        default: false,
        describe: 'Then measure what servetwin serve pays beyond the forward pass on this machine (a low-load replay, read from Server-Timing) and store it in the profile as serving_overhead.',
      })
      .option('overhead-duration-s', { type: 'number', default: 20, describe: 'With --serving-overhead: seconds of traffic.' })
      .option('overhead-rate-rps', { type: 'number', describe: 'With --serving-overhead: requests per second (default: a fifth of one instance’s batch-1 capacity).' })
      .option('engine-cpus', { type: 'string', describe: 'Run the forward passes (and, with --serving-overhead, the engine) on these cores, e.g. 1 or 0-1, via taskset; the generator then runs on --generator-cpus.' })
      .option('generator-cpus', { type: 'string', describe: 'With --serving-overhead: the overhead replay’s load generator on these cores, disjoint from --engine-cpus (default: the rest).' })
      .option('contention', {
        type: 'boolean',
        default: true,
        describe: 'Measure the forward pass with 1…N instances busy at once (N = the cores this process may use + 1) and store the curve as contention (--no-contention to skip).',
      })
      .option('contention-duration-s', { type: 'number', default: 3, describe: 'Seconds of forward passes per busy level of the contention curve.' })
      .option('contention-batch-size', { type: 'number', describe: 'Batch size of the contention curve’s passes (default: the largest of --batch-sizes up to 8).' })
      .option('contention-max-busy', { type: 'number', describe: 'Largest number of instances busy at once (default: the cores this process may use, rounded up, + 1).' })
      .option('http-path', {
        type: 'boolean',
        default: true,
        describe: 'Measure the engine’s HTTP-thread CPU per request for this model’s payload, binary and JSON, and store it as http_path (--no-http-path to skip).',
      })
      .option('http-path-duration-s', { type: 'number', default: 0.3, describe: 'CPU seconds per HTTP-path figure (four figures).' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the profile JSON to stdout instead of the table.' })
      .option('import', {
        type: 'string',
        array: true,
        describe: 'Import latencies measured elsewhere from CSV file(s) instead of measuring (see docs/calibrate.md). Repeatable.',
      })
      .option('format', { choices: ['csv', 'perf_analyzer'] as const, describe: 'Format of the --import files (detected from the header when absent).' })
      .option('host-label', { type: 'string', describe: 'With --import: where the numbers were measured, e.g. "A10G, Triton 24.05".' })
      .example('$0 calibrate --serving-overhead --out profile.json', 'Also measure what servetwin serve pays beyond the forward pass on this machine.')
      .example('$0 calibrate --batch-sizes 1,4,16 --iterations 10 --out /tmp/p.json', 'Measure the bundled classifier.')
      .example('$0 calibrate --model ppocr-rec --dim x.3=320', 'Measure the recogniser at width 320.')
      .example('$0 calibrate --import pa-b8.csv --batch-sizes 8 --host-label A10G --out gpu.json', 'Import a perf_analyzer run.') as unknown as Argv<CalibrateArgs>,
  handler: action(run),
};
