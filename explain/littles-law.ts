// Little's law, L = λW, checked on the simulation's own counts: the time-averaged number of
// requests at the replicas (the time series' queue_depth + in_service, averaged over the intervals
// of the measured window) against the throughput times the mean time spent there (queue_ms +
// compute_ms), and the queue alone (queue_depth against λ · queue_ms). The two sides come from
// different counters of the simulator, so agreement is a check on its bookkeeping; the note says
// what can part them (drops, requests still in flight at the end, the HTTP thread, which the series
// leaves out). Built by explain/explain.ts.
import type { LittlesLawCheck } from '../config/explain.js';
import type { StoredCandidate } from '../config/result.js';

export function littlesLaw(c: StoredCandidate, warmupS: number): LittlesLawCheck {
  const ts = c.timeseries;
  let depth = 0;
  let service = 0;
  let n = 0;
  ts.t_s.forEach((t, i) => {
    if (t + 1e-9 < warmupS) return;
    depth += ts.queue_depth[i] ?? 0;
    service += ts.in_service[i] ?? 0;
    n++;
  });
  const lambda = c.throughput_rps / 1000; // per ms
  const lq = n > 0 ? depth / n : null;
  const l = n > 0 ? (depth + service) / n : null;
  const lw = lambda * (c.queue_ms.mean + c.compute_ms.mean);
  const lwq = lambda * c.queue_ms.mean;
  const rel = (series: number | null, predicted: number) => (series === null || predicted === 0 ? null : (series - predicted) / predicted);
  const parts = ['L counts requests in replica queues and executing; W = queue_ms + compute_ms, the time spent there'];
  if (c.dropped_by_reason.timeout > 0) parts.push(`${c.dropped_by_reason.timeout} request(s) timed out in the queue: L counted them while they waited, W (over completed requests) does not`);
  if (c.frontend_ms) parts.push('time on the HTTP thread is outside both sides');
  if (c.in_flight > 0) parts.push(`${c.in_flight} request(s) were still in flight at the end`);
  return {
    intervals: n,
    throughput_rps: c.throughput_rps,
    in_system: { series: l, lambda_w: lw, relative_error: rel(l, lw) },
    in_queue: { series: lq, lambda_w: lwq, relative_error: rel(lq, lwq) },
    note: `${parts.join('; ')}.`,
  };
}
