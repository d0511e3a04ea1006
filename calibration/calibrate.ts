// `calibrate` as a function: loads a model into onnxruntime-node (timing the cold start and the
// memory it takes), synthesises inputs from its metadata, measures batched forward passes and
// returns a measured profile; on request also the HTTP path's CPU per request and the contention
// curve. The CLI (cli/commands/calibrate.ts) and `start` call it; the modules beside it do the
// parts (synthesize-inputs, measure, statistics, host, http-path, contention).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createSession, type Session } from '../engine/ort-session.js';
import { resolveModel } from '../common/model-file.js';
import { InputError, errorMessage } from '../common/errors.js';
import { stream } from '../common/rng.js';
import { PROFILE_SCHEMA_ID, type MeasuredProfile } from '../config/profile.js';
import { describeHost } from './host.js';
import { measure } from './measure.js';
import { measureContention } from './contention.js';
import { measureHttpPath } from './http-path.js';
import { summarize, tukeyOutliers } from './statistics.js';
import { makeFeeds, parseDimPins, planInputs, type InputPlan } from './synthesize-inputs.js';
import { validBatchSizes } from './batch-sizes.js';

export { DEFAULT_BATCH_SIZES, validBatchSizes } from './batch-sizes.js';

export interface CalibrateOptions {
  /** Builtin name or .onnx path; ppocr-cls when absent. */
  model?: string;
  batchSizes: readonly number[];
  warmup: number;
  iterations: number;
  /** intraOpNumThreads: 1 matches the engine (one session per worker thread). */
  threads: number;
  /** `--dim` values, on top of a builtin model's pinned dimensions. */
  dims?: readonly string[];
  seed?: number | string;
  /** Called when the model is loaded, with the number of passes to come. */
  onStart?: (passes: number) => void;
  onProgress?: (done: number, total: number) => void;
  /** Also measure the forward pass with 1…maxBusy instances busy at once; absent: not measured. */
  contention?: ContentionRequest;
  /** Also measure the HTTP path's CPU per request, about `durationS` CPU seconds per figure; absent: not measured. */
  httpPath?: { durationS: number };
  /** A line for a person when a measurement starts. */
  log?: (line: string) => void;
}

export interface ContentionRequest {
  batchSize: number;
  /** Busy levels 1…maxBusy; default ceil(host.cpus) + 1, so one level oversubscribes the cores. */
  maxBusy?: number;
  /** Seconds of passes per busy level. */
  durationS: number;
}

/** Blocks of the contention measurement: about half a second each, 4 to 20. */
export function contentionBlocks(durationS: number): number {
  return Math.max(4, Math.min(20, Math.round(durationS / 0.5)));
}

/** Blocks of each HTTP-path figure. */
export const HTTP_PATH_BLOCKS = 10;

async function loadSession(file: string, threads: number): Promise<Session> {
  try {
    // The engine's own session factory: the profile measures the session setup that will serve.
    return await createSession(file, { intraOpThreads: threads });
  } catch (err) {
    const why = errorMessage(err).split('\n')[0]!.trim();
    throw new InputError(`${file}: expected an ONNX model, but onnxruntime could not load it (${why})`, { source: file, expected: 'an ONNX model' });
  }
}

function shapeAt(plans: readonly InputPlan[], batchSize: number): string {
  return plans.map((p) => `${p.name} [${p.synthesizedShape.map((d, i) => (i === 0 ? batchSize : d)).join(',')}]`).join(', ');
}

