// The one translation between the playground's levers and a scenario: settings → the scenario
// object the worker simulates, the YAML "Download scenario" gives and the schema checks; and a
// scenario (a dropped file, a preset, `servetwin playground --scenario`) → settings, naming what the
// levers cannot hold. A round trip through both is the identity (test/playground).
import { defaultMaxQueueSize } from '../config/batching.js';
import { SCENARIO_SCHEMA_ID, type Scenario } from '../config/scenario.js';
import { InputError } from '../common/errors.js';
import { DEFAULT_SETTINGS, type ProfileChoice, type Settings } from './settings.js';
import { autoscalerOf, autoscalerSettings, costOf, costSettings, networkOf, networkSettings, placementOf, placementSettings, provisioningOf, provisioningSettings, sitesOf } from './scenario-parts.js';

/** Where the CLI finds a bundled profile: relative to the servetwin folder. */
export function bundledProfileFile(id: string): string {
  return `calibration/profiles/${id}.json`;
}

/** The bundled profile id a scenario's `profile.file` names, or null for any other file. */
export function bundledProfileId(file: string): string | null {
  const m = /^(?:\.\/)?calibration\/profiles\/([^/]+)\.json$/.exec(file);
  return m ? m[1]! : null;
}

/** The scenario's `profile` field for a choice. */
export function profileField(choice: ProfileChoice): Record<string, unknown> {
  if (choice.source === 'bundled') return { file: bundledProfileFile(choice.id) };
  if (choice.source === 'file') return { file: choice.name };
  return choice.profile;
}

/** Rates written to a scenario keep six significant digits, so the YAML reads as a person would write it. */
function round6(x: number): number {
  return Number(x.toPrecision(6));
}

function arrivalsOf(s: Settings): Record<string, unknown> {
  switch (s.arrivals) {
    case 'poisson':
      return { kind: 'poisson', rate_rps: s.rate_rps };
    case 'diurnal':
      return { kind: 'diurnal', mean_rate_rps: s.rate_rps, amplitude: s.amplitude, period_s: s.period_s ?? s.duration_s, peak_at_s: s.peak_at_s ?? s.duration_s / 2 };
    case 'mmpp': {
      // Calm rate c and burst rate k·c such that the time-weighted mean is rate_rps: the same load
      // as the other patterns, only burstier.
      // An infinite ratio is silence between bursts (on/off traffic): all of the load in the bursts.
      const silent = s.burst_ratio === Number.POSITIVE_INFINITY;
      const calm = silent ? 0 : (s.rate_rps * (s.calm_dwell_s + s.burst_dwell_s)) / (s.calm_dwell_s + s.burst_ratio * s.burst_dwell_s);
      const burst = silent ? (s.rate_rps * (s.calm_dwell_s + s.burst_dwell_s)) / s.burst_dwell_s : s.burst_ratio * calm;
      return {
        kind: 'mmpp',
        states: [
          { name: silent ? 'silent' : 'calm', rate_rps: round6(calm), mean_dwell_s: s.calm_dwell_s },
          { name: silent ? 'active' : 'burst', rate_rps: round6(burst), mean_dwell_s: s.burst_dwell_s },
        ],
      };
    }
  }
}

/** The scenario the settings stand for, unvalidated: the scenario schema judges it. */
export function scenarioOf(s: Settings): Record<string, unknown> {
  const batching: Record<string, unknown> = { max_batch_size: s.max_batch_size, max_queue_delay_ms: s.max_queue_delay_ms };
  if (s.max_queue_size !== null) batching.max_queue_size = s.max_queue_size;
  if (s.queue_timeout_ms !== null) batching.queue_timeout_ms = s.queue_timeout_ms;
  const network = networkOf(s);
  const sites = sitesOf(s);
  const autoscaler = autoscalerOf(s);
  const provisioning = provisioningOf(s);
  const candidate = {
    name: s.candidate,
    replicas: s.replicas,
    instances: s.instances,
    router: s.router,
    batching,
    ...(autoscaler ? { autoscaler } : {}),
    ...(provisioning ? { provisioning } : {}),
    ...placementOf(s),
  };
  return {
    schema: SCENARIO_SCHEMA_ID,
    name: s.name,
    seed: s.seed,
    duration_s: s.duration_s,
    warmup_s: s.warmup_s,
    profile: profileField(s.profile),
    traffic: { arrivals: arrivalsOf(s) },
    ...(network ? { network } : {}),
    ...(sites ? { sites } : {}),
    slo: { latency_ms: s.slo_latency_ms, percentile: s.slo_percentile, max_drop_rate: s.max_drop_rate },
    cost: costOf(s),
    candidates: [candidate],
    ...(s.sample_interval_s !== null ? { metrics: { sample_interval_s: s.sample_interval_s } } : {}),
  };
}

/** Settings loaded from a scenario, and what of it the levers could not hold (said to the reader). */
export interface FromScenario {
  settings: Settings;
  notes: string[];
}

/**
 * The settings of a validated scenario: one of its candidates (`candidateName`, else the first),
 * its traffic, network, sites, SLO and price. Traffic the levers have no pattern for is refused
 * with the reason; other parts the playground does not simulate (a grid, a CPU count, …) are left
 * out and named in `notes`, with every value a lever holds only approximately.
 */
