// candidate → serving config (as a file) → candidate gives back every field the engine honours.
// The fields are enumerated from the served model's schema, so a field added there and not
// carried by the translation (config/serving-translation.ts) fails here.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchingSchema } from '../../config/batching.js';
import { loadProfile, REFERENCE_PROFILE } from '../../config/profile-file.js';
import type { ParametricProfile, Profile } from '../../config/profile.js';
import { CandidateSchema, RouterKindSchema, type Candidate } from '../../config/scenario.js';
import { ServedModelSchema, ServingConfigSchema, effectiveMaxQueueSize } from '../../config/serving.js';
import { candidateFromServingConfig, intraOpThreadsOf, servingConfigFor } from '../../config/serving-translation.js';
import { parseConfig } from '../../config/validate.js';

/** Served-model fields that are not part of a candidate, and why. */
const NOT_CANDIDATE_FIELDS: Record<string, string> = {
  name: 'the URL name of the model; a candidate is named for tables',
  model: 'the model the profile measured (modelOfProfile)',
  input_dims: "the model's input shapes, not the serving architecture",
  allow_non_finite: 'input checking, not the serving architecture',
};

/** Every field of a served model the engine runs by, as a path: batching expanded into its own fields. */
const ENGINE_FIELDS: string[][] = Object.keys(ServedModelSchema.shape)
  .filter((key) => !(key in NOT_CANDIDATE_FIELDS))
  .flatMap((key) => (key === 'batching' ? Object.keys(BatchingSchema.shape).map((b) => [key, b]) : [[key]]));

const at = (o: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

const candidateInput = fc.record({
  name: fc.constant('c'),
  replicas: fc.integer({ min: 1, max: 8 }),
  instances: fc.integer({ min: 1, max: 8 }),
  intra_op_threads: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  router: fc.constantFrom(...RouterKindSchema.options),
  batching: fc.integer({ min: 1, max: 64 }).chain((mbs) =>
    fc.record({
      max_batch_size: fc.constant(mbs),
      max_queue_delay_ms: fc.double({ min: 0, max: 50, noNaN: true }),
      preferred_batch_sizes: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: mbs }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
      max_queue_size: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
      queue_timeout_ms: fc.option(fc.double({ min: 0.001, max: 10_000, noNaN: true }), { nil: undefined }),
    }),
  ),
});

const reference = loadProfile(REFERENCE_PROFILE);
if (reference.kind !== 'measured') throw new Error(`${REFERENCE_PROFILE} is expected to be a measured profile`);
const measured = reference;
const profiles: (Profile | ParametricProfile)[] = [
  { kind: 'exponential', mean_ms: 10 },
  measured,
  { ...measured, threads: { ...measured.threads, intra_op: 3 } },
];

describe('candidate → serving config → candidate', () => {
  it('covers every field the engine honours with a candidate field and a generated value', () => {
    expect(ENGINE_FIELDS.length).toBeGreaterThan(5);
    const candidateFields = Object.keys(CandidateSchema.in.shape);
    for (const path of ENGINE_FIELDS) {
      if (path.length === 1) expect(candidateFields, `a candidate has no field ${path[0]}`).toContain(path[0]);
    }
    const samples = fc.sample(candidateInput, { numRuns: 300, seed: 7 });
    for (const path of ENGINE_FIELDS) {
      expect(
        samples.some((s) => at(s, path) !== undefined),
        `the generator never sets ${path.join('.')}: add it here and carry it in config/serving-translation.ts`,
      ).toBe(true);
    }
  });

  it('is the identity on every field the engine honours, and both sides bound the queue alike', () => {
    fc.assert(
      fc.property(candidateInput, fc.constantFrom(...profiles), (input, profile) => {
        const candidate: Candidate = CandidateSchema.parse(input);
        const file = JSON.parse(JSON.stringify(servingConfigFor(candidate, profile))) as unknown;
        const config = parseConfig(ServingConfigSchema, file, 'serving.json');
        const back = candidateFromServingConfig(config, profile, 'serving.json').candidate;
        const expected = { ...candidate, intra_op_threads: intraOpThreadsOf(candidate, profile) };
        for (const path of ENGINE_FIELDS) expect(at(back, path), path.join('.')).toEqual(at(expected, path));
        expect(effectiveMaxQueueSize(config.models[0]!)).toBe(candidate.batching.max_queue_size);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
