// What the live engine pays beyond the profile's forward pass, measured — not fitted — from one
// replay: every answer carries the engine's Server-Timing (engine/http/routes.ts), so each part
// has its own samples. ingress and egress (the HTTP thread's work per request, which the
// simulator queues on one thread per replica), the instance's time beyond the forward pass
// (per_batch_ms), the live forward pass over the profiled one for the same batch sizes
// (compute_scale), and what lies outside the server (client_ms: the generator's HTTP work, its
// lag behind schedule, loopback). Measure at low load (scenarios/fidelity-calibration.yaml),
// where waits are rare, so the samples are service times. The result is the profile's
// `serving_overhead` (config/serving-overhead.ts), kept in a servetwin.overhead/v1 file or
// written into the profile; applyOverhead makes a scenario predict the live engine with it.
import { readFileSync, writeFileSync } from 'node:fs';
import { quantileSorted } from 'simple-statistics';
import * as z from 'zod';
import { InputError, errorMessage } from '../common/errors.js';
import { parseConfig } from '../config/validate.js';
import type { Delay } from '../config/delay.js';
import type { ParametricProfile, Profile } from '../config/profile.js';
import { ServingOverheadSchema, type ServingOverhead } from '../config/serving-overhead.js';
import { serviceTimeFor } from '../simulator/fleet/service-time.js';
import type { LoadedScenario } from '../simulator/simulate.js';
import type { SendReport } from './sender.js';
import type { ServerFigures } from './server-metrics.js';

export const OVERHEAD_SCHEMA_ID = 'servetwin.overhead/v1';

const OverheadFileSchema = z.strictObject({
  schema: z.literal(OVERHEAD_SCHEMA_ID).default(OVERHEAD_SCHEMA_ID),
  ...ServingOverheadSchema.shape,
});

/** Requests with a Server-Timing needed before the overhead is worth measuring. */
export const MIN_TIMED_REQUESTS = 50;
/** Points of each measured distribution: every percentile, 0 to 100. */
const QUANTILES = 101;

export function loadOverhead(file: string): ServingOverhead {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`--overhead: expected a ${OVERHEAD_SCHEMA_ID} JSON file, but ${file} cannot be read (${errorMessage(err)})`, { source: '--overhead' });
  }
  const { schema: _schema, ...overhead } = parseConfig(OverheadFileSchema, raw, file);
  return overhead;
}

export function writeOverhead(file: string, o: ServingOverhead): void {
  writeFileSync(file, `${JSON.stringify({ schema: OVERHEAD_SCHEMA_ID, ...o }, null, 2)}\n`);
}

/** Each part's samples over the measured, successful, timed requests of a replay (one entry per request, in order). */
export interface OverheadSamples {
  ingress: number[];
  queue: number[];
  /** Server-Timing `instance`: the forward pass and the round trip to the worker. */
  instance: number[];
  /** The part of it beyond the forward pass. */
  instanceExtra: number[];
  compute: number[];
  egress: number[];
  batch: number[];
  client: number[];
  /** Server-Timing `idle`: the instance's idle time before the forward pass (NaN where the engine sent none). */
  idle: number[];
}

export function overheadSamples(sent: SendReport): OverheadSamples {
  const { scheduledMs, doneMs, status } = sent.records;
  const t = sent.timing;
  const s: OverheadSamples = { ingress: [], queue: [], instance: [], instanceExtra: [], compute: [], egress: [], batch: [], client: [], idle: [] };
  // The sender counts as measured the last `measured` requests (those scheduled after the warm-up).
  for (let i = scheduledMs.length - sent.measured; i < scheduledMs.length; i++) {
    if (status[i] !== 200 || !t.has(i)) continue;
    s.ingress.push(t.get(i, 'ingress'));
    s.queue.push(t.get(i, 'queue'));
    s.instance.push(t.get(i, 'instance'));
    s.instanceExtra.push(Math.max(0, t.get(i, 'instance') - t.get(i, 'compute')));
    s.compute.push(t.get(i, 'compute'));
    s.egress.push(t.get(i, 'egress'));
    s.batch.push(t.get(i, 'batch'));
    s.client.push(Math.max(0, doneMs[i]! - scheduledMs[i]! - t.get(i, 'total')));
    s.idle.push(t.get(i, 'idle'));
  }
  return s;
}

/**
 * The engine's overhead as this replay measured it. Each distribution is the samples' own
 * percentiles; compute_scale weighs each request's forward pass against the profile's mean for the
 * same batch size; per_batch_ms is the mean instance time beyond the forward pass.
 */
