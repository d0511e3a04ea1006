// One replay, start to finish: pick the candidate, start its engines (with --serve: one process per
// replica, on the cores the caller chose) or use the target, learn the model's inputs, warm up,
// send the schedule open loop — routing among the engines with the candidate's router — while
// scraping /metrics at the warm-up's end and after, then predict it with the simulator (the same
// cut scenario, seed and arrivals; loopback instead of the scenario's network; the overhead model
// if given; the engines' cores and, when it shared them, the generator's measured CPU: replay/
// placement.ts) and put measured beside predicted (replay/fidelity.ts). Called by
// cli/commands/replay.ts, cli/engine-overhead.ts and bench/fidelity.ts.
import http from 'node:http';
import { InputError, errorMessage } from '../common/errors.js';
import { DEFAULT_MODEL } from '../common/builtin-models.js';
import { stream } from '../common/rng.js';
import type { Candidate } from '../config/scenario.js';
import { createRouter } from '../policies/router.js';
import { simulate, type LoadedScenario } from '../simulator/simulate.js';
import { expandCandidates, withCandidates } from '../planner/plan.js';
import { loadServingConfig } from '../config/serving-file.js';
import { candidateFromServingConfig } from '../config/serving-translation.js';
import { FIDELITY_SCHEMA_ID, fidelityErrors, measuredBreakdown, measuredFigures, predictedBreakdown, predictedFigures, type FidelityReport } from './fidelity.js';
import { applyOverhead, overheadSamples, threadLoad, type ThreadLoad } from './overhead.js';
import type { ServingOverhead } from '../config/serving-overhead.js';
import { createPayloads, fetchModelMetadata, withSlash, type PayloadFactory, type Protocol } from './payload.js';
import { buildSchedule, cutScenario } from './schedule.js';
import { sendOpenLoop, type SendReport } from './sender.js';
import { diffMetrics, scrapeMetrics, type ServerFigures } from './server-metrics.js';
import { startLocalEngines, type LocalEngine } from './local-engine.js';
import { affinityOf, hostLoad, snapshot } from './host-load.js';
import { isLoopback, lagLimitMs, predictionHost, withPredictionHost, type Placement, type PredictionHost, type ReplayCores } from './placement.js';
import { cpus as hostCpus } from 'node:os';

export type { ReplayCores } from './placement.js';

export interface ReplayOptions {
  loaded: LoadedScenario;
  /** The server to replay against; absent with `serve`. */
  target?: URL;
  /** Start the candidate's engines (one process per replica) instead of using --target. */
  serve?: boolean;
  candidate?: string;
  /** A serving config to replay as the candidate (like `check --config`). */
  config?: string;
  protocol?: Protocol;
  durationS?: number;
  warmupS?: number;
  seed?: number;
  /** Model name on the target (default: the profile's model, else ppocr-cls). */
  model?: string;
  /** With `serve`: the model to serve, a builtin name or an .onnx file (default: `model`). */
  serveModel?: string;
  inputDims?: Record<string, number[]>;
  timeoutMs?: number;
  /** A p99 generator lag above this makes the run invalid for fidelity (default: replay/placement.ts lagLimitMs). */
  maxLagMs?: number;
  /** The engine's overhead to predict with (else the profile's own serving_overhead, if any). */
  overhead?: ServingOverhead | null;
  /**
   * With `serve`: where the candidate's engines and the generator run (cli/cpu-pinning.ts). Absent:
   * the engines start as plain children sharing this process's cores, whose count is not known
   * here, so the prediction keeps the candidate's own `cpus`.
   */
  cores?: (candidate: Candidate) => ReplayCores;
  /** Progress lines for a person (stderr). */
  log?: (line: string) => void;
}

export interface ReplayOutcome {
  report: FidelityReport;
  /** The raw measurement, for re-calibration (replay/overhead.ts, --write-profile). */
  sent: SendReport;
  /** The scenario as replayed: cut, with the candidate as its only one (no overhead applied). */
  scenario: LoadedScenario;
  /** What the prediction was told about the host (withPredictionHost(scenario, host) re-predicts it, e.g. with another overhead). */
  host: PredictionHost;
}

