// A latency profile, declared once: what `servetwin calibrate` writes (`measured`), what it imports
// from measurements taken elsewhere (`imported`), and the closed-form service times used for
// teaching and for checking the simulator against queueing theory (parametric). The simulator
// turns any of them into draws with simulator/fleet/service-time.ts; files load via
// config/profile-file.ts; the JSON Schema for editors is schemas/profile.schema.json.
// Versions: v2 (written now) adds host.cpus / host.cpu_set, `contention` and `http_path`
// (config/profile-cpu.ts) and confidence intervals in serving_overhead; v1 files still load, and
// lack them all (the simulator then shares host.cores by plain processor sharing, and says so).
import * as z from 'zod';
import { ServingOverheadSchema } from './serving-overhead.js';
import { ContentionSchema, HttpPathSchema } from './profile-cpu.js';

/** The version calibrate and import write. */
export const PROFILE_SCHEMA_ID = 'servetwin.profile/v2';
/** Every version that still loads, oldest first. */
export const PROFILE_SCHEMA_IDS = ['servetwin.profile/v1', PROFILE_SCHEMA_ID] as const;

const SchemaTag = z.enum(PROFILE_SCHEMA_IDS).describe('Version of the profile format (v1 files still load; v2 is written now).');
const Ms = z.number().min(0);
const PositiveMs = z.number().positive();

// ---- parametric: inline in scenarios as `profile: { kind: exponential, mean_ms: 100 }` ----------

const BatchMeanSchema = z
  .strictObject({
    base_ms: Ms.describe('Fixed cost of a batch, whatever its size.'),
    per_item_ms: Ms.describe('Added cost per item in the batch.'),
  })
  .refine((m) => m.base_ms + m.per_item_ms > 0, { message: 'base_ms + per_item_ms must be positive' })
  .describe('Mean service time as a function of batch size n: base_ms + per_item_ms * n.');

const MeanMsSchema = z
  .union([PositiveMs, BatchMeanSchema])
  .describe('Mean service time of a batch in ms: a number (the same for every batch size) or { base_ms, per_item_ms }.');

const ColdStartMs = Ms.optional().describe('Time for a new instance to load the model and be ready, in ms (0 when absent).');

const DeterministicSchema = z.strictObject({
  kind: z.literal('deterministic').describe('Every batch takes exactly the mean.'),
  mean_ms: MeanMsSchema,
  cold_start_ms: ColdStartMs,
  serving_overhead: ServingOverheadSchema.optional(),
});

const ExponentialSchema = z.strictObject({
  kind: z.literal('exponential').describe('Exponentially distributed service time (coefficient of variation 1).'),
  mean_ms: MeanMsSchema,
  cold_start_ms: ColdStartMs,
  serving_overhead: ServingOverheadSchema.optional(),
});

const LognormalSchema = z.strictObject({
  kind: z.literal('lognormal').describe('Lognormal service time with the given mean and coefficient of variation.'),
  mean_ms: MeanMsSchema,
  cv: PositiveMs.describe('Coefficient of variation (stddev / mean), e.g. 0.2.'),
  cold_start_ms: ColdStartMs,
  serving_overhead: ServingOverheadSchema.optional(),
});

/** A closed-form service time, usable inline in a scenario (no `schema` field). */
export const ParametricProfileSchema = z
  .discriminatedUnion('kind', [DeterministicSchema, ExponentialSchema, LognormalSchema])
  .describe('A parametric service time: deterministic, exponential or lognormal.');

// ---- measured and imported ----------------------------------------------------------------------

const OutliersSchema = z.strictObject({
  count: z.int().min(0),
  rule: z.string().describe('How outliers were identified, e.g. "Tukey 1.5 IQR". They are reported, never dropped.'),
  values_ms: z.array(Ms),
});

const BatchStatsFields = {
  batch_size: z.int().min(1),
  samples_ms: z.array(Ms).min(1).describe('Latency of each measured forward pass, in ms, in the order measured.'),
  p50_ms: Ms,
  p90_ms: Ms,
  p99_ms: Ms,
  mean_ms: Ms,
  stddev_ms: Ms,
  items_per_s: z.number().min(0).describe('batch_size / mean latency: throughput of one instance running batches back to back.'),
};

const MeasuredBatchSchema = z.strictObject({
  ...BatchStatsFields,
  outliers: OutliersSchema,
});

const ImportedBatchSchema = z.strictObject({
  ...BatchStatsFields,
  outliers: OutliersSchema.optional(),
  synthesis: z
    .string()
    .optional()
    .describe('Present when samples_ms were synthesised from summary figures rather than measured: states how (e.g. a lognormal fitted to p50 and p99).'),
});

function increasingBatchSizes(batches: readonly { batch_size: number }[]): boolean {
  return batches.every((b, i) => i === 0 || b.batch_size > batches[i - 1]!.batch_size);
}
const sortedSizes = { message: 'batches must be sorted by batch_size, each size once', path: ['batches'] };