export function measureOverhead(profile: Profile | ParametricProfile, sent: SendReport, source: string, loads: ThreadLoad[] = []): ServingOverhead {
  const samples = overheadSamples(sent);
  return withAfterIdle(overheadFromSamples(profile, samples, source, loads), profile, samples);
}

/**
 * The HTTP thread over one replay: the share of the window it was busy, the share it was on a CPU
 * (null where the engine does not report its CPU time), and requests answered per second.
 */
export interface ThreadLoad {
  busyShare: number;
  cpuShare?: number | null;
  rps: number;
}

/** The thread's load over a replay's measured window of `windowS` seconds, from the engine's /metrics (null without them). */
export function threadLoad(server: ServerFigures | null, windowS: number): ThreadLoad | null {
  if (!server || server.event_loop_busy_ms <= 0 || windowS <= 0) return null;
  const answered = server.success + Object.values(server.failures).reduce((a, x) => a + x, 0);
  const cpuShare = server.http_thread_cpu_ms === null || server.http_thread_cpu_ms === undefined ? null : server.http_thread_cpu_ms / (windowS * 1000);
  return { busyShare: server.event_loop_busy_ms / (windowS * 1000), cpuShare, rps: answered / windowS };
}

/**
 * As measureOverhead, from samples. `deferred_ms`, the HTTP thread's work per request beyond
 * ingress and egress, needs the thread's load at two rates or more: the slope of its CPU share (or,
 * from an engine that does not report CPU time, its busy share) against the rate is its work per
 * request (the intercept is background work — timers, idle-time GC — that does not grow with
 * traffic and is not modelled); with fewer it is 0. CPU time first: busy time also grows when the
 * thread waits for a core someone else holds (the load generator, a neighbour), which the
 * simulator's CPU model adds on its own — counted in the work, it would be counted twice.
 */
export function overheadFromSamples(profile: Profile | ParametricProfile, s: OverheadSamples, source: string, loads: ThreadLoad[] = []): ServingOverhead {
  if (s.ingress.length < MIN_TIMED_REQUESTS) {
    throw new Error(
      `--write-overhead: only ${s.ingress.length} successful measured answers carried a Server-Timing header (need ${MIN_TIMED_REQUESTS}); is the target servetwin serve, and the replay long enough?`,
    );
  }
  const forward = serviceTimeFor(profile, { forwardPassOnly: true });
  let live = 0;
  let profiled = 0;
  for (let i = 0; i < s.compute.length; i++) {
    live += s.compute[i]!;
    profiled += forward.mean(Math.max(1, Math.round(s.batch[i]!)));
  }
  const inAndOut = s.ingress.reduce((a, x, i) => a + x + s.egress[i]!, 0) / s.ingress.length;
  const perRequest = threadWorkPerRequestMs(loads);
  return {
    source,
    compute_scale: round(profiled > 0 ? live / profiled : 1),
    per_batch_ms: round(s.instanceExtra.reduce((a, x) => a + x, 0) / s.instanceExtra.length),
    ingress_ms: empirical(s.ingress),
    egress_ms: empirical(s.egress),
    deferred_ms: perRequest === null ? 0 : round(Math.max(0, perRequest - inAndOut)),
    client_ms: empirical(s.client),
  };
}

/** `o` with the after-idle curve measured from `s`, where there is one (calibration passes the samples of both its rates). */
export function withAfterIdle(o: ServingOverhead, profile: Profile | ParametricProfile, s: OverheadSamples): ServingOverhead {
  const curve = afterIdle(profile, s);
  return curve === undefined ? o : { ...o, after_idle: curve };
}

/** Upper edges of the idle-time groups, ms; the last group is open. The first is the reference: passes that followed another. */
export const IDLE_GROUP_EDGES_MS = [1, 2, 5, 10, 20, 50] as const;
/** Timed requests a group needs before its mean is kept. */
export const MIN_IDLE_GROUP_REQUESTS = 20;

/**
 * The after-idle curve (config/serving-overhead.ts `after_idle`): requests grouped by their
 * instance's idle time before the forward pass; per group, the mean of (live forward pass − the
 * profile's mean at that batch size), less the same mean of the reference group (idle < 1 ms: a
 * pass straight after another, whose excess is the contention of the moment, which the CPU model
 * adds by itself). Measured, not fitted: each point is a group's mean; groups with fewer than
 * MIN_IDLE_GROUP_REQUESTS are left out, and the reference is the first group that has enough.
 * Undefined when the engine reports no idle times or fewer than two groups have enough.
 */
