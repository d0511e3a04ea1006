// One replay, start to finish: pick the candidate, predict it with the simulator (the same cut
// scenario, seed and arrivals; loopback instead of the scenario's network; the overhead model if
// given), learn the model's inputs from the target, warm it up, send the schedule open loop while
// scraping /metrics at the warm-up's end and after, and put measured beside predicted
// (replay/fidelity.ts). Called by cli/commands/replay.ts and bench/fidelity.ts.
import http from 'node:http';
import { InputError, errorMessage } from '../common/errors.js';
import { DEFAULT_MODEL } from '../common/builtin-models.js';
import type { Candidate } from '../config/scenario.js';
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
import { startLocalEngine, type LocalEngine } from './local-engine.js';
import { hostLoad, snapshot } from './host-load.js';
import { availableParallelism } from 'node:os';

export interface ReplayOptions {
  loaded: LoadedScenario;
  /** The server to replay against; absent with `serve`. */
  target?: URL;
  /** Start a local engine with the candidate's configuration instead of using --target. */
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
  /** A p99 generator lag above this says the generator fell behind (default 2 ms). */
  maxLagMs?: number;
  /** The engine's overhead to predict with (else the profile's own serving_overhead, if any). */
  overhead?: ServingOverhead | null;
  /** Progress lines for a person (stderr). */
  log?: (line: string) => void;
}

export interface ReplayOutcome {
  report: FidelityReport;
  /** The raw measurement, for re-calibration (replay/overhead.ts, --write-profile). */
  sent: SendReport;
  /** The scenario as replayed: cut, with the candidate as its only one (no overhead applied). */
  scenario: LoadedScenario;
}

export const DEFAULT_MAX_LAG_MS = 2;

export async function runReplay(opts: ReplayOptions): Promise<ReplayOutcome> {
  const log = opts.log ?? (() => {});
  const notes: string[] = [];
  let loaded = cutScenario(opts.loaded, opts.durationS, opts.warmupS);
  const seed = opts.seed ?? loaded.scenario.seed;
  const candidate = pickCandidate(loaded, opts, notes);
  if (loaded.scenario.network) notes.push(`the scenario's network model is left out of the prediction: replay measures over the link to the target`);
  loaded = withCandidates(loaded, [candidate]);
  const predictedScenario = applyOverhead(loaded, opts.overhead ?? null);
  const overhead = predictedScenario.profile.serving_overhead ?? null;
  const predicted = simulate(predictedScenario, { seed }).candidates[0]!;
  const schedule = buildSchedule(loaded, seed);
  const model = opts.model ?? (loaded.profile.kind === 'measured' ? loaded.profile.model.name : DEFAULT_MODEL);

  let engine: LocalEngine | undefined;
  let target = opts.target;
  if (opts.serve) {
    log(`starting servetwin serve for ${candidate.name} (${candidate.replicas} replica(s) × ${candidate.instances} instance(s), max batch ${candidate.batching.max_batch_size})…`);
    engine = await startLocalEngine(candidate, loaded.profile, { model: opts.serveModel ?? model });
    target = engine.url;
  }
  if (!target) throw new InputError('--target: expected the URL of a running server (e.g. http://127.0.0.1:8000), or --serve', { source: '--target' });
  try {
    const meta = await fetchModelMetadata(target, model);
    const payloads = createPayloads(meta, opts.protocol ?? 'binary', seed, opts.inputDims);
    const inferUrl = new URL(`v2/models/${encodeURIComponent(meta.name)}/infer`, withSlash(target));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4096, noDelay: true } as http.AgentOptions);
    try {
      await warmUp(inferUrl, payloads, agent, candidate);
      let before: Promise<string | null> = Promise.resolve(null);
      let cpuBefore: ReturnType<typeof snapshot> = null;
      const scrape = () =>
        scrapeMetrics(target).catch((err: unknown) => {
          notes.push(`could not read ${target}metrics (${errorMessage(err)}): no server-side figures`);
          return null;
        });
      const s = loaded.scenario;
      log(`replaying ${schedule.timesMs.length.toLocaleString('en')} requests over ${s.duration_s} s (${s.warmup_s} s warm-up) to ${inferUrl} (${payloads.protocol}, ${payloads.itemBytes.toLocaleString('en')} bytes per item)…`);
      const sent = await sendOpenLoop({
        url: inferUrl,
        schedule,
        payload: (n) => payloads.payload(n),
        agent,
        timeoutMs: opts.timeoutMs,
        onWarmupEnd: () => {
          cpuBefore = snapshot(engine?.pid);
          before = scrape();
        },
      });
      const host = hostLoad(cpuBefore, snapshot(engine?.pid));
      const [b, a] = await Promise.all([before, scrape()]);
      const server: ServerFigures | null = b !== null && a !== null ? diffMetrics(b, a, meta.name) : null;
      return { report: buildReport(), sent, scenario: loaded };

      function buildReport(): FidelityReport {
        const maxLag = opts.maxLagMs ?? DEFAULT_MAX_LAG_MS;
        const behind = sent.lagMs.p99 > maxLag;
        if (behind) {
          notes.unshift(
            `the generator fell behind its schedule: p99 lag ${sent.lagMs.p99.toFixed(2)} ms, max ${sent.lagMs.max.toFixed(2)} ms (limit ${maxLag} ms). Latencies count from the scheduled times, so they include it; the generator and the server are probably competing for CPU`,
          );
        }
        if (host && host.other_cores > 0.25) {
          notes.push(
            `other processes kept ${host.other_cores.toFixed(2)} of ${availableParallelism()} cores busy while this measured (the generator ${host.replay_cores.toFixed(2)}${host.engine_cores === null ? '' : `, the engine ${host.engine_cores.toFixed(2)}`}): expect noise, above all in the tail`,
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
          candidate,
          target: target!.href,
          model: meta.name,
          protocol: payloads.protocol,
          predicted: predictedFig,
          measured,
          error: fidelityErrors(predictedFig, measured),
          measured_service_latency_ms: sent.serviceLatencyMs,
          requests: { sent: sent.requests, measured: sent.measured, outcomes: sent.outcomes, statuses: sent.statuses, errors: sent.errors },
          generator: { lag_ms: sent.lagMs, max_lag_ms: maxLag, behind },
          server,
          host,
          overhead,
          breakdown: {
            predicted: predictedBreakdown(predicted),
            measured: measuredBreakdown(samples, server, (host?.seconds ?? 0) * 1000),
            timed_requests: samples.ingress.length,
          },
          notes,
        };
      }
    } finally {
      agent.destroy();
    }
  } finally {
    if (engine) await engine.stop();
  }
}

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
  const width = Math.max(2, candidate.instances * candidate.replicas);
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
