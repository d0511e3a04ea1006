// Reading a serving config back as a candidate (`check --config`, `replay --config`) says where the
// config and the scenario's measured profile disagree, and refuses a config that is not one model.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../common/errors.js';
import { loadProfile, REFERENCE_PROFILE } from '../../config/profile-file.js';
import { ParametricProfileSchema, type ParametricProfile, type Profile } from '../../config/profile.js';
import { ServingConfigSchema, type ServingConfigInput } from '../../config/serving.js';
import { candidateFromServingConfig } from '../../config/serving-translation.js';

const reference = loadProfile(REFERENCE_PROFILE);
if (reference.kind !== 'measured') throw new Error(`${REFERENCE_PROFILE} is expected to be a measured profile`);
const measured = reference; // ppocr-cls, 1 intra-op thread
const read = (models: ServingConfigInput['models'], profile: Profile | ParametricProfile = measured) =>
  candidateFromServingConfig(ServingConfigSchema.parse({ models }), profile, 'serving.json');

describe('candidateFromServingConfig', () => {
  it('notes a different model and a different thread count than the profile measured', () => {
    expect(measured.model.name).toBe('ppocr-cls');
    expect(measured.threads.intra_op).toBe(1);
    expect(read([{ model: 'ppocr-det', intra_op_threads: 2 }]).notes).toEqual([
      "serving.json serves ppocr-det, but the scenario's profile measured ppocr-cls",
      'serving.json runs 2 intra-op thread(s) per instance, but the profile was measured with 1',
    ]);
    expect(read([{ model: 'ppocr-cls', name: 'classifier' }]).notes).toEqual(["serving.json serves classifier, but the scenario's profile measured ppocr-cls"]);
  });

  it('notes nothing when the served model and threads are the measured ones, or the profile is parametric', () => {
    expect(read([{ model: 'ppocr-cls' }]).notes).toEqual([]);
    expect(read([{ model: '/models/v2/ppocr-cls.onnx' }]).notes).toEqual([]);
    expect(read([{ model: 'ppocr-det', intra_op_threads: 4 }], ParametricProfileSchema.parse({ kind: 'deterministic', mean_ms: 5 })).notes).toEqual([]);
  });

  it('gives the candidate the engine runs: the queue bound it applies, its threads and replicas', () => {
    const { candidate } = read([{ model: 'ppocr-cls', batching: { max_batch_size: 8, max_queue_delay_ms: 2 }, instances: 2, replicas: 3, intra_op_threads: 2, router: 'random' }]);
    expect(candidate).toMatchObject({
      name: 'serving-config',
      replicas: 3,
      instances: 2,
      intra_op_threads: 2,
      router: 'random',
      batching: { max_batch_size: 8, max_queue_delay_ms: 2, max_queue_size: 64 },
    });
  });

  it('refuses a config that is not exactly one model, naming the field', () => {
    const two = () => read([{ model: 'ppocr-cls' }, { model: 'ppocr-det' }]);
    expect(two).toThrow(InputError);
    expect(two).toThrow('serving.json: models: expected exactly one model to check against the scenario, got 2');
    const repository = () => candidateFromServingConfig(ServingConfigSchema.parse({ models: [{ model: 'ppocr-cls' }], model_repository: '/models' }), measured, 's.yaml');
    expect(repository).toThrow('s.yaml: models: expected exactly one model to check against the scenario, got 1 and a model_repository');
  });
});
