// Reading result files (servetwin.result/v1), the one way every verb does: `report`, `check
// --baseline` (users' stored results, written by any earlier version) and `merge` (shards of one
// sweep, written by this version). Errors are InputErrors naming the file and the field path. The
// value returned is the file's own, unchanged (same keys, same order): merging shards must give the
// bytes of the whole run, and a reader never sees defaults it did not write.
import { InputError, describeValue } from '../common/errors.js';
import { readJsonFile } from '../common/read-file.js';
import { assertNoIssues } from './validate.js';
import { RESULT_SCHEMA_ID, storedResultSchemas, writtenResultSchemas, type PlanResult, type ResultMode, type StoredResult } from './result.js';

const WHAT = `a ${RESULT_SCHEMA_ID} JSON file`;

function checkSchemaId(raw: unknown, source: string): void {
  const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).schema : undefined;
  if (id === RESULT_SCHEMA_ID) return;
  throw new InputError(`${source}: expected a ${RESULT_SCHEMA_ID} result (from \`servetwin simulate --json\`), but its schema is ${describeValue(id)}`, {
    source,
    path: 'schema',
    expected: RESULT_SCHEMA_ID,
    found: describeValue(id),
  });
}

/**
 * Checks a parsed result. `stored`: a file of any version — fields that came later may be missing,
 * and fields this version does not know (a later version wrote them) are left alone. `written`: a
 * file of this very version, every field present and none unknown.
 */
export function parseResult(raw: unknown, source: string, mode: 'written'): PlanResult;
export function parseResult(raw: unknown, source: string, mode?: 'stored'): StoredResult;
export function parseResult(raw: unknown, source: string, mode: ResultMode = 'stored'): StoredResult | PlanResult {
  checkSchemaId(raw, source);
  const schema = mode === 'written' ? writtenResultSchemas().PlanResult : storedResultSchemas().PlanResult;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = mode === 'written' ? parsed.error.issues : parsed.error.issues.filter((issue) => issue.code !== 'unrecognized_keys');
    assertNoIssues(issues, raw, source);
  }
  // Checked above; returned as it came (see the header).
  return raw as StoredResult | PlanResult;
}

/** Reads and checks a result file; `label` names where the file name came from (e.g. `--baseline`). */
export function loadResult(file: string, options: { mode: 'written'; label?: string }): PlanResult;
export function loadResult(file: string, options?: { mode?: 'stored'; label?: string }): StoredResult;
export function loadResult(file: string, options: { mode?: ResultMode; label?: string } = {}): StoredResult | PlanResult {
  const raw = readJsonFile(file, WHAT, options.label ?? file);
  return options.mode === 'written' ? parseResult(raw, file, 'written') : parseResult(raw, file);
}
