// What the live engine pays beyond the forward pass, as a small model the prediction can include:
// a fixed time per request outside any queue (HTTP on both ends, body copy, decode, encode), a
// fixed time per batch that keeps the instance busy (worker messaging, tensor wrapping), and a
// factor on the forward pass itself (the profile was measured alone; live, the instances share the
// cores with the HTTP thread). Estimated from a low-load replay (estimateOverhead), stored as
// servetwin.overhead/v1 JSON, and applied to a scenario by applyOverhead until the simulator models
// it natively (see docs/replay-and-check.md, "What the twin models").
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, errorMessage } from '../common/errors.js';
import { parseConfig } from '../config/validate.js';
import type { ParametricProfile, Profile } from '../config/profile.js';
import type { Delay, Network } from '../config/scenario.js';
import { serviceTimeFor } from '../calibration/service-time.js';
import type { LoadedScenario } from '../simulator/simulate.js';
import type { SendReport } from './sender.js';
import type { ServerFigures } from './server-metrics.js';

export const OVERHEAD_SCHEMA_ID = 'servetwin.overhead/v1';

export const OverheadSchema = z.strictObject({
  schema: z.literal(OVERHEAD_SCHEMA_ID).default(OVERHEAD_SCHEMA_ID),
  per_request_ms: z
    .number()
    .min(0)
    .describe('Median time each request spends outside the batcher queue, the instance and the forward pass (client and server HTTP, body copies, decode, encode, the client’s lag behind schedule), ms.'),
  per_request_p99_ms: z
    .number()
    .min(0)
    .optional()
    .describe('Its 99th percentile, ms: with it the per-request time is lognormal (GC and scheduling pauses give it a long tail); without it, constant.'),
  per_batch_ms: z.number().min(0).describe('Time an instance stays busy per batch beyond the forward pass (worker messaging, tensor wrapping), ms.'),
  compute_scale: z.number().positive().describe('Live forward-pass time over the profile’s, for the same batch sizes (1: as profiled).'),
  source: z.string().describe('How it was measured.'),
});

export type OverheadModel = z.output<typeof OverheadSchema>;

export function loadOverhead(file: string): OverheadModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`--overhead: expected a ${OVERHEAD_SCHEMA_ID} JSON file, but ${file} cannot be read (${errorMessage(err)})`, { source: '--overhead' });
  }
  return parseConfig(OverheadSchema, raw, file);
}

export function writeOverhead(file: string, o: OverheadModel): void {
  writeFileSync(file, `${JSON.stringify(o, null, 2)}\n`);
}

/** Median and p99 latency of a simulation of the replayed scenario with overhead `o`. */
export type SimulateWith = (o: OverheadModel) => { p50: number; p99: number };

/**
 * Estimates the overhead from one replay at low load, each part from its own measurement:
 *  - compute_scale: the server's mean forward pass per batch over the profile's mean for the same
 *    batch sizes (the engine's batch-size histogram);
 *  - per_batch_ms: given (the instance round trip beyond the forward pass cannot be seen from
 *    outside the engine; bench/fidelity.ts measures it on the instance pool directly);
 *  - per_request_ms and per_request_p99_ms: the lognormal per-request time for which the simulated
 *    median and p99 land on the measured ones (latency from the scheduled send, as replay reports
 *    it: so it holds the client's side too — its HTTP work and its lag behind schedule). At low
 *    load the per-request time adds to the rest almost independently, so a few corrections of
 *    both quantiles by the remaining gap converge.
 */
