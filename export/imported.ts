// An imported deployment, field by field: the candidate being assembled and, for each field, where
// it came from — a file and the path in its document, a default the source system applies where
// the file is silent, or an approximation. Every import module (export/*/import-*.ts) fills one;
// export/import-deployment.ts validates the result as a scenario candidate.
import { InputError } from '../common/errors.js';

export interface FieldOrigin {
  /** The candidate's field, dotted: `autoscaler.max_replicas`. */
  field: string;
  value: unknown;
  /** `file: Kind name: path`, or the source system's default and where it is documented. */
  from: string;
  kind: 'file' | 'default' | 'approximation';
}

export class ImportedCandidate {
  readonly fields: Record<string, unknown> = {};
  readonly origins: FieldOrigin[] = [];
  readonly notes: string[] = [];

  /** A value read from a file. */
  read(field: string, value: unknown, from: string): void {
    this.put(field, value, from, 'file');
  }

  /** A default of the source system that applies because the file is silent. */
  assume(field: string, value: unknown, why: string): void {
    this.put(field, value, why, 'default');
  }

  /** A value derived from something that means nearly, not exactly, the same. */
  approximate(field: string, value: unknown, why: string): void {
    this.put(field, value, why, 'approximation');
  }

  note(message: string): void {
    this.notes.push(message);
  }

  has(field: string): boolean {
    return this.origins.some((o) => o.field === field);
  }

  private put(field: string, value: unknown, from: string, kind: FieldOrigin['kind']): void {
    const keys = field.split('.');
    let node = this.fields;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = value;
    const existing = this.origins.findIndex((o) => o.field === field);
    if (existing >= 0) this.origins.splice(existing, 1);
    this.origins.push({ field, value, from, kind });
  }
}

/** The InputError of an import: the file, the path in its document, and why (exit 2). */
export function importError(file: string, path: string, why: string): InputError {
  return new InputError(`${file}: ${path}: ${why}`, { source: file, path });
}

/** A Kubernetes quantity as a number: "1500m" → 1.5, "2" → 2, "512Mi" → 536870912. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^([+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(value.trim());
  if (!m) return undefined;
  // Thousandths divided, not multiplied by 1e-3: "410m" is 0.41, not 0.41000000000000003.
  if (m[2] === 'm') return Number(m[1]) / 1000;
  const scale: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  return Number(m[1]) * (m[2] ? scale[m[2]]! : 1);
}

/** A number as a Kubernetes quantity: integers plain, fractions in thousandths ("1600m"). */
export function numberQuantity(value: number): string {
  return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
}
