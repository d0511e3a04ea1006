// What a live replay measured, as the explanation's measured column uses it: declared apart from
// fidelity-file.ts, which reads it from a file, so the explanation itself reads no file (the
// browser playground imports it).
/** What the replay measured, as the explanation uses it (null: not measured). */
export interface MeasuredFigures {
  file: string;
  scenario: string | null;
  candidate: string;
  /** False when the replay judged its own run invalid for fidelity (its generator fell behind); null when it does not say. */
  valid: boolean | null;
  latencyMeanMs: number | null;
  throughputRps: number | null;
  meanBatchItems: number | null;
  queueMs: number | null;
  computeMs: number | null;
  /** Client, its lag and the link. */
  clientMs: number | null;
  /** Ingress + egress on the HTTP thread, waits included. */
  httpThreadMs: number | null;
  httpThreadBusy: number | null;
}
