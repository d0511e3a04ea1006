// Reading capacity files (servetwin.capacity/v1): `report --capacity` and `merge` (shards of one
// search). Errors are InputErrors naming the file and the field path; the value returned is the
// file's own, unchanged, so merged shards give the bytes of one whole run.
import { InputError, describeValue } from '../common/errors.js';
import { readJsonFile } from '../common/read-file.js';
import { assertNoIssues } from './validate.js';
import { CAPACITY_SCHEMA_ID, capacitySchemas, type CapacityResult } from './capacity.js';

/** The `schema` a parsed JSON file names (undefined when it names none). */
export function schemaIdOf(raw: unknown): unknown {
  return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).schema : undefined;
}

export function parseCapacity(raw: unknown, source: string): CapacityResult {
  const id = schemaIdOf(raw);
  if (id !== CAPACITY_SCHEMA_ID) {
    throw new InputError(`${source}: expected a ${CAPACITY_SCHEMA_ID} result (from \`servetwin capacity --json\`), but its schema is ${describeValue(id)}`, {
      source,
      path: 'schema',
      expected: CAPACITY_SCHEMA_ID,
      found: describeValue(id),
    });
  }
  const parsed = capacitySchemas().CapacityResult.safeParse(raw);
  if (!parsed.success) assertNoIssues(parsed.error.issues, raw, source);
  return raw as CapacityResult;
}

/** Reads and checks a capacity file; `label` names where its name came from (e.g. `--capacity`). */
export function loadCapacity(file: string, label = file): CapacityResult {
  return parseCapacity(readJsonFile(file, `a ${CAPACITY_SCHEMA_ID} JSON file`, label), file);
}
