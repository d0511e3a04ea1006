// A small closed-loop HTTP load generator for bench/engine.ts: `concurrency` keep-alive
// connections each send the same pre-encoded request back to back for a fixed time, loopback
// only. Closed loop is right for "throughput at saturation" and for "latency at low load" (one
// connection); it is not a replay of arrival times (that is `servetwin replay`, open loop).
import http from 'node:http';

export interface LoadResult {
  /** Requests answered 200 after the warm-up. */
  ok: number;
  /** Other statuses and connection errors, by status code or error code. */
  failures: Record<string, number>;
  seconds: number;
  /** Client-measured latency of each 200 after the warm-up, ms. */
  latenciesMs: number[];
}

export interface LoadOptions {
  url: string;
  body: Buffer;
  headers: Record<string, string>;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
}

export async function closedLoop(opts: LoadOptions): Promise<LoadResult> {
  const { hostname } = new URL(opts.url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '::1') throw new Error(`the bench only loads loopback addresses, not ${hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const headers = { ...opts.headers, 'content-length': String(opts.body.length) };
  const start = performance.now();
  const measureFrom = start + opts.warmupMs;
  const end = measureFrom + opts.durationMs;
  const result: LoadResult = { ok: 0, failures: {}, seconds: opts.durationMs / 1000, latenciesMs: [] };
  const send = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(opts.url, { method: 'POST', headers, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          const t1 = performance.now();
          if (t0 >= measureFrom && t1 <= end) {
            if (res.statusCode === 200) {
              result.ok++;
              result.latenciesMs.push(t1 - t0);
            } else result.failures[String(res.statusCode)] = (result.failures[String(res.statusCode)] ?? 0) + 1;
          }
          resolve();
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        result.failures[err.code ?? 'error'] = (result.failures[err.code ?? 'error'] ?? 0) + 1;
        resolve();
      });
      req.end(opts.body);
    });
  const connection = async () => {
    while (performance.now() < end) await send();
  };
  await Promise.all(Array.from({ length: opts.concurrency }, connection));
  agent.destroy();
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