export function settingsOf(scenario: Scenario, source: string, candidateName?: string): FromScenario {
  const notes: string[] = [];
  const c = scenario.candidates.find((x) => x.name === candidateName) ?? scenario.candidates[0]!;
  if (candidateName !== undefined && c.name !== candidateName) throw new InputError(`${source}: has no candidate ${JSON.stringify(candidateName)}`, { source, path: 'candidates' });
  if (scenario.candidates.length > 1) notes.push(`shows candidate ${JSON.stringify(c.name)}, ${c === scenario.candidates[0] ? 'the first' : 'one'} of ${scenario.candidates.length}`);
  const leftOut: string[] = [
    ...(['grid', 'sweep', 'client'] as const).filter((k) => scenario[k] !== undefined),
    ...(['cpus', 'intra_op_threads', 'cost'] as const).filter((k) => c[k] !== undefined).map((k) => `candidate ${k}`),
    ...(c.batching.preferred_batch_sizes ? ['preferred_batch_sizes'] : []),
    ...(scenario.traffic.items_per_request !== 1 ? ['items_per_request'] : []),
  ];
  const approximate: string[] = [];
  const parts = {
    ...autoscalerSettings(c.autoscaler, approximate),
    ...provisioningSettings(c.provisioning, approximate),
    ...networkSettings(scenario, approximate),
    ...placementSettings(scenario, c, approximate, notes),
    sample_interval_s: scenario.metrics?.sample_interval_s ?? null,
    ...costSettings(scenario.cost),
  };
  if (leftOut.length > 0) notes.push(`left out: ${leftOut.join(', ')} (not levers of the playground; \`servetwin simulate\` runs them)`);
  if (approximate.length > 0) notes.push(`as levers: ${approximate.join('; ')}`);
  const queueSize = c.batching.max_queue_size;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    name: scenario.name,
    candidate: c.name,
    profile: profileChoiceOf(scenario.profile),
    ...trafficSettings(scenario, source),
    max_batch_size: c.batching.max_batch_size,
    max_queue_delay_ms: c.batching.max_queue_delay_ms,
    max_queue_size: queueSize === undefined || queueSize === defaultMaxQueueSize(c.batching.max_batch_size, c.instances) ? null : queueSize,
    queue_timeout_ms: c.batching.queue_timeout_ms ?? null,
    instances: c.instances,
    router: c.router,
    duration_s: scenario.duration_s,
    warmup_s: scenario.warmup_s,
    seed: scenario.seed,
    slo_latency_ms: scenario.slo.latency_ms,
    slo_percentile: scenario.slo.percentile,
    max_drop_rate: scenario.slo.max_drop_rate,
    ...parts,
    replicas: c.autoscaler?.kind === 'fixed' ? c.autoscaler.replicas : c.replicas,
  };
  return { settings, notes };
}

function profileChoiceOf(profile: Scenario['profile']): ProfileChoice {
  if (!('file' in profile)) return { source: 'inline', profile: { ...profile } };
  const id = bundledProfileId(profile.file);
  return id !== null ? { source: 'bundled', id } : { source: 'file', name: profile.file };
}

type TrafficSettings = Pick<Settings, 'arrivals' | 'rate_rps' | 'burst_ratio' | 'calm_dwell_s' | 'burst_dwell_s' | 'amplitude' | 'period_s' | 'peak_at_s'>;

function trafficSettings(scenario: Scenario, source: string): TrafficSettings {
  const a = scenario.traffic.arrivals;
  const base = { ...pickTraffic(DEFAULT_SETTINGS) };
  switch (a.kind) {
    case 'poisson':
      return { ...base, arrivals: 'poisson', rate_rps: a.rate_rps };
    case 'diurnal': {
      // A cycle as long as the run, peaking in its middle, is what the levers make; anything else is kept as written.
      const follows = a.period_s === scenario.duration_s && a.peak_at_s === scenario.duration_s / 2;
      return { ...base, arrivals: 'diurnal', rate_rps: a.mean_rate_rps, amplitude: a.amplitude, period_s: follows ? null : a.period_s, peak_at_s: follows ? null : a.peak_at_s };
    }
    case 'mmpp': {
      const [calm, burst] = a.states;
      if (a.states.length !== 2 || a.initial_state !== 0 || burst!.rate_rps < calm!.rate_rps) {
        throw new InputError(`${source}: traffic.arrivals: the playground's bursty pattern has two states, calm (first) then a faster burst; this mmpp has ${a.states.length} state(s)${a.initial_state !== 0 ? ` and starts in state ${a.initial_state}` : ''}. \`servetwin simulate\` runs it as written.`, { source, path: 'traffic.arrivals' });
      }
      const mean = (calm!.rate_rps * calm!.mean_dwell_s + burst!.rate_rps * burst!.mean_dwell_s) / (calm!.mean_dwell_s + burst!.mean_dwell_s);
      // A silent calm (rate 0) is an infinite ratio.
      return { ...base, arrivals: 'mmpp', rate_rps: mean, burst_ratio: calm!.rate_rps === 0 ? Number.POSITIVE_INFINITY : burst!.rate_rps / calm!.rate_rps, calm_dwell_s: calm!.mean_dwell_s, burst_dwell_s: burst!.mean_dwell_s };
    }
    default:
      throw new InputError(`${source}: traffic.arrivals.kind: the playground's patterns are poisson, diurnal and mmpp; this scenario's traffic is ${JSON.stringify(a.kind)}. \`servetwin simulate\` runs it as written.`, {
        source,
        path: 'traffic.arrivals.kind',
      });
  }
}

function pickTraffic(s: Settings): TrafficSettings {
  const { arrivals, rate_rps, burst_ratio, calm_dwell_s, burst_dwell_s, amplitude, period_s, peak_at_s } = s;
  return { arrivals, rate_rps, burst_ratio, calm_dwell_s, burst_dwell_s, amplitude, period_s, peak_at_s };
}