const ModelInputSchema = z.strictObject({
  name: z.string(),
  dtype: z.string().describe('ONNX element type as onnxruntime names it: float32, int64, …'),
  shape: z.array(z.int()).describe('Shape from the model metadata, -1 for a dynamic dimension.'),
  synthesized_shape: z
    .array(z.int())
    .describe('Shape of the synthesised input: every dimension fixed except the batch axis (0), which is -1.'),
  item_bytes: z.int().min(0).describe('Bytes of one item of this input (one row along the batch axis).'),
});

const HostSchema = z.strictObject({
  cpu_model: z.string(),
  cores: z.int().min(1).describe('The machine’s CPU count.'),
  cpus: z
    .number()
    .positive()
    .optional()
    .describe(
      'The cores the calibration actually had: its affinity set’s size, or less where a CFS quota limits it (e.g. 1.5). Absent in v1 profiles (then host.cores).',
    ),
  cpu_set: z.array(z.int().min(0)).optional().describe('The affinity list the calibration ran on (/proc/self/status Cpus_allowed_list), when readable.'),
  os: z.string().describe('Platform, release and architecture, e.g. "linux 6.8.0 x64".'),
  node: z.string(),
  onnxruntime: z.string(),
  hostname: z.string().optional(),
});

export const MeasuredProfileSchema = z
  .strictObject({
    schema: SchemaTag,
    kind: z.literal('measured').describe('Measured by `servetwin calibrate` with onnxruntime-node.'),
    host: HostSchema,
    model: z.strictObject({
      name: z.string(),
      path: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      inputs: z.array(ModelInputSchema).min(1),
    }),
    threads: z.strictObject({
      intra_op: z.int().min(1),
      inter_op: z.int().min(1).optional(),
    }),
    cold_start: z.strictObject({
      session_create_ms: Ms.describe('InferenceSession.create: load and optimise the model.'),
      first_run_ms: Ms.describe('The first forward pass after creation, at the smallest measured batch size.'),
      memory_rss_growth_bytes: z.int().describe('Process RSS after the first run minus before session creation.'),
      heap_growth_bytes: z.int().optional(),
      external_growth_bytes: z.int().optional(),
    }),
    batches: z.array(MeasuredBatchSchema).min(1),
    contention: ContentionSchema.optional(),
    http_path: HttpPathSchema.optional(),
    serving_overhead: ServingOverheadSchema.optional(),
    measured_at: z.iso.datetime(),
    settings: z.strictObject({
      warmup: z.int().min(0).describe('Unrecorded runs per batch size before measuring.'),
      iterations: z.int().min(1).describe('Recorded runs per batch size.'),
      order: z.literal('interleaved-shuffled').describe('Batch sizes were run in a seeded shuffled interleaving, not one block after another.'),
      seed: z.union([z.int(), z.string()]),
    }),
  })
  .refine((p) => increasingBatchSizes(p.batches), sortedSizes);

export const ImportedProfileSchema = z
  .strictObject({
    schema: SchemaTag,
    kind: z.literal('imported').describe('Imported from measurements taken elsewhere (e.g. on a GPU).'),
    source: z.strictObject({
      file: z.string(),
      format: z.enum(['csv', 'perf_analyzer']),
    }),
    host: z.string().describe('Free-text label of where the numbers were measured, e.g. "A10G, Triton 24.05".'),
    model: z.strictObject({ name: z.string() }).optional(),
    cold_start_ms: ColdStartMs,
    batches: z.array(ImportedBatchSchema).min(1),
    serving_overhead: ServingOverheadSchema.optional(),
    imported_at: z.iso.datetime(),
  })
  .refine((p) => increasingBatchSizes(p.batches), sortedSizes);

const ParametricFileSchema = z.discriminatedUnion('kind', [
  DeterministicSchema.extend({ schema: SchemaTag }),
  ExponentialSchema.extend({ schema: SchemaTag }),
  LognormalSchema.extend({ schema: SchemaTag }),
]);

/** A profile file: measured, imported, or parametric with a `schema` field. */
export const ProfileSchema = z
  .discriminatedUnion('kind', [MeasuredProfileSchema, ImportedProfileSchema, ParametricFileSchema])
  .describe('A servetwin latency profile (servetwin.profile/v2; v1 files still load).');

export type ParametricProfile = z.output<typeof ParametricProfileSchema>;
export type MeasuredProfile = z.output<typeof MeasuredProfileSchema>;
export type ImportedProfile = z.output<typeof ImportedProfileSchema>;
export type Profile = z.output<typeof ProfileSchema>;
export type MeasuredBatch = MeasuredProfile['batches'][number];
export type ImportedBatch = ImportedProfile['batches'][number];
export type ProfileHost = MeasuredProfile['host'];
export type ModelInputInfo = MeasuredProfile['model']['inputs'][number];

/** True for the closed-form kinds (deterministic, exponential, lognormal). */
export function isParametric(p: Profile | ParametricProfile): p is ParametricProfile | Extract<Profile, { kind: ParametricProfile['kind'] }> {
  return p.kind === 'deterministic' || p.kind === 'exponential' || p.kind === 'lognormal';
}

/** The JSON Schema of a profile file, for editors and other tools. */
export function profileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ProfileSchema, { target: 'draft-2020-12', unrepresentable: 'any', reused: 'ref' }) as Record<string, unknown>;
}

export const PROFILE_JSON_SCHEMA_PATH = 'schemas/profile.schema.json';
