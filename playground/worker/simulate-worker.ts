// The Web Worker's entry (bundled by bundle.mjs for the browser, started by page/runner.ts): runs
// each job it is sent with run-job.ts, off the page's thread so the page never freezes, one run
// after the other: progress of the first at most every PROGRESS_MS, each run's result as it ends,
// then `done` — or the error's message. A job the page cancels through the shared cell (where it
// has one) stops at its next progress check, or before its next run.
import { errorMessage } from '../../common/errors.js';
import { runJob } from './run-job.js';
import { searchKnee } from './knee-search.js';
import type { FromWorker, ToWorker } from './messages.js';

const PROGRESS_MS = 120;

/** The parts of a dedicated worker's global scope used here (the DOM's types describe a page, not a worker). */
interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = globalThis as unknown as WorkerScope;

/** Thrown from the progress check to stop a cancelled run. */
const CANCELLED = Symbol('cancelled');
/** The page writes here the id of the newest job it cancelled (0: none). */
let cancelledUpTo: Int32Array | null = null;

scope.onmessage = async ({ data }) => {
  if (data.type === 'cancel') {
    cancelledUpTo = new Int32Array(data.cell);
    return;
  }
  const { job } = data;
  const started = performance.now();
  if (data.type === 'warm') {
    try {
      for (const run of job.runs) runJob(run);
    } catch {
      // A warm-up that fails teaches the engine nothing worse than a cold start: the real job will say what is wrong.
    }
    return;
  }
  let lastPost = started;
  const cancelled = () => cancelledUpTo !== null && Atomics.load(cancelledUpTo, 0) >= job.id;
  try {
    if (job.knee) {
      const stopIfCancelled = () => {
        if (cancelled()) throw CANCELLED;
      };
      const o = await searchKnee(
        job.runs[0]!,
        (probe) => {
          stopIfCancelled();
          scope.postMessage({ type: 'probe', id: job.id, probe });
        },
        stopIfCancelled,
      );
      scope.postMessage({ type: 'knee', id: job.id, outcome: { status: o.status, sustainable: o.sustainable, breaks_at: o.breaks_at } });
      scope.postMessage({ type: 'done', id: job.id });
      return;
    }
    job.runs.forEach((run, index) => {
      if (cancelled()) throw CANCELLED;
      const begun = performance.now();
      const { result, watched } = runJob(run, (partial) => {
        if (cancelled()) throw CANCELLED;
        const now = performance.now();
        if (index > 0 || partial === null || now - lastPost < PROGRESS_MS) return;
        lastPost = now;
        scope.postMessage({ type: 'progress', id: job.id, partial: partial() });
      });
      scope.postMessage({ type: 'result', id: job.id, index, result, watched, wallMs: performance.now() - begun });
    });
    scope.postMessage({ type: 'done', id: job.id });
  } catch (err) {
    scope.postMessage(err === CANCELLED ? { type: 'cancelled', id: job.id } : { type: 'error', id: job.id, message: errorMessage(err) });
  }
};
