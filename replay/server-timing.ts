// Reads the engine's Server-Timing header (engine/http/routes.ts serverTiming) into one row of
// numbers per request, so replay can say where each request's time went inside the server:
// ingress, batcher queue, instance, forward pass, egress, total, the batch's size, and the instance's
// idle time before the forward pass (absent from older engines and an instance's first pass: NaN). The sender
// (replay/sender.ts) fills the table as answers arrive; replay/overhead.ts measures from it.

/** Columns of a row, in the order the engine writes them. */
export const TIMING_FIELDS = ['ingress', 'queue', 'instance', 'compute', 'egress', 'total', 'batch', 'idle'] as const;
export type TimingField = (typeof TIMING_FIELDS)[number];
const WIDTH = TIMING_FIELDS.length;
const COLUMN = new Map<string, number>(TIMING_FIELDS.map((f, i) => [f, i]));
const TOTAL = COLUMN.get('total')!;

/** One row per request; NaN where the server sent no Server-Timing (another server, an error). */
export class TimingTable {
  readonly values: Float64Array;
  constructor(readonly length: number) {
    this.values = new Float64Array(length * WIDTH).fill(Number.NaN);
  }

  get(i: number, field: TimingField): number {
    return this.values[i * WIDTH + COLUMN.get(field)!]!;
  }

  /** True when request i's answer carried a complete Server-Timing header. */
  has(i: number): boolean {
    return !Number.isNaN(this.values[i * WIDTH + TOTAL]!);
  }

  /** Parses `name;dur=1.234` entries (and `batch;desc=4`) of a header into row i; unknown names are ignored. */
  record(i: number, header: string | string[] | undefined): void {
    if (header === undefined) return;
    for (const entry of (Array.isArray(header) ? header.join(',') : header).split(',')) {
      const parts = entry.trim().split(';');
      const column = COLUMN.get(parts[0]!.trim());
      if (column === undefined) continue;
      for (const param of parts.slice(1)) {
        const eq = param.indexOf('=');
        const key = param.slice(0, eq).trim();
        if (key !== 'dur' && key !== 'desc') continue;
        const value = Number(param.slice(eq + 1).trim().replace(/^"|"$/g, ''));
        if (Number.isFinite(value)) this.values[i * WIDTH + column] = value;
      }
    }
  }
}
