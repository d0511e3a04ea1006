// Errors meant for people. An InputError says which file and field were wrong, what was expected
// and what was found; the CLI prints its message (no stack) and exits 2. Anything else that
// escapes a command is a runtime failure: exit 1.

export interface InputErrorDetail {
  /** The file (or flag, e.g. `--batch-sizes`) the bad value came from. */
  source?: string;
  /** Path of the field inside the file, e.g. `traffic.arrivals.rate_rps`. */
  path?: string;
  expected?: string;
  found?: string;
}

export class InputError extends Error {
  readonly detail: InputErrorDetail;
  constructor(message: string, detail: InputErrorDetail = {}) {
    super(message);
    this.name = 'InputError';
    this.detail = detail;
  }
}

/** Renders a value the way a person would want to see it in "got …". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return 'an object';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
