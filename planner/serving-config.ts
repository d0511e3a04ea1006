// Turns a recommended candidate into the serving config `servetwin serve --config` takes
// (servetwin.serving/v1, config/serving.ts): the same batching, instances, replicas and router,
// the model the profile was measured on, and the autoscaler the plan assumed.
import { builtinModelNames, DEFAULT_MODEL } from '../common/builtin-models.js';
import { SERVING_SCHEMA, ServingConfigSchema, type ServingConfigInput } from '../config/serving.js';
import type { ParametricProfile, Profile } from '../config/profile.js';
import type { Candidate } from '../config/scenario.js';

/** The model a profile describes: a builtin name, a file path, or the default model for parametric profiles. */
export function modelOfProfile(profile: Profile | ParametricProfile): string {
  if (profile.kind === 'measured') {
    const builtin = profile.model.path.replace(/^builtin:/, '');
    if (builtinModelNames().includes(builtin)) return builtin;
    return profile.model.path;
  }
  if (profile.kind === 'imported' && profile.model && builtinModelNames().includes(profile.model.name)) return profile.model.name;
  return DEFAULT_MODEL;
}

export function servingConfigFor(candidate: Candidate, profile: Profile | ParametricProfile): ServingConfigInput {
  const intraOp = profile.kind === 'measured' ? profile.threads.intra_op : 1;
  const autoscaler = (candidate as Candidate & { autoscaler?: { kind: string } }).autoscaler;
  const config: ServingConfigInput = {
    schema: SERVING_SCHEMA,
    models: [
      {
        model: modelOfProfile(profile),
        batching: candidate.batching,
        instances: candidate.instances,
        intra_op_threads: intraOp,
        replicas: candidate.replicas,
        router: candidate.router,
      },
    ],
    ...(autoscaler ? { autoscaler } : {}),
  };
  // The writer and the reader share one schema: never emit a config serve would refuse.
  ServingConfigSchema.parse(config);
  return config;
}
