// `calibrate --serving-overhead`: after the forward passes, measure what the live engine pays
// beyond them on this machine and store it in the profile (`serving_overhead`), so `simulate`,
// `check` and the sweep predict the engine rather than the bare model. It starts `servetwin serve`
// once, with one instance and no batching, replays a short unrecorded warm-up, then K blocks, each
// a low-load Poisson replay at about a fifth of one instance's capacity (waits are rare, so each
// answer's Server-Timing shows service times; every part is measured from those headers,
// replay/overhead.ts) followed by one at twice that rate for half as long (the HTTP thread's busy
// time at two rates gives its work per request). Each figure is measured over all blocks; its
// 95 % interval comes from the blocks' spread (independent replays, not the autocorrelated
// requests inside one). Called by cli/commands/calibrate.ts and start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MeasuredProfile } from '../config/profile.js';
import type { ServingOverhead } from '../config/serving-overhead.js';
import { writeProfile } from '../config/profile-file.js';
import { scenarioFromObject } from '../simulator/scenario/load-scenario.js';
import { runReplay, threadLoadOf } from '../replay/run-replay.js';
import type { ReplayCores } from '../replay/placement.js';
import { MIN_TIMED_REQUESTS, overheadFromSamples, withAfterIdle, overheadSamples, type OverheadSamples, type ThreadLoad } from '../replay/overhead.js';
import { startLocalEngine } from '../replay/local-engine.js';
import { blockInterval, meanOf } from '../calibration/statistics.js';

export interface EngineOverheadOptions {
  /** The model as --model gave it (a builtin name or an .onnx file): what the engine serves. */
  model: string;
  /** Seconds of low-rate traffic over all blocks (the high rate runs half as long again). */
  durationS: number;
  /** Requests per second (default: a fifth of batch-1 capacity by the profile's median). */
  rateRps?: number;
  seed: number;
  /** Where the engine runs (cli/cpu-pinning.ts replayCores; the caller pins the generator); absent: unpinned. */
  cores?: ReplayCores | null;
  log?: (line: string) => void;
}

/** Seconds of unrecorded traffic after the engine starts (JIT, first allocations, connections). */
export const OVERHEAD_WARMUP_S = 2;

/**
 * Blocks: as many as keep each block at 2 s or more and at twice the timed requests the overhead
 * needs (MIN_TIMED_REQUESTS), from 2 to 10.
 */
export function overheadBlocks(durationS: number, rateRps: number): number {
  return Math.max(2, Math.min(10, Math.floor(durationS / 2), Math.floor((rateRps * durationS) / (2 * MIN_TIMED_REQUESTS))));
}

function concat(parts: OverheadSamples[]): OverheadSamples {
  const keys = Object.keys(parts[0]!) as (keyof OverheadSamples)[];
  return Object.fromEntries(keys.map((k) => [k, parts.flatMap((p) => p[k])])) as unknown as OverheadSamples;
}