export function afterIdle(profile: Profile | ParametricProfile, s: OverheadSamples): ServingOverhead['after_idle'] {
  const forward = serviceTimeFor(profile, { forwardPassOnly: true });
  const groups = IDLE_GROUP_EDGES_MS.length + 1;
  const n = new Array<number>(groups).fill(0);
  const idleSum = new Array<number>(groups).fill(0);
  const extraSum = new Array<number>(groups).fill(0);
  for (let i = 0; i < s.compute.length; i++) {
    const idle = s.idle[i];
    if (idle === undefined || !Number.isFinite(idle)) continue;
    let g = IDLE_GROUP_EDGES_MS.findIndex((edge) => idle < edge);
    if (g < 0) g = groups - 1;
    n[g]!++;
    idleSum[g]! += idle;
    extraSum[g]! += s.compute[i]! - forward.mean(Math.max(1, Math.round(s.batch[i]!)));
  }
  const kept = n.flatMap((count, g) => (count >= MIN_IDLE_GROUP_REQUESTS ? [g] : []));
  if (kept.length < 2) return undefined;
  const reference = extraSum[kept[0]!]! / n[kept[0]!]!;
  return kept.map((g) => ({ idle_ms: round(idleSum[g]! / n[g]!), extra_ms: round(Math.max(0, extraSum[g]! / n[g]! - reference)), requests: n[g]! }));
}

/** Least-squares slope of CPU share (else busy share) against rate, in ms of thread work per request (null below two distinct rates). */
export function threadWorkPerRequestMs(loads: ThreadLoad[]): number | null {
  if (loads.length < 2) return null;
  const byCpu = loads.every((l) => typeof l.cpuShare === 'number');
  const share = (l: ThreadLoad): number => (byCpu ? l.cpuShare! : l.busyShare);
  const mx = loads.reduce((a, l) => a + l.rps, 0) / loads.length;
  const my = loads.reduce((a, l) => a + share(l), 0) / loads.length;
  let sxx = 0;
  let sxy = 0;
  for (const l of loads) {
    sxx += (l.rps - mx) ** 2;
    sxy += (l.rps - mx) * (share(l) - my);
  }
  return sxx > 0 ? (sxy / sxx) * 1000 : null;
}

/** A measured distribution: its percentiles 0…100. */
export function empirical(samples: readonly number[]): Delay {
  const sorted = [...samples].sort((a, b) => a - b);
  return { kind: 'empirical', quantiles_ms: Array.from({ length: QUANTILES }, (_, k) => round(quantileSorted(sorted, k / (QUANTILES - 1)))) };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * The scenario as the simulator should see it to predict the live engine: the profile with the
 * overhead (`o`, else the profile's own `serving_overhead`, else none), and the client side as the
 * network's round trip, half each way (it occupies no server). The scenario's own network is
 * replaced: replay measures over the link to --target, not the one the scenario plans for.
 */
export function applyOverhead(loaded: LoadedScenario, o: ServingOverhead | null): LoadedScenario {
  const overhead = o ?? loaded.profile.serving_overhead ?? null;
  const profile = overhead ? { ...loaded.profile, serving_overhead: overhead } : loaded.profile;
  const network = overhead?.client_ms ? { delay: overhead.client_ms, delay_is: 'rtt' as const, request_bytes_per_item: 0, response_bytes_per_item: 0 } : undefined;
  return { ...loaded, profile, scenario: { ...loaded.scenario, network } };
}

/** One line for a person: medians of the parts and the factors. */
export function describeOverhead(o: ServingOverhead): string {
  const med = (d: Delay | undefined) => (d === undefined ? 'n/a' : `${medianOf(d).toFixed(3)} ms`);
  return `ingress ${med(o.ingress_ms)}, egress ${med(o.egress_ms)} (medians), deferred ${o.deferred_ms.toFixed(3)} ms (on the HTTP thread), ${o.per_batch_ms.toFixed(3)} ms per batch, forward pass × ${o.compute_scale.toFixed(3)}, client side ${med(o.client_ms)} (${o.source})`;
}

function medianOf(d: Delay): number {
  switch (d.kind) {
    case 'constant':
      return d.ms;
    case 'exponential':
      return d.mean_ms * Math.LN2;
    case 'uniform':
      return (d.min_ms + d.max_ms) / 2;
    case 'lognormal':
      return d.mean_ms / Math.sqrt(1 + d.cv * d.cv);
    case 'empirical':
      return quantileSorted(d.quantiles_ms, 0.5);
  }
}
