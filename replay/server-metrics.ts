// What the server itself saw during a replay: its Prometheus /metrics scraped before and after (see
// engine/metrics.ts for the names), parsed and subtracted, giving the window's server-side queue
// time, forward-pass time, end-to-end time, batch sizes and failures by reason for one model.
// Parsing follows the Prometheus text exposition format (labels with escapes, optional timestamps).
// Several engines (one process per replica) are read as one: their scrapes are joined and equal
// series add up, as a Prometheus sum() over the pods would.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Samples of a Prometheus text exposition (comments and blank lines skipped). */
export function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
    if (!name) throw new Error(`/metrics: cannot read the line ${JSON.stringify(line.slice(0, 80))}`);
    let i = name.length;
    const labels: Record<string, string> = {};
    if (line[i] === '{') {
      i++;
      for (;;) {
        while (line[i] === ' ' || line[i] === ',') i++;
        if (line[i] === '}') {
          i++;
          break;
        }
        const key = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i))?.[0];
        if (!key || line[i + key.length] !== '=' || line[i + key.length + 1] !== '"') throw new Error(`/metrics: bad labels in ${JSON.stringify(line.slice(0, 80))}`);
        i += key.length + 2;
        let value = '';
        for (; i < line.length && line[i] !== '"'; i++) {
          if (line[i] === '\\') {
            i++;
            value += line[i] === 'n' ? '\n' : line[i];
          } else value += line[i];
        }
        if (line[i] !== '"') throw new Error(`/metrics: unterminated label value in ${JSON.stringify(line.slice(0, 80))}`);
        i++;
        labels[key] = value;
      }
    }
    const valueText = line.slice(i).trim().split(/\s+/)[0] ?? '';
    const value = valueText === '+Inf' ? Number.POSITIVE_INFINITY : valueText === '-Inf' ? Number.NEGATIVE_INFINITY : Number(valueText);
    if (valueText === '' || (Number.isNaN(value) && valueText !== 'NaN')) throw new Error(`/metrics: bad value in ${JSON.stringify(line.slice(0, 80))}`);
    out.push({ name, labels, value });
  }
  return out;
}

/** Figures of one model over the window between two scrapes. */
export interface ServerFigures {
  /** Requests answered 200. */
  success: number;
  /** Failed requests by reason (queue_full, queue_timeout, bad_request, …). */
  failures: Record<string, number>;
  /** Batches run and items (rows) in them. */
  batches: number;
  items: number;
  mean_batch_size: number;
  /** Mean wait in the batcher queue per request, ms. */
  queue_ms: number;
  /** Mean forward-pass time per batch, ms (timed around session.run in the instance worker). */
  compute_ms_per_batch: number;
  /** Mean forward-pass time of the batch each request rode in, ms (Triton's per-request view; the simulator's compute_ms). */
  compute_ms: number;
  /** Mean server-side end-to-end time of successful requests (headers received → response ready), ms. */
  request_ms: number;
  /** Quantiles interpolated within histogram buckets (Prometheus histogram_quantile): coarse. */
  queue_ms_p50: number;
  queue_ms_p99: number;
  compute_ms_per_batch_p50: number;
  compute_ms_per_batch_p99: number;
  /** Time the engine's event loop (its HTTP thread) was busy over the window, ms (0 from an engine that does not report it). */
  event_loop_busy_ms: number;
  /** The HTTP thread's CPU time over the window, ms, and its time waiting for a core (null from an engine or OS that does not report them). */
  http_thread_cpu_ms: number | null;
  http_thread_wait_ms: number | null;
  /** Batches by size bucket upper bound ("1", "2", "4", …, "+Inf"): non-cumulative counts. */
  batch_size_buckets: Record<string, number>;
}

type Index = Map<string, number>;

function key(name: string, labels: Record<string, string>): string {
  return `${name}{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',')}}`;
}

function index(samples: Sample[], model: string): Index {
  const m: Index = new Map();
  for (const s of samples) {
    if (s.labels.model !== undefined && s.labels.model !== model) continue;
    const k = key(s.name, { ...s.labels, model: '', version: '' });
    m.set(k, (m.get(k) ?? 0) + s.value);
  }
  return m;
}

/**
 * The counters and histograms of `model` in `after` minus those in `before` (a counter reset reads
 * as the after value). Either may be several engines' scrapes joined: their series are summed.
 */
