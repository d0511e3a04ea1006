// The playground's levers, declared once: what the controls edit, what a shared link carries
// (url-format.ts) and what becomes a scenario (scenario-of-settings.ts). Only kinds and shapes are
// checked here; every bound (a positive rate, an integer batch size, a warm-up shorter than the
// run) belongs to the scenario schema and is checked on the scenario the settings make, so the page
// shows the CLI's own path-qualified messages.
import * as z from 'zod';
import { RouterKindSchema } from '../config/scenario.js';

/** The traffic patterns of part 1: steady, a daily curve squeezed into the run, and bursts. */
export const PATTERNS = ['poisson', 'diurnal', 'mmpp'] as const;
export type Pattern = (typeof PATTERNS)[number];

/**
 * Where the service times come from: a calibrated profile bundled with the page, a profile file
 * the reader loaded (never in a link: only its name travels), or a closed form written inline.
 */
export const ProfileChoiceSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('bundled'), id: z.string() }),
  z.strictObject({ source: z.literal('file'), name: z.string() }),
  z.strictObject({ source: z.literal('inline'), profile: z.record(z.string(), z.unknown()) }),
]);
export type ProfileChoice = z.output<typeof ProfileChoiceSchema>;

const Num = z.number();

export const SettingsSchema = z.strictObject({
  /** The scenario's and the candidate's names (kept from a loaded file; they name the result). */
  name: z.string(),
  candidate: z.string(),
  profile: ProfileChoiceSchema,
  arrivals: z.enum(PATTERNS),
  /** Mean arrivals per second over the run, whatever the pattern. */
  rate_rps: Num,
  /** Bursty: the burst state's rate over the calm state's. */
  burst_ratio: Num,
  calm_dwell_s: Num,
  burst_dwell_s: Num,
  /** Diurnal: the swing around the mean (0.5: from 0.5× to 1.5×). */
  amplitude: Num,
  /** Diurnal: one cycle's length and its peak; null follows the run (one cycle, peak in the middle). */
  period_s: Num.nullable(),
  peak_at_s: Num.nullable(),
  max_batch_size: Num,
  max_queue_delay_ms: Num,
  /** null: the scenario's default bound (4 × max_batch_size × instances). */
  max_queue_size: Num.nullable(),
  queue_timeout_ms: Num.nullable(),
  instances: Num,
  replicas: Num,
  router: RouterKindSchema,
  duration_s: Num,
  warmup_s: Num,
  seed: Num,
  slo_latency_ms: Num,
  slo_percentile: Num,
  max_drop_rate: Num,
  replica_per_hour_usd: Num,
});
export type Settings = z.output<typeof SettingsSchema>;

/** The calibrated profile the page opens with (calibration/profiles/<id>.json). */
export const DEFAULT_PROFILE_ID = 'ppocr-cls.cpu-2core';

/**
 * The default view: the bundled classifier on its 2-core reference profile, a 10-minute run at
 * 200 requests/s, one replica of two instances batching up to 4 within 2 ms, priced as a 2-vCPU VM.
 */
export const DEFAULT_SETTINGS: Settings = {
  name: 'playground',
  candidate: 'playground',
  profile: { source: 'bundled', id: DEFAULT_PROFILE_ID },
  arrivals: 'poisson',
  rate_rps: 200,
  burst_ratio: 4,
  calm_dwell_s: 20,
  burst_dwell_s: 3,
  amplitude: 0.6,
  period_s: null,
  peak_at_s: null,
  max_batch_size: 4,
  max_queue_delay_ms: 2,
  max_queue_size: null,
  queue_timeout_ms: null,
  instances: 2,
  replicas: 1,
  router: 'least_outstanding',
  duration_s: 600,
  warmup_s: 10,
  seed: 1,
  slo_latency_ms: 25,
  slo_percentile: 99,
  max_drop_rate: 0.001,
  replica_per_hour_usd: 0.085,
};

/** Requests a run of these settings sends (its mean rate × its length): what a run will cost. */
export function expectedRequests(s: Settings): number {
  return Math.max(0, s.rate_rps) * Math.max(0, s.duration_s);
}

/** Above this many requests the page asks before running (a minute or more in a browser). */
export const ASK_ABOVE_REQUESTS = 20_000_000;