export async function calibrate(options: CalibrateOptions): Promise<MeasuredProfile> {
  const batchSizes = validBatchSizes(options.batchSizes);
  const seed = options.seed ?? 1;
  const ref = resolveModel(options.model);
  const sha256 = createHash('sha256').update(readFileSync(ref.file)).digest('hex');

  // Cold start: session creation, then the first run, timed separately; memory around both
  // (the synthetic inputs are allocated in between and left out of the growth).
  const before = process.memoryUsage();
  const createStart = performance.now();
  const session = await loadSession(ref.file, options.threads);
  const sessionCreateMs = performance.now() - createStart;
  const afterCreate = process.memoryUsage();
  try {
    const plans = planInputs(session.inputMetadata, parseDimPins(options.dims ?? [], ref.pinnedDims), ref.file);
    const u = stream(seed, 'calibrate:inputs');
    const feeds = new Map(batchSizes.map((n) => [n, makeFeeds(plans, n, u)]));
    const first = batchSizes[0]!;
    const beforeFirst = process.memoryUsage();
    const firstStart = performance.now();
    try {
      await session.run(feeds.get(first)!);
    } catch (err) {
      throw new InputError(
        `${ref.file}: the model failed to run on synthesised inputs ${shapeAt(plans, first)} (${errorMessage(err).split('\n')[0]!.trim()}); check --dim`,
        { source: ref.file },
      );
    }
    const firstRunMs = performance.now() - firstStart;
    const afterFirst = process.memoryUsage();
    const growth = (key: 'rss' | 'heapUsed' | 'external') => afterCreate[key] - before[key] + (afterFirst[key] - beforeFirst[key]);

    options.onStart?.((options.warmup + options.iterations) * batchSizes.length);
    const samples = await measure(session, (n) => feeds.get(n)!, { batchSizes, warmup: options.warmup, iterations: options.iterations, seed }, options.onProgress);

    const host = describeHost();
    let httpPath = null;
    if (options.httpPath) {
      options.log?.(`measuring the HTTP path's CPU per request (binary and JSON bodies of one item, ${options.httpPath.durationS} s per figure)…`);
      const one = makeFeeds(plans, 1, stream(seed, 'calibrate:http-path'));
      httpPath = measureHttpPath({
        modelName: ref.name,
        inputMetadata: session.inputMetadata,
        outputMetadata: session.outputMetadata,
        itemDims: Object.fromEntries(plans.map((p) => [p.name, p.synthesizedShape.slice(1)])),
        feeds: one,
        outputs: await session.run(one),
        durationS: options.httpPath.durationS,
        blocks: HTTP_PATH_BLOCKS,
      });
    }
    let contention = null;
    if (options.contention) {
      const c = options.contention;
      const maxBusy = c.maxBusy ?? Math.ceil(host.cpus ?? host.cores) + 1;
      options.log?.(`measuring contention: 1…${maxBusy} instances busy at once, batch ${c.batchSize}, ${c.durationS} s per level…`);
      contention = await measureContention({
        file: ref.file,
        intraOpThreads: options.threads,
        batchSize: c.batchSize,
        feeds: makeFeeds(plans, c.batchSize, stream(seed, 'calibrate:contention-inputs')),
        maxBusy,
        durationS: c.durationS,
        blocks: contentionBlocks(c.durationS),
        cpus: host.cpus ?? host.cores,
        seed,
      });
    }

    return {
      schema: PROFILE_SCHEMA_ID,
      kind: 'measured',
      host,
      model: {
        name: ref.name,
        path: ref.builtin ? `builtin:${ref.name}` : ref.file,
        sha256,
        inputs: plans.map((p) => ({ name: p.name, dtype: p.dtype, shape: p.shape, synthesized_shape: p.synthesizedShape, item_bytes: p.itemBytes })),
      },
      threads: { intra_op: options.threads },
      cold_start: {
        session_create_ms: Math.round(sessionCreateMs * 1000) / 1000,
        first_run_ms: Math.round(firstRunMs * 1000) / 1000,
        memory_rss_growth_bytes: growth('rss'),
        heap_growth_bytes: growth('heapUsed'),
        external_growth_bytes: growth('external'),
      },
      batches: batchSizes.map((n) => {
        const s = samples.get(n)!;
        return { ...summarize(n, s), outliers: tukeyOutliers(s) };
      }),
      ...(contention ? { contention } : {}),
      ...(httpPath ? { http_path: httpPath } : {}),
      measured_at: new Date().toISOString(),
      settings: { warmup: options.warmup, iterations: options.iterations, order: 'interleaved-shuffled', seed },
    };
  } finally {
    await session.release();
  }
}
