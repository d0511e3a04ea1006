// `check --config serving.json` and `replay --config`: turns a serving config (what `serve
// --config` runs, what the sweep recommends) into the scenario candidate it amounts to, so the
// config a team deploys is the one the SLO is checked on. The queue bound is the engine's
// effective one (config/serving.ts), because that is what the live server enforces.
import path from 'node:path';
import { InputError } from '../common/errors.js';
import type { Candidate } from '../config/scenario.js';
import { effectiveMaxQueueSize } from '../config/serving.js';
import { loadServingConfig } from '../config/serving-file.js';
import type { LoadedScenario } from '../simulator/simulate.js';

export const SERVING_CANDIDATE = 'serving-config';

export interface ServingCandidate {
  candidate: Candidate;
  /** Differences between the config and the scenario's profile worth a reader's attention. */
  notes: string[];
}

export function candidateFromServingConfig(file: string, loaded: LoadedScenario): ServingCandidate {
  const config = loadServingConfig(file);
  if (config.models.length !== 1 || config.model_repository !== undefined) {
    throw new InputError(`${file}: models: expected exactly one model to check against the scenario, got ${config.models.length}${config.model_repository ? ' and a model_repository' : ''}`, {
      source: file,
      path: 'models',
    });
  }
  const model = config.models[0]!;
  const notes: string[] = [];
  const profile = loaded.profile;
  if (profile.kind === 'measured') {
    const served = model.name ?? path.basename(model.model).replace(/\.onnx$/, '');
    if (profile.model.name !== served) notes.push(`${file} serves ${served}, but the scenario's profile measured ${profile.model.name}`);
    if (profile.threads.intra_op !== model.intra_op_threads) {
      notes.push(`${file} runs ${model.intra_op_threads} intra-op thread(s) per instance, but the profile was measured with ${profile.threads.intra_op}`);
    }
  }
  return {
    candidate: {
      name: SERVING_CANDIDATE,
      replicas: model.replicas,
      instances: model.instances,
      router: model.router,
      batching: { ...model.batching, max_queue_size: effectiveMaxQueueSize(model) },
    },
    notes,
  };
}

/** The scenario with exactly `candidates` (no grid): same traffic, profile and seed. */
export function withCandidates(loaded: LoadedScenario, candidates: Candidate[]): LoadedScenario {
  return { ...loaded, scenario: { ...loaded.scenario, candidates, grid: undefined } };
}
