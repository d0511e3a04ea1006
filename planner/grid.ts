// Expands a scenario's `grid` into concrete candidates: the cartesian product of value lists for
// any candidate field (dotted paths such as `batching.max_batch_size`), applied to each declared
// candidate as a template. The order is fixed (templates in order, then keys in declaration order
// with the last key varying fastest) so a grid index means the same candidate on every machine —
// that is what lets `--shard i/N` slices be merged back into the whole sweep.
import { InputError } from '../common/errors.js';

export type Grid = Record<string, readonly unknown[]>;

/** Number of combinations one template yields. */
export function gridSize(grid: Grid | undefined): number {
  if (!grid) return 1;
  let n = 1;
  for (const values of Object.values(grid)) n *= values.length;
  return n;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown, source: string): void {
  const keys = dotted.split('.');
  let node: Record<string, unknown> = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      throw new InputError(`${source}: grid.${dotted}: ${keys.slice(0, i + 1).join('.')} is not an object in the candidate, so it cannot be varied`, {
        source,
        path: `grid.${dotted}`,
      });
    }
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = structuredClone(value);
}

function formatValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** The last path segment, so names stay short: `max_batch_size=8` rather than `batching.max_batch_size=8`. */
function shortKey(dotted: string, all: readonly string[]): string {
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  const clash = all.some((k) => k !== dotted && k.slice(k.lastIndexOf('.') + 1) === last);
  return clash ? dotted : last;
}

/**
 * One candidate per template × combination. The template's name gets the varied values appended
 * (`peak[max_batch_size=8,replicas=2]`). Returns the raw (unvalidated) candidates: the caller
 * validates them with the scenario's candidate schema, so a grid value of the wrong type gets the
 * same path-qualified error as a hand-written candidate.
 */
export function expandGrid<T extends { name: string }>(templates: readonly T[], grid: Grid | undefined, source: string): Record<string, unknown>[] {
  const keys = Object.keys(grid ?? {});
  for (const key of keys) {
    if ((grid![key] ?? []).length === 0) {
      throw new InputError(`${source}: grid.${key}: expected a non-empty list of values, got an empty list`, { source, path: `grid.${key}` });
    }
    if (key === 'name') throw new InputError(`${source}: grid.name: the candidate name cannot be varied; it is derived from the grid`, { source });
  }
  const out: Record<string, unknown>[] = [];
  const total = gridSize(grid);
  for (const template of templates) {
    for (let index = 0; index < total; index++) {
      const candidate = structuredClone(template) as unknown as Record<string, unknown>;
      const parts: string[] = [];
      let rest = index;
      // Decode the mixed-radix index, last key fastest.
      const choice = new Array<number>(keys.length);
      for (let k = keys.length - 1; k >= 0; k--) {
        const size = grid![keys[k]!]!.length;
        choice[k] = rest % size;
        rest = Math.floor(rest / size);
      }
      keys.forEach((key, k) => {
        const value = grid![key]![choice[k]!];
        setPath(candidate, key, value, source);
        parts.push(`${shortKey(key, keys)}=${formatValue(value)}`);
      });
      candidate.name = parts.length > 0 ? `${template.name}[${parts.join(',')}]` : template.name;
      out.push(candidate);
    }
  }
  return out;
}
