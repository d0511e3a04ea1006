// Short labels for candidates, naming what varies between them: a grid's candidate
// `cpu[max_batch_size=4,max_queue_delay_ms=0,replicas=2]` reads `b4 · 0 ms · 2 rep` when batching
// and replicas vary. Charts label their rows and points with these (a long name cut short would
// hide the very part that differs); the table shows them beside the full name. Short hand-written
// names are kept as they are.

/** Names up to this long are labels already. */
export const SHORT_NAME = 24;

/** How a varied field is written, by its dotted path in the candidate's config. */
const FORMATS: Record<string, (v: string) => string> = {
  'batching.max_batch_size': (v) => `b${v}`,
  'batching.max_queue_delay_ms': (v) => `${v} ms`,
  replicas: (v) => `${v} rep`,
  instances: (v) => `${v} inst`,
  'batching.max_queue_size': (v) => `q${v}`,
  'autoscaler.kind': (v) => v,
  placement: (v) => v,
  router: (v) => v.replaceAll('_', '-'),
};
/** Fields looked at first, in this order; the rest in the order the configs hold them. */
const PRIORITY = Object.keys(FORMATS);

export interface Labelled {
  name: string;
  config: unknown;
}

/** Leaves of a config as dotted path → JSON text. */
function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  return out;
}

/** The part of a grid candidate's name before its `[…]`: the template it came from. */
function templateOf(name: string): string {
  const i = name.indexOf('[');
  return i > 0 && name.endsWith(']') ? name.slice(0, i) : name;
}

function format(path: string, value: string | undefined): string {
  const v = value ?? '–';
  const f = FORMATS[path];
  return f ? f(v) : `${path.slice(path.lastIndexOf('.') + 1)}=${v}`;
}

/**
 * One label per candidate, in order: the names themselves when they are all short or none comes
 * from a grid, else the
 * fields that tell the candidates apart (fewest needed, in a fixed order), prefixed with the
 * template's name when several templates were expanded. Always distinct.
 */
export function candidateShortLabels(candidates: readonly Labelled[]): string[] {
  const names = candidates.map((c) => c.name);
  // Short names are labels already; names written by hand (no grid) are what their author calls them.
  const templates = new Set(names.map(templateOf));
  if (names.every((n) => n.length <= SHORT_NAME) || templates.size === names.length) return names;
  const values = candidates.map((c) => leaves(c.config));
  const paths = [...new Set(values.flatMap((v) => [...v.keys()]))].filter((p) => new Set(values.map((v) => v.get(p))).size > 1);
  paths.sort((a, b) => rank(a) - rank(b));
  // Greedy: a field is kept when it splits candidates the fields kept so far leave together.
  let groups: number[][] = [candidates.map((_, i) => i)];
  const chosen: string[] = [];
  for (const p of paths) {
    if (groups.every((g) => g.length === 1)) break;
    const split = groups.flatMap((g) => {
      const by = new Map<string | undefined, number[]>();
      for (const i of g) by.set(values[i]!.get(p), [...(by.get(values[i]!.get(p)) ?? []), i]);
      return [...by.values()];
    });
    if (split.length > groups.length) {
      chosen.push(p);
      groups = split;
    }
  }
  const labels = candidates.map((c, i) => {
    const parts = chosen.map((p) => format(p, values[i]!.get(p)));
    if (templates.size > 1 || parts.length === 0) parts.unshift(templateOf(c.name));
    return parts.join(' · ');
  });
  // Candidates no field tells apart (the same config under two names) keep their names.
  const seen = new Map<string, number>();
  for (const l of labels) seen.set(l, (seen.get(l) ?? 0) + 1);
  return labels.map((l, i) => ((seen.get(l) ?? 0) > 1 ? names[i]! : l));
}

function rank(path: string): number {
  const i = PRIORITY.indexOf(path);
  return i < 0 ? PRIORITY.length : i;
}
