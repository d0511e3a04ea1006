// `calibrate --serving-overhead`: after the forward passes, measure what the live engine pays
// beyond them on this machine and store it in the profile (`serving_overhead`), so `simulate`,
// `check` and the sweep predict the engine rather than the bare model. It starts `servetwin serve`
// with one instance and no batching and replays low-load Poisson traffic at it twice: at about a
// fifth of one instance's capacity, where waits are rare and each answer's Server-Timing shows
// service times (every part is measured from those headers, replay/overhead.ts), then at twice
// that rate, so the HTTP thread's busy time at two rates gives its work per request.
// Called by cli/commands/calibrate.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MeasuredProfile } from '../config/profile.js';
import { writeProfile } from '../config/profile-file.js';
import { scenarioFromObject } from '../simulator/scenario/load-scenario.js';
import { runReplay, threadLoadOf, type ReplayOptions } from '../replay/run-replay.js';
import { measureOverhead } from '../replay/overhead.js';

export interface EngineOverheadOptions {
  /** The model as --model gave it (a builtin name or an .onnx file): what the engine serves. */
  model: string;
  durationS: number;
  /** Requests per second (default: a fifth of batch-1 capacity by the profile's median). */
  rateRps?: number;
  seed: number;
  /** Where the engine and the generator run (cli/cpu-pinning.ts replayCores); absent: unpinned. */
  cores?: ReplayOptions['cores'];
  log?: (line: string) => void;
}

export async function measureEngineOverhead(profile: MeasuredProfile, opts: EngineOverheadOptions): Promise<MeasuredProfile> {
  const smallest = profile.batches[0]!;
  const rate = opts.rateRps ?? Math.max(1, Math.round((0.2 * 1000 * smallest.batch_size) / smallest.p50_ms));
  const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-calibrate-'));
  try {
    const file = path.join(dir, 'profile.json');
    writeProfile(file, profile);
    const scenarioAt = (rps: number, durationS: number) =>
      scenarioFromObject(
        {
          schema: 'servetwin.scenario/v1',
          name: 'serving-overhead',
          seed: opts.seed,
          duration_s: durationS,
          warmup_s: Math.min(4, durationS / 4),
          profile: { file },
          traffic: { arrivals: { kind: 'poisson', rate_rps: rps } },
          slo: { latency_ms: 1000, percentile: 99 },
          candidates: [{ name: 'one-instance', instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 64 } }],
        },
        dir,
        'calibrate --serving-overhead',
      );
    const inputDims = Object.fromEntries(profile.model.inputs.map((i) => [i.name, i.synthesized_shape.slice(1)]));
    const replayAt = (rps: number, durationS: number) => {
      opts.log?.(`measuring the engine's overhead: ${rps} requests/s for ${durationS} s against servetwin serve (1 instance, no batching)…`);
      return runReplay({ loaded: scenarioAt(rps, durationS), serve: true, model: profile.model.name, serveModel: opts.model, inputDims, cores: opts.cores, log: opts.log });
    };
    const low = await replayAt(rate, opts.durationS);
    const high = await replayAt(2 * rate, Math.max(2, opts.durationS / 2));
    const loads = [threadLoadOf(low.report), threadLoadOf(high.report)].filter((l) => l !== null);
    const source = `calibrate --serving-overhead: ${rate} requests/s Poisson for ${opts.durationS} s (and ${2 * rate} for the HTTP thread's load) to servetwin serve on ${profile.host.cpu_model} (${profile.host.cores} cores), ${new Date().toISOString()}`;
    return { ...profile, serving_overhead: measureOverhead(profile, low.sent, source, loads) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