export function diffMetrics(before: string, after: string, model: string): ServerFigures {
  const b = index(parsePrometheus(before), model);
  const a = index(parsePrometheus(after), model);
  const delta = (name: string, labels: Record<string, string> = {}): number => {
    const k = key(name, { ...labels, model: '', version: '' });
    const now = a.get(k) ?? 0;
    const then = b.get(k) ?? 0;
    return now >= then ? now - then : now;
  };
  const buckets = (name: string): { le: number; label: string; cumulative: number }[] => {
    const les = new Set<string>();
    for (const k of a.keys()) {
      const m = new RegExp(`^${name}_bucket\\{le=([^,]*),`).exec(k);
      if (m) les.add(m[1]!);
    }
    return [...les]
      .map((label) => ({ label, le: label === '+Inf' ? Number.POSITIVE_INFINITY : Number(label), cumulative: delta(`${name}_bucket`, { le: label }) }))
      .sort((x, y) => x.le - y.le);
  };
  const quantile = (name: string, q: number, scale: number): number => histogramQuantile(buckets(name), q) * scale;
  const ratio = (x: number, y: number) => (y > 0 ? x / y : 0);
  const has = (name: string): boolean => a.has(key(name, { model: '', version: '' }));

  const failures: Record<string, number> = {};
  for (const k of a.keys()) {
    const m = /^nv_inference_request_failure\{.*reason=([^,}]*)/.exec(k);
    if (m) failures[m[1]!] = delta('nv_inference_request_failure', { reason: m[1]! });
  }
  const success = delta('nv_inference_request_success');
  const batches = delta('nv_inference_exec_count');
  const items = delta('nv_inference_count');
  const queued = delta('servetwin_queue_duration_seconds_count');
  const batchSize = buckets('servetwin_batch_size');
  const batchSizeBuckets: Record<string, number> = {};
  batchSize.forEach((bucket, i) => {
    const count = bucket.cumulative - (i > 0 ? batchSize[i - 1]!.cumulative : 0);
    if (count > 0) batchSizeBuckets[bucket.label] = count;
  });
  return {
    success,
    failures,
    batches,
    items,
    mean_batch_size: ratio(items, batches),
    queue_ms: ratio(delta('servetwin_queue_duration_seconds_sum') * 1000, queued),
    compute_ms_per_batch: ratio(delta('servetwin_compute_duration_seconds_sum') * 1000, delta('servetwin_compute_duration_seconds_count')),
    compute_ms: ratio(delta('nv_inference_compute_infer_duration_us') / 1000, queued),
    request_ms: ratio(delta('nv_inference_request_duration_us') / 1000, success),
    queue_ms_p50: quantile('servetwin_queue_duration_seconds', 0.5, 1000),
    queue_ms_p99: quantile('servetwin_queue_duration_seconds', 0.99, 1000),
    compute_ms_per_batch_p50: quantile('servetwin_compute_duration_seconds', 0.5, 1000),
    compute_ms_per_batch_p99: quantile('servetwin_compute_duration_seconds', 0.99, 1000),
    event_loop_busy_ms: delta('servetwin_event_loop_busy_seconds_total') * 1000,
    http_thread_cpu_ms: has('servetwin_http_thread_cpu_seconds_total') ? delta('servetwin_http_thread_cpu_seconds_total') * 1000 : null,
    http_thread_wait_ms: has('servetwin_http_thread_runqueue_wait_seconds_total') ? delta('servetwin_http_thread_runqueue_wait_seconds_total') * 1000 : null,
    batch_size_buckets: batchSizeBuckets,
  };
}

/** Prometheus histogram_quantile: linear within the bucket holding rank q·total (0 when empty). */
export function histogramQuantile(buckets: { le: number; cumulative: number }[], q: number): number {
  const total = buckets.at(-1)?.cumulative ?? 0;
  if (total <= 0) return 0;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of buckets) {
    if (b.cumulative >= rank) {
      if (b.le === Number.POSITIVE_INFINITY) return prevLe; // beyond the last finite bound: its bound
      const inBucket = b.cumulative - prevCount;
      return inBucket > 0 ? prevLe + ((b.le - prevLe) * (rank - prevCount)) / inBucket : b.le;
    }
    prevLe = b.le;
    prevCount = b.cumulative;
  }
  return prevLe;
}

/** GET {target}/metrics as text. */
export async function scrapeMetrics(target: URL): Promise<string> {
  const url = new URL('metrics', target.pathname.endsWith('/') ? target : new URL(`${target.href}/`));
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}