export async function runReplay(opts: ReplayOptions): Promise<ReplayOutcome> {
  const log = opts.log ?? (() => {});
  const notes: string[] = [];
  let loaded = cutScenario(opts.loaded, opts.durationS, opts.warmupS);
  const seed = opts.seed ?? loaded.scenario.seed;
  const candidate = pickCandidate(loaded, opts, notes);
  if (loaded.scenario.network) notes.push(`the scenario's network model is left out of the prediction: replay measures over the link to the target`);
  loaded = withCandidates(loaded, [candidate]);
  const schedule = buildSchedule(loaded, seed);
  const model = opts.model ?? (loaded.profile.kind === 'measured' ? loaded.profile.model.name : DEFAULT_MODEL);
  const cores = opts.serve && opts.cores ? opts.cores(candidate) : null;

  let engines: LocalEngine[] = [];
  let targets: URL[];
  if (opts.serve) {
    const where = cores ? ` (${cores.pinned ? 'pinned' : 'unpinned'})` : '';
    log(`starting ${candidate.replicas} servetwin serve process(es) for ${candidate.name} (${candidate.instances} instance(s) each, max batch ${candidate.batching.max_batch_size})${where}…`);
    engines = await startLocalEngines(candidate, loaded.profile, { model: opts.serveModel ?? model, prefixOf: (i) => (cores ? cores.launchPrefix(coresOf(cores, i)) : []) });
    targets = engines.map((e) => e.url);
  } else {
    if (!opts.target) throw new InputError('--target: expected the URL of a running server (e.g. http://127.0.0.1:8000), or --serve', { source: '--target' });
    targets = [opts.target];
  }
  try {
    const meta = await fetchModelMetadata(targets[0]!, model);
    const payloads = createPayloads(meta, opts.protocol ?? 'binary', seed, opts.inputDims);
    const inferUrls = targets.map((t) => new URL(`v2/models/${encodeURIComponent(meta.name)}/infer`, withSlash(t)));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4096, noDelay: true } as http.AgentOptions);
    try {
      await Promise.all(inferUrls.map((url) => warmUp(url, payloads, agent, candidate)));
      const engineCpus = engines.map((e) => affinityOf(e.pid));
      let before: Promise<string | null> = Promise.resolve(null);
      let cpuBefore: ReturnType<typeof snapshot> = null;
      let generatorBefore: NodeJS.CpuUsage | undefined;
      const scrape = () =>
        Promise.all(targets.map((t) => scrapeMetrics(t)))
          .then((texts) => texts.join('\n'))
          .catch((err: unknown) => {
            notes.push(`could not read /metrics (${errorMessage(err)}): no server-side figures`);
            return null;
          });
      const s = loaded.scenario;
      log(`replaying ${schedule.timesMs.length.toLocaleString('en')} requests over ${s.duration_s} s (${s.warmup_s} s warm-up) to ${inferUrls.join(', ')} (${payloads.protocol}, ${payloads.itemBytes.toLocaleString('en')} bytes per item)…`);
      const sent = await sendOpenLoop({
        urls: inferUrls,
        route: routeWith(candidate, seed, inferUrls.length),
        schedule,
        payload: (n) => payloads.payload(n),
        agent,
        timeoutMs: opts.timeoutMs,
        onWarmupEnd: () => {
          generatorBefore = process.cpuUsage();
          cpuBefore = snapshot(engines.map((e) => e.pid));
          before = scrape();
        },
      });
      const generatorCpu = process.cpuUsage(generatorBefore);
      const host = hostLoad(cpuBefore, snapshot(engines.map((e) => e.pid)));
      const [b, a] = await Promise.all([before, scrape()]);
      const server: ServerFigures | null = b !== null && a !== null ? diffMetrics(b, a, meta.name) : null;
      const generatorCpuMsPerRequest = sent.measured > 0 ? (generatorCpu.user + generatorCpu.system) / 1000 / sent.measured : 0;

      // The prediction, with the host as it was during the measurement.
      const coLocated = cores ? !cores.pinned : opts.serve === true || isLoopback(targets[0]!);
      const prediction = predictionHost(loaded, candidate, { cores, coLocated, generatorCpuMsPerRequest });
      notes.push(...prediction.notes);
      engineCpus.forEach((observed, i) => {
        const asked = cores ? coresOf(cores, i) : null;
        if (observed && asked && observed.join() !== asked.join()) notes.push(`engine ${i} was started on cores ${asked.join(',')} but may run on ${observed.join(',')}`);
      });
      const predictedScenario = applyOverhead(withPredictionHost(loaded, prediction.host), opts.overhead ?? null);
      const overhead = predictedScenario.profile.serving_overhead ?? null;
      const predicted = simulate(predictedScenario, { seed }).candidates[0]!;
      const predictedCandidate = predictedScenario.scenario.candidates[0]! as Candidate;
      const placement: Placement = {
        pinned: cores?.pinned ?? false,
        engines: targets.map((t, i) => ({ url: t.href, pid: engines[i]?.pid ?? null, cpus: engineCpus[i] ?? null, requests: sent.perEngine[i] ?? 0 })),
        engine_cores: cores?.cpus ?? null,
        generator_cpus: cores?.generator ?? null,
        generator_cpu_ms_per_request: round3(generatorCpuMsPerRequest),
        client_in_prediction: prediction.host.clientCpuMsPerRequest !== null,
      };
      return { report: buildReport(), sent, scenario: loaded, host: prediction.host };

      function buildReport(): FidelityReport {
        const maxLag = lagLimitMs(loaded, opts.maxLagMs);
        const behind = sent.lagMs.p99 > maxLag;
        if (behind) {
          notes.unshift(
            `the generator fell behind its schedule: p99 lag ${sent.lagMs.p99.toFixed(2)} ms, max ${sent.lagMs.max.toFixed(2)} ms (limit ${maxLag} ms): this run is invalid for fidelity. Latencies count from the scheduled times, so they include it; ${placement.pinned ? `the generator had cores ${placement.generator_cpus?.join(',')} to itself apart from other processes: give it more, or keep other work off them` : 'the generator and the server are probably competing for CPU (--engine-cpus and --generator-cpus keep them apart)'}`,
          );
        }
        if (host && host.other_cores > 0.25) {
          notes.push(
            `other processes kept ${host.other_cores.toFixed(2)} of the machine's ${hostCpus().length} cores busy while this measured (the generator ${host.replay_cores.toFixed(2)}${host.engine_cores === null ? '' : `, the engine(s) ${host.engine_cores.toFixed(2)}`}): expect noise, above all in the tail`,
          );
        }
        const bad = sent.outcomes.client_error + sent.outcomes.server_error + sent.outcomes.error + sent.outcomes.timeout;
        if (bad > 0) notes.push(`${bad} request(s) failed for reasons other than load shedding: ${sent.errors.join('; ') || JSON.stringify(sent.statuses)}`);
        const samples = overheadSamples(sent);
        const measured = measuredFigures(sent, server, samples);
        const predictedFig = predictedFigures(predicted);
        return {
          schema: FIDELITY_SCHEMA_ID,
          scenario: {
            name: s.name,
            file: loaded.file,
            seed,
            duration_s: s.duration_s,
            warmup_s: s.warmup_s,
            traffic: s.traffic.arrivals.kind,
            profile: loaded.profileSource,
          },
          candidate: predictedCandidate,
          target: targets[0]!.href,
          model: meta.name,
          protocol: payloads.protocol,
          predicted: predictedFig,
          measured,
          error: fidelityErrors(predictedFig, measured),
          measured_service_latency_ms: sent.serviceLatencyMs,
          requests: { sent: sent.requests, measured: sent.measured, outcomes: sent.outcomes, statuses: sent.statuses, errors: sent.errors },
          generator: { lag_ms: sent.lagMs, max_lag_ms: maxLag, behind, cpu_ms_per_request: placement.generator_cpu_ms_per_request },
          placement,
          valid_for_fidelity: !behind,
          server,
          host,
          overhead,
          breakdown: {
            predicted: predictedBreakdown(predicted),
            measured: measuredBreakdown(samples, server, (host?.seconds ?? 0) * 1000, targets.length),
            timed_requests: samples.ingress.length,
          },
          notes,
        };
      }
    } finally {
      agent.destroy();
    }
  } finally {
    await Promise.all(engines.map((e) => e.stop()));
  }
}

