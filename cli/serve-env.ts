// `servetwin serve`'s settings from the environment, for platforms that configure a process through
// it (a Kubernetes pod's `env`, `docker run -e`, the image's own ENV). One variable per field of the
// serving config's `server` block (config/serving.ts), named SERVETWIN_ and the field in capitals —
// SERVETWIN_HOST, SERVETWIN_PORT, SERVETWIN_DRAIN_DELAY_MS, … — derived from the schema, so a new
// server field gets its variable; plus SERVETWIN_CONFIG and SERVETWIN_MODEL_REPOSITORY, the two
// flags that say where the models come from. What is served stays in the config file or the flags.
// cli/commands/serve.ts applies the precedence: flags over the environment over the config file.
import * as z from 'zod';
import { InputError } from '../common/errors.js';
import { ServerSchema, type ServerConfig } from '../config/serving.js';
import { parseConfig } from '../config/validate.js';
import { schemaFlags } from './schema-flags.js';

export const SERVE_ENV_PREFIX = 'SERVETWIN_';
export const CONFIG_VARIABLE = 'SERVETWIN_CONFIG';
export const MODEL_REPOSITORY_VARIABLE = 'SERVETWIN_MODEL_REPOSITORY';

export interface ServeEnvironment {
  /** SERVETWIN_CONFIG: the serving config file, as --config. */
  config?: string;
  /** SERVETWIN_MODEL_REPOSITORY: a folder of models, as --model-repository. */
  modelRepository?: string;
  /** The server fields the environment sets, checked against their schema. */
  server: Partial<ServerConfig>;
  /** `NAME=value` of every variable taken, in the order of serveEnvironmentVariables(). */
  applied: string[];
}

interface ServerVariable {
  name: string;
  field: keyof ServerConfig;
  numeric: boolean;
}

let serverVariables: ServerVariable[] | undefined;

function serverVariablesOf(): ServerVariable[] {
  return (serverVariables ??= schemaFlags(ServerSchema.shape).map((flag) => ({
    name: `${SERVE_ENV_PREFIX}${flag.path.join('_').toUpperCase()}`,
    field: flag.path[0] as keyof ServerConfig,
    numeric: flag.option.type === 'number',
  })));
}

/** Every variable `serve` reads, with what it sets (for --help and docs/serve.md). */
export function serveEnvironmentVariables(): { name: string; sets: string }[] {
  return [
    { name: CONFIG_VARIABLE, sets: '--config' },
    { name: MODEL_REPOSITORY_VARIABLE, sets: '--model-repository' },
    ...serverVariablesOf().map((v) => ({ name: v.name, sets: `server.${v.field}` })),
  ];
}

/**
 * The settings `env` holds. A variable that is unset or empty sets nothing (Kubernetes and Docker
 * make an empty one easily). A bad value is an InputError naming the variable, what was expected
 * and what was found.
 */
export function readServeEnvironment(env: NodeJS.ProcessEnv): ServeEnvironment {
  const out: ServeEnvironment = { server: {}, applied: [] };
  const take = (name: string): string | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    out.applied.push(`${name}=${value}`);
    return value;
  };
  out.config = take(CONFIG_VARIABLE);
  out.modelRepository = take(MODEL_REPOSITORY_VARIABLE);
  for (const v of serverVariablesOf()) {
    const text = take(v.name);
    if (text === undefined) continue;
    const value = v.numeric ? numberOf(text, v.name) : text;
    const field = ServerSchema.shape[v.field];
    // Checked one by one against the field's own schema, so the message names the variable.
    const checked = parseConfig(z.strictObject({ [v.name]: field }), { [v.name]: value }, 'the environment') as Record<string, unknown>;
    (out.server as Record<string, unknown>)[v.field] = checked[v.name];
  }
  return out;
}

function numberOf(text: string, name: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed)) {
    throw new InputError(`the environment: ${name}: expected a number, got ${JSON.stringify(text)}`, { source: name, expected: 'a number', found: text });
  }
  return Number(trimmed);
}