export async function measureEngineOverhead(profile: MeasuredProfile, opts: EngineOverheadOptions): Promise<MeasuredProfile> {
  const smallest = profile.batches[0]!;
  const rate = opts.rateRps ?? Math.max(1, Math.round((0.2 * 1000 * smallest.batch_size) / smallest.p50_ms));
  const blocks = overheadBlocks(opts.durationS, rate);
  const blockS = opts.durationS / blocks;
  const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-calibrate-'));
  try {
    const file = path.join(dir, 'profile.json');
    writeProfile(file, profile);
    const scenarioAt = (rps: number, durationS: number, warmupS: number) =>
      scenarioFromObject(
        {
          schema: 'servetwin.scenario/v1',
          name: 'serving-overhead',
          seed: opts.seed,
          duration_s: durationS,
          warmup_s: warmupS,
          profile: { file },
          traffic: { arrivals: { kind: 'poisson', rate_rps: rps } },
          slo: { latency_ms: 1000, percentile: 99 },
          candidates: [{ name: 'one-instance', instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 64 } }],
        },
        dir,
        'calibrate --serving-overhead',
      );
    const inputDims = Object.fromEntries(profile.model.inputs.map((i) => [i.name, i.synthesized_shape.slice(1)]));
    const warmup = scenarioAt(rate, OVERHEAD_WARMUP_S, 0);
    opts.log?.(
      `measuring the engine's overhead: ${blocks} block(s) of ${rate} requests/s for ${round2(blockS)} s then ${2 * rate} requests/s for ${round2(blockS / 2)} s (${opts.durationS} s in all, after ${OVERHEAD_WARMUP_S} s warm-up) against servetwin serve (1 instance, no batching)…`,
    );
    const engineCpus = opts.cores?.engines[0];
    const engine = await startLocalEngine(warmup.scenario.candidates[0]!, profile, { model: opts.model, launchPrefix: opts.cores && engineCpus ? opts.cores.launchPrefix(engineCpus) : [] });
    try {
      const replay = (rps: number, durationS: number, warmupS: number, seed: number) =>
        runReplay({ loaded: scenarioAt(rps, durationS, warmupS), target: engine.url, model: profile.model.name, inputDims, seed });
      await replay(rate, OVERHEAD_WARMUP_S, 0, opts.seed);
      const samples: OverheadSamples[] = [];
      // The high-rate blocks' samples too, for the after-idle curve alone: its short idle times.
      const highSamples: OverheadSamples[] = [];
      const loads: [ThreadLoad | null, ThreadLoad | null][] = [];
      // A new seed per block: independent arrivals, so the blocks are independent samples.
      const settle = Math.min(0.5, blockS / 4);
      for (let k = 0; k < blocks; k++) {
        const low = await replay(rate, blockS, settle, opts.seed + 1 + 2 * k);
        const high = await replay(2 * rate, blockS / 2, Math.min(settle, blockS / 8), opts.seed + 2 + 2 * k);
        samples.push(overheadSamples(low.sent));
        highSamples.push(overheadSamples(high.sent));
        loads.push([threadLoadOf(low.report), threadLoadOf(high.report)]);
      }
      const source = `calibrate --serving-overhead: ${blocks} blocks of ${rate} requests/s Poisson for ${round2(blockS)} s (${opts.durationS} s in all, after ${OVERHEAD_WARMUP_S} s warm-up) and ${2 * rate} requests/s for ${round2(blockS / 2)} s (the HTTP thread's load) to servetwin serve on ${profile.host.cpu_model} (${profile.host.cpus ?? profile.host.cores} cpus), ${new Date().toISOString()}`;
      const overhead = withAfterIdle(withIntervals(profile, samples, loads, source), profile, concat([...samples, ...highSamples]));
      return { ...profile, serving_overhead: overhead };
    } finally {
      await engine.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The overhead over all blocks, with each scalar's 95 % interval from the blocks' own figures.
 * deferred_ms has one only where every block had the thread's load at both rates.
 */
export function withIntervals(profile: MeasuredProfile, samples: OverheadSamples[], loads: [ThreadLoad | null, ThreadLoad | null][], source: string): ServingOverhead {
  const known = (ls: (ThreadLoad | null)[]) => ls.filter((l): l is ThreadLoad => l !== null);
  const merged = concat(samples);
  const pooled = overheadFromSamples(profile, merged, source, known(loads.flat()));
  const perBlock = samples.map((s, k) => overheadFromSamples(profile, s, source, known(loads[k]!)));
  const everyBlockHasLoads = loads.every(([a, b]) => a !== null && b !== null);
  return {
    ...pooled,
    ci95: {
      ingress_mean_ms: blockInterval(meanOf(merged.ingress), samples.map((s) => meanOf(s.ingress))),
      egress_mean_ms: blockInterval(meanOf(merged.egress), samples.map((s) => meanOf(s.egress))),
      per_batch_ms: blockInterval(pooled.per_batch_ms, perBlock.map((o) => o.per_batch_ms)),
      compute_scale: blockInterval(pooled.compute_scale, perBlock.map((o) => o.compute_scale)),
      ...(everyBlockHasLoads ? { deferred_ms: blockInterval(pooled.deferred_ms, perBlock.map((o) => o.deferred_ms)) } : {}),
    },
  };
}