/** The cores of replica `i`'s engine: its own list, or the one all share. */
function coresOf(cores: ReplayCores, i: number): number[] {
  return cores.engines[i % cores.engines.length]!;
}

/**
 * The generator as the load balancer in front of the engines: the candidate's router (the policy
 * the simulator drives) on the generator's clock and its count of requests outstanding per engine,
 * drawing from the stream the simulator's router uses.
 */
function routeWith(candidate: Candidate, seed: number, count: number): (nowMs: number, outstanding: ArrayLike<number>) => number {
  if (count === 1) return () => 0;
  const router = createRouter(candidate.router);
  const u = stream(seed, 'router');
  const ready = new Uint8Array(count).fill(1);
  return (nowMs, outstanding) => router.pick(nowMs, { outstanding, ready, count }, u);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function pickCandidate(loaded: LoadedScenario, opts: ReplayOptions, notes: string[]): Candidate {
  // As `simulate` names them: the scenario's candidates times its grid.
  const candidates = expandCandidates(loaded.scenario, loaded.file ?? 'scenario');
  if (opts.config) {
    if (opts.candidate) throw new InputError('--candidate: not with --config, which replays the serving config as the candidate', { source: '--candidate' });
    const serving = candidateFromServingConfig(loadServingConfig(opts.config), loaded.profile, opts.config);
    notes.push(...serving.notes);
    return serving.candidate;
  }
  if (opts.candidate === undefined) {
    if (candidates.length === 1) return candidates[0]!;
    throw new InputError(`--candidate: the scenario has ${candidates.length} candidates; name the one the target serves: ${abbreviate(candidates.map((c) => c.name))}`, { source: '--candidate' });
  }
  const found = candidates.find((c) => c.name === opts.candidate);
  if (!found) throw new InputError(`--candidate: expected one of ${abbreviate(candidates.map((c) => JSON.stringify(c.name)))}, got ${JSON.stringify(opts.candidate)}`, { source: '--candidate' });
  return found;
}

function abbreviate(names: string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')} … (${names.length - 12} more)`;
}

/**
 * A few requests before the schedule starts: opens connections, and gives the sessions and the JIT
 * their first runs (the scenario's own warm-up then settles the queues).
 */
async function warmUp(url: URL, payloads: PayloadFactory, agent: http.Agent, candidate: Candidate): Promise<void> {
  const { body, headers } = payloads.payload(1);
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error('warm-up request timed out')));
      req.end(body);
    });
  const width = Math.max(2, candidate.instances);
  for (let round = 0; round < 5; round++) {
    const statuses = await Promise.all(Array.from({ length: width }, one));
    const bad = statuses.find((s) => s !== 200 && s !== 503);
    if (bad !== undefined) throw new Error(`warm-up: POST ${url} answered ${bad}; is the target serving this model with these inputs?`);
  }
}

/** The engine's HTTP-thread load over a replay's measured window (for overheadFromSamples). */
export function threadLoadOf(report: FidelityReport): ThreadLoad | null {
  const windowS = report.host?.seconds ?? report.scenario.duration_s - report.scenario.warmup_s;
  return threadLoad(report.server, windowS);
}
