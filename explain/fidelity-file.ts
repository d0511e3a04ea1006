// Reads what a live replay measured from its servetwin.fidelity report (replay/fidelity.ts writes
// it), tolerantly: only the fields the explanation's measured column needs, from any version of the
// format (v1, v2, …) — the replay side adds fields freely, and a figure it could not measure is
// null (JSON has no NaN). A file that is not a fidelity report at all is an InputError naming it.
import * as z from 'zod';
import { InputError, describeValue } from '../common/errors.js';
import { readJsonFile } from '../common/read-file.js';
import type { MeasuredFigures } from './measured-figures.js';

export type { MeasuredFigures } from './measured-figures.js';

const Figure = z.number().nullable().optional();
const FidelityShape = z.looseObject({
  schema: z.string().regex(/^servetwin\.fidelity\/v\d+$/),
  scenario: z.looseObject({ name: z.string() }).optional(),
  candidate: z.looseObject({ name: z.string() }),
  measured: z.looseObject({
    latency_ms: z.looseObject({ mean: Figure }).optional(),
    throughput_rps: Figure,
    mean_batch_size: Figure,
    queue_ms: Figure,
    compute_ms: Figure,
  }),
  breakdown: z
    .looseObject({
      measured: z.looseObject({ client: Figure, http_thread: Figure, http_thread_busy: Figure }).optional(),
    })
    .optional(),
  valid_for_fidelity: z.boolean().optional(),
});

export function parseFidelity(raw: unknown, file: string): MeasuredFigures {
  const parsed = FidelityShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.join('.');
    const schema = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).schema : undefined;
    throw new InputError(`${file}: expected a servetwin.fidelity report (from \`servetwin replay --json\`)${at === 'schema' ? `, but its schema is ${describeValue(schema)}` : `, but ${at || 'it'}: ${issue.message}`}`, {
      source: file,
      path: at,
    });
  }
  const f = parsed.data;
  const num = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const b = f.breakdown?.measured;
  return {
    file,
    scenario: f.scenario?.name ?? null,
    candidate: f.candidate.name,
    valid: f.valid_for_fidelity ?? null,
    latencyMeanMs: num(f.measured.latency_ms?.mean),
    throughputRps: num(f.measured.throughput_rps),
    meanBatchItems: num(f.measured.mean_batch_size),
    queueMs: num(f.measured.queue_ms),
    computeMs: num(f.measured.compute_ms),
    clientMs: num(b?.client),
    httpThreadMs: num(b?.http_thread),
    httpThreadBusy: num(b?.http_thread_busy),
  };
}

export function loadFidelity(file: string): MeasuredFigures {
  return parseFidelity(readJsonFile(file, 'a servetwin.fidelity JSON report', file), file);
}
