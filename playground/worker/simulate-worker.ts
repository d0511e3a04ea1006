// The Web Worker's entry (bundled by bundle.mjs for the browser, started by page/runner.ts): runs
// each job it is sent with run-job.ts, off the page's thread so the page never freezes, and posts
// progress at most every PROGRESS_MS, then the result or the error's message.
import { errorMessage } from '../../common/errors.js';
import { runJob } from './run-job.js';
import type { FromWorker, ToWorker } from './messages.js';

const PROGRESS_MS = 120;

/** The parts of a dedicated worker's global scope used here (the DOM's types describe a page, not a worker). */
interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  const { job } = data;
  const started = performance.now();
  if (data.type === 'warm') {
    try {
      runJob(job);
    } catch {
      // A warm-up that fails teaches the engine nothing worse than a cold start: the real job will say what is wrong.
    }
    return;
  }
  let lastPost = started;
  try {
    const { result, overTime } = runJob(job, (partial) => {
      const now = performance.now();
      if (now - lastPost < PROGRESS_MS) return;
      lastPost = now;
      scope.postMessage({ type: 'progress', id: job.id, partial: partial() });
    });
    scope.postMessage({ type: 'done', id: job.id, result, overTime, wallMs: performance.now() - started });
  } catch (err) {
    scope.postMessage({ type: 'error', id: job.id, message: errorMessage(err) });
  }
};