export function estimateOverhead(
  profile: Profile | ParametricProfile,
  sent: SendReport,
  server: ServerFigures,
  source: string,
  simulateWith: SimulateWith,
  perBatchMs = 0,
): OverheadModel {
  const base: OverheadModel = { schema: OVERHEAD_SCHEMA_ID, per_request_ms: 0, per_batch_ms: perBatchMs, compute_scale: liveComputeScale(profile, server), source };
  const target = sent.latencyMs;
  const bare = simulateWith(base);
  let median = Math.max(0.01, target.p50 - bare.p50);
  let p99 = Math.max(median, target.p99 - bare.p50);
  for (let i = 0; i < 8; i++) {
    const got = simulateWith({ ...base, per_request_ms: median, per_request_p99_ms: p99 });
    median = Math.max(0.01, median + target.p50 - got.p50);
    p99 = Math.max(median, p99 + target.p99 - got.p99);
  }
  return { ...base, per_request_ms: round(median), per_request_p99_ms: round(p99), per_batch_ms: round(perBatchMs), compute_scale: round(base.compute_scale) };
}

/** The server's mean forward pass per batch over the profile's mean for the same batch sizes. */
export function liveComputeScale(profile: Profile | ParametricProfile, server: ServerFigures): number {
  const service = serviceTimeFor(profile);
  let profiled = 0;
  let batches = 0;
  for (const [le, count] of Object.entries(server.batch_size_buckets)) {
    // Buckets are upper bounds (1, 2, 3, 4, 6, 8, 12, 16, …): exact up to 4, within a size or two above.
    const size = le === '+Inf' ? server.mean_batch_size : Number(le);
    profiled += service.mean(Math.max(1, Math.round(size))) * count;
    batches += count;
  }
  const profiledPerBatch = batches > 0 ? profiled / batches : service.mean(1);
  return profiledPerBatch > 0 && server.compute_ms_per_batch > 0 ? server.compute_ms_per_batch / profiledPerBatch : 1;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * The scenario as the simulator should see it to predict the live engine: the forward pass scaled
 * and lengthened per batch (a transformed copy of the profile), and the per-request overhead as a
 * round-trip delay of the network path, half each way (it occupies no instance, which is how the
 * simulator treats its network). The scenario's own network is replaced: replay measures
 * over the link to --target, not the one the scenario plans for.
 */
export function applyOverhead(loaded: LoadedScenario, o: OverheadModel | null): LoadedScenario {
  const network: Network | undefined =
    o && o.per_request_ms > 0 ? { delay: perRequestDelay(o), delay_is: 'rtt', request_bytes_per_item: 0, response_bytes_per_item: 0 } : undefined;
  const profile = o ? transformProfile(loaded.profile, o.compute_scale, o.per_batch_ms) : loaded.profile;
  return { ...loaded, profile, scenario: { ...loaded.scenario, network } };
}

const Z99 = 2.3263478740408408;

/** The per-request time as a delay distribution: lognormal through its median and p99, or constant. */
export function perRequestDelay(o: OverheadModel): Delay {
  const m = o.per_request_ms;
  const q = o.per_request_p99_ms;
  if (q === undefined || q <= m * 1.0001) return { kind: 'constant', ms: m };
  const sigma = Math.log(q / m) / Z99;
  return { kind: 'lognormal', mean_ms: m * Math.exp((sigma * sigma) / 2), cv: Math.sqrt(Math.exp(sigma * sigma) - 1) };
}

/** Every service time t of the profile becomes scale·t + add (samples and their summaries alike). */
export function transformProfile<P extends Profile | ParametricProfile>(profile: P, scale: number, add: number): P {
  if (scale === 1 && add === 0) return profile;
  const f = (t: number) => t * scale + add;
  if (profile.kind === 'measured' || profile.kind === 'imported') {
    return {
      ...profile,
      batches: profile.batches.map((b) => ({
        ...b,
        samples_ms: b.samples_ms.map(f),
        p50_ms: f(b.p50_ms),
        p90_ms: f(b.p90_ms),
        p99_ms: f(b.p99_ms),
        mean_ms: f(b.mean_ms),
        stddev_ms: b.stddev_ms * scale,
        items_per_s: b.batch_size / (f(b.mean_ms) / 1000),
      })),
    } as P;
  }
  const mean = profile.mean_ms;
  const scaled = typeof mean === 'number' ? f(mean) : { base_ms: f(mean.base_ms), per_item_ms: mean.per_item_ms * scale };
  return { ...profile, mean_ms: scaled } as P;
}
