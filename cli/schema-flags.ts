// Command-line flags declared by a zod object schema, so that a setting is declared once: each
// scalar field becomes a kebab-case flag (max_batch_size → --max-batch-size) with the schema's type,
// choices and description, and its default shown in --help but not applied — a flag left out must
// leave a config file's value alone. Nested objects recurse (batching.max_batch_size is
// --max-batch-size); records are skipped. Used by `serve` for the served-model and batching fields.
import type { Options } from 'yargs';
import type { z } from 'zod';
import { InputError } from '../common/errors.js';

export interface SchemaFlag {
  /** The flag without dashes, e.g. max-batch-size. */
  name: string;
  /** The field it sets, e.g. ['batching', 'max_batch_size']. */
  path: string[];
  option: Options;
  /** The command-line value as the schema's input (a comma-separated list becomes an array). */
  read(value: unknown): unknown;
}

// The parts of zod's internal definition this reads (zod 4 keeps them in `_zod.def`).
interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string | number>;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;

/** The schema under optional/default wrappers, with the outermost description and default. */
function unwrap(schema: z.ZodType): { core: z.ZodType; description?: string; defaultValue?: unknown } {
  let core = schema;
  let description: string | undefined;
  let defaultValue: unknown;
  for (;;) {
    description ??= core.description;
    const def = defOf(core);
    if (def.type === 'default' && defaultValue === undefined) defaultValue = def.defaultValue;
    if ((def.type !== 'optional' && def.type !== 'default') || !def.innerType) return { core, description, defaultValue };
    core = def.innerType;
  }
}

/** One flag per scalar field of `shape`, except the fields named in `skip` (top level). */
export function schemaFlags(shape: Record<string, z.ZodType>, skip: readonly string[] = [], parent: { path: string[]; defaults?: Record<string, unknown> } = { path: [] }): SchemaFlag[] {
  const flags: SchemaFlag[] = [];
  for (const [key, field] of Object.entries(shape)) {
    if (skip.includes(key)) continue;
    const path = [...parent.path, key];
    const { core, description, defaultValue = parent.defaults?.[key] } = unwrap(field);
    const def = defOf(core);
    if (def.type === 'object' && def.shape) {
      flags.push(...schemaFlags(def.shape, [], { path, defaults: defaultValue as Record<string, unknown> | undefined }));
      continue;
    }
    const name = key.replaceAll('_', '-');
    const option: Options = { describe: description ?? key };
    if (defaultValue !== undefined) option.defaultDescription = String(defaultValue);
    let read = (value: unknown) => value;
    if (def.type === 'number') option.type = 'number';
    else if (def.type === 'string') option.type = 'string';
    else if (def.type === 'boolean') option.type = 'boolean';
    else if (def.type === 'enum' && def.entries) Object.assign(option, { type: 'string', choices: Object.values(def.entries) });
    else if (def.type === 'array' && def.element && defOf(unwrap(def.element).core).type === 'number') {
      Object.assign(option, { type: 'string', describe: `${option.describe} Comma-separated, e.g. 4,8.` });
      read = (value) => numberList(value, `--${name}`);
    } else continue; // records and other structured fields have no flag
    flags.push({ name, path, option, read });
  }
  return flags;
}

/** The flags given on the command line as a partial object of the schema's input. */
export function valuesOfFlags(flags: readonly SchemaFlag[], args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const flag of flags) {
    const value = args[flag.name];
    if (value === undefined) continue;
    let node = out;
    for (const key of flag.path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[flag.path[flag.path.length - 1]!] = flag.read(value);
  }
  return out;
}

function numberList(value: unknown, flag: string): number[] {
  const text = String(value);
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) {
    throw new InputError(`${flag}: expected a comma-separated list of positive integers (e.g. 4,8), got ${JSON.stringify(text)}`, { source: flag });
  }
  return parts.map(Number);
}
