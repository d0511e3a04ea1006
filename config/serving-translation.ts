// The one translation between a scenario candidate (config/scenario.ts) and the serving config
// `servetwin serve` runs (servetwin.serving/v1, config/serving.ts), both ways. The planner writes
// its recommendation with servingConfigFor, `replay --serve` starts its engine with it, and
// `check --config` / `replay --config` read a serving config back as a candidate with
// candidateFromServingConfig; `export` (export/) starts every target from both. Pure: callers read and write the files (config/serving-file.ts).
// test/config proves the round trip is the identity on every field the engine honours.
import * as z from 'zod';
import { builtinModelNames, DEFAULT_MODEL } from '../common/builtin-models.js';
import { InputError } from '../common/errors.js';
import type { ParametricProfile, Profile } from './profile.js';
import { CandidateSchema, type Candidate } from './scenario.js';
import { SERVING_SCHEMA, ServingConfigSchema, type ServerConfig, type ServingConfig, type ServingConfigInput } from './serving.js';
import { withQueueBound } from './batching.js';
import { AutoscalerSchema, type AutoscalerConfig } from './autoscaler.js';
import { parseConfig } from './validate.js';

/** The name a serving config gets as a candidate (it has none of its own). */
export const SERVING_CANDIDATE = 'serving-config';

/** The model a profile describes: a builtin name, a file path, or the default model for parametric profiles. */
export function modelOfProfile(profile: Profile | ParametricProfile | undefined): string {
  if (profile === undefined) return DEFAULT_MODEL;
  if (profile.kind === 'measured') {
    const builtin = profile.model.path.replace(/^builtin:/, '');
    if (builtinModelNames().includes(builtin)) return builtin;
    return profile.model.path;
  }
  if (profile.kind === 'imported' && profile.model && builtinModelNames().includes(profile.model.name)) return profile.model.name;
  return DEFAULT_MODEL;
}

/** A candidate's intra-op threads per instance: its own, else what the profile was measured with, else 1. */
export function intraOpThreadsOf(candidate: Pick<Candidate, 'intra_op_threads'>, profile: Profile | ParametricProfile | undefined): number {
  return candidate.intra_op_threads ?? (profile?.kind === 'measured' ? profile.threads.intra_op : 1);
}

export interface ServingConfigOptions {
  /** The model to serve (default: the profile's, modelOfProfile). */
  model?: string;
  server?: Partial<ServerConfig>;
}

/**
 * The serving config that runs `candidate`'s cloud pool: one model (the profile's) with the
 * candidate's batching (its queue bound explicit), instances, intra-op threads, replicas and
 * router, plus the autoscaler the plan assumed (reported by `serve`, acted on by the platform).
 * `profile` may be undefined where the candidate names its intra-op threads and options.model is
 * given (`export` from a serving config). Validated against the schema `serve` reads, so it never writes a config `serve` would refuse.
 */
export function servingConfigFor(candidate: Candidate, profile: Profile | ParametricProfile | undefined, options: ServingConfigOptions = {}): ServingConfigInput {
  const config: ServingConfigInput = {
    schema: SERVING_SCHEMA,
    models: [
      {
        model: options.model ?? modelOfProfile(profile),
        batching: withQueueBound(candidate.batching, candidate.instances),
        instances: candidate.instances,
        intra_op_threads: intraOpThreadsOf(candidate, profile),
        replicas: candidate.replicas,
        router: candidate.router,
      },
    ],
    ...(candidate.autoscaler ? { autoscaler: candidate.autoscaler } : {}),
    ...(options.server ? { server: options.server } : {}),
  };
  parseConfig(ServingConfigSchema, config, `the serving config of candidate ${candidate.name}`);
  return config;
}

export interface ServingCandidate {
  candidate: Candidate;
  /** Differences between the config and the scenario's profile worth a reader's attention. */
  notes: string[];
}

/**
 * The candidate a one-model serving config amounts to, so that the config a team deploys is the
 * one the SLO is checked on: its batching (the queue bound the engine applies), instances, intra-op
 * threads, replicas and router. `source` names the config in errors and notes.
 */
export function candidateFromServingConfig(config: ServingConfig, profile: Profile | ParametricProfile | undefined, source: string): ServingCandidate {
  if (config.models.length !== 1 || config.model_repository !== undefined) {
    throw new InputError(`${source}: models: expected exactly one model to check against the scenario, got ${config.models.length}${config.model_repository ? ' and a model_repository' : ''}`, {
      source,
      path: 'models',
    });
  }
  const model = config.models[0]!;
  const notes: string[] = [];
  if (profile?.kind === 'measured') {
    const served = model.name ?? baseName(model.model);
    if (profile.model.name !== served) notes.push(`${source} serves ${served}, but the scenario's profile measured ${profile.model.name}`);
    if (profile.threads.intra_op !== model.intra_op_threads) {
      notes.push(`${source} runs ${model.intra_op_threads} intra-op thread(s) per instance, but the profile was measured with ${profile.threads.intra_op}`);
    }
  }
  const candidate = parseConfig(
    CandidateSchema,
    {
      name: SERVING_CANDIDATE,
      replicas: model.replicas,
      instances: model.instances,
      intra_op_threads: model.intra_op_threads,
      router: model.router,
      batching: model.batching,
    },
    source,
  );
  return { candidate, notes };
}

/**
 * The autoscaler a serving config says the plan assumed (`serve` only reports it), parsed as a
 * candidate's: what `export` turns into the platform's autoscaler. Kept apart from
 * candidateFromServingConfig, whose candidate `check` and `replay` run at its fixed replicas.
 */
export function autoscalerOfServingConfig(config: ServingConfig, source: string): AutoscalerConfig | undefined {
  if (config.autoscaler === undefined) return undefined;
  // Parsed inside its parent so an error names the field as in the file: `autoscaler.max_replicas`.
  return parseConfig(z.object({ autoscaler: AutoscalerSchema }), { autoscaler: config.autoscaler }, source).autoscaler;
}

/** A model file's name without folder or .onnx (a builtin name is its own). */
function baseName(model: string): string {
  return model.replace(/^.*[/\\]/, '').replace(/\.onnx$/, '');
}
