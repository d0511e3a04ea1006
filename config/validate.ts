// Parses untrusted input (a scenario, a profile, a serving config, a result) with its zod schema and turns
// zod's issues into path-qualified sentences: `traffic.arrivals.rate_rps: expected a positive
// number, got -3`. Every config loader goes through here so all errors read the same.
import type { z } from 'zod';
import { InputError, describeValue } from '../common/errors.js';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const found = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (found === undefined) return `expected ${article(issue.expected)}, but it is missing`;
      return `expected ${article(issue.expected)}, got ${describeValue(found)}`;
    case 'too_small':
      if (issue.origin === 'number') {
        const bound = Number(issue.minimum);
        const what = bound === 0 && !issue.inclusive ? 'a positive number' : `a number ${issue.inclusive ? '>=' : '>'} ${bound}`;
        return `expected ${what}, got ${describeValue(found)}`;
      }
      if (issue.origin === 'array') return `expected at least ${String(issue.minimum)} item(s), got ${describeValue(found)}`;
      return `expected at least ${String(issue.minimum)}, got ${describeValue(found)}`;
    case 'too_big':
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}, got ${describeValue(found)}`;
      return `expected at most ${String(issue.maximum)}, got ${describeValue(found)}`;
    case 'invalid_value':
      if (found === undefined) return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, but it is missing`;
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(found)}`;
    case 'invalid_union':
      return `${issue.message}, got ${describeValue(found)}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'int') return 'an integer';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** All issues as one sentence each, `path: message`, in zod's order. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${describeIssue(issue, input)}`);
}

/** Throws an InputError naming the source (file or flag) and every bad field, when there are issues. */
export function assertNoIssues(issues: readonly z.core.$ZodIssue[], input: unknown, source: string): void {
  if (issues.length === 0) return;
  const lines = describeIssues(issues, input);
  throw new InputError(`${source}: ${lines.length === 1 ? lines[0] : `\n  ${lines.join('\n  ')}`}`, {
    source,
    path: formatPath(issues[0]!.path),
  });
}

/**
 * Validates `input` against `schema`. On failure throws an InputError whose message names the
 * source (file or flag) and every bad field.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, source: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  assertNoIssues(result.error.issues, input, source);
  throw result.error; // unreachable: a failed parse has issues
}
