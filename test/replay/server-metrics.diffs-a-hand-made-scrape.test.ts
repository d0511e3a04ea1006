// Server-side figures from two hand-made /metrics scrapes in the engine's format (engine/metrics.ts):
// counters and histograms of the replayed model subtracted, another model's series ignored, label
// escapes and timestamps read, and quantiles interpolated within buckets as Prometheus does.
import { describe, expect, it } from 'vitest';
import { diffMetrics, histogramQuantile, parsePrometheus } from '../../replay/server-metrics.js';

const m = 'model="ppocr-cls",version="1"';
const other = 'model="other",version="1"';

function scrape(v: { success: number; execs: number; items: number; queueSum: number; queueCount: number; queueLe: number[]; computeSum: number; computeLe: number[]; computeUs: number; requestUs: number; sizeLe: number[]; full: number }): string {
  const le = (name: string, bounds: string[], counts: number[], labels = m) => bounds.map((b, i) => `${name}_bucket{le="${b}",${labels}} ${counts[i]}`).join('\n');
  return `# HELP nv_inference_request_success Inference requests answered successfully (Triton name).
# TYPE nv_inference_request_success counter
nv_inference_request_success{${m}} ${v.success}
nv_inference_request_success{${other}} 999
nv_inference_request_failure{${m},reason="queue_full"} ${v.full}
nv_inference_request_failure{${m},reason="bad_request"} 1
nv_inference_exec_count{${m}} ${v.execs}
nv_inference_count{${m}} ${v.items}
nv_inference_compute_infer_duration_us{${m}} ${v.computeUs}
nv_inference_request_duration_us{${m}} ${v.requestUs} 1718100000000
${le('servetwin_queue_duration_seconds', ['0.001', '0.002', '0.005', '+Inf'], v.queueLe)}
servetwin_queue_duration_seconds_sum{${m}} ${v.queueSum}
servetwin_queue_duration_seconds_count{${m}} ${v.queueCount}
${le('servetwin_compute_duration_seconds', ['0.002', '0.005', '0.01', '+Inf'], v.computeLe)}
servetwin_compute_duration_seconds_sum{${m}} ${v.computeSum}
servetwin_compute_duration_seconds_count{${m}} ${v.execs}
${le('servetwin_batch_size', ['1', '2', '4', '8', '+Inf'], v.sizeLe)}
${le('servetwin_batch_size', ['1', '2', '4', '8', '+Inf'], [5000, 5000, 5000, 5000, 5000], other)}
process_cpu_seconds_total 12.5
weird_metric{path="a \\"quoted\\" \\\\ value",model="ppocr-cls"} 3
`;
}

const before = scrape({ success: 100, execs: 80, items: 100, queueSum: 0.05, queueCount: 100, queueLe: [90, 100, 100, 100], computeSum: 0.2, computeLe: [60, 80, 80, 80], computeUs: 250_000, requestUs: 500_000, sizeLe: [60, 80, 80, 80, 80], full: 0 });
// 400 more requests in 200 batches of 600 items (100 of size 1, 30 of 2, 70 of up to 8); 10 rejected.
const after = scrape({ success: 500, execs: 280, items: 700, queueSum: 0.45, queueCount: 500, queueLe: [290, 400, 480, 500], computeSum: 1.2, computeLe: [160, 280, 280, 280], computeUs: 1_450_000, requestUs: 2_900_000, sizeLe: [160, 210, 210, 280, 280], full: 10 });

describe('server metrics', () => {
  it('parses samples, labels with escapes, and timestamps', () => {
    const samples = parsePrometheus(after);
    expect(samples.find((s) => s.name === 'weird_metric')).toEqual({ name: 'weird_metric', labels: { path: 'a "quoted" \\ value', model: 'ppocr-cls' }, value: 3 });
    expect(samples.find((s) => s.name === 'nv_inference_request_duration_us')?.value).toBe(2_900_000);
    expect(samples.find((s) => s.name === 'process_cpu_seconds_total')?.labels).toEqual({});
    expect(() => parsePrometheus('metric{a="x} 1')).toThrow(/unterminated label value/);
    expect(() => parsePrometheus('metric one')).toThrow(/bad value/);
  });

  it('subtracts the replayed model’s counters and histograms, ignoring other models', () => {
    const f = diffMetrics(before, after, 'ppocr-cls');
    expect(f.success).toBe(400);
    expect(f.failures).toEqual({ queue_full: 10, bad_request: 0 });
    expect(f.batches).toBe(200);
    expect(f.items).toBe(600);
    expect(f.mean_batch_size).toBe(3);
    expect(f.queue_ms).toBeCloseTo(1, 9); // 0.4 s over 400 requests
    expect(f.compute_ms_per_batch).toBeCloseTo(5, 9); // 1.0 s over 200 batches
    expect(f.compute_ms).toBeCloseTo(3, 9); // 1 200 000 µs over 400 requests
    expect(f.request_ms).toBeCloseTo(6, 9); // 2 400 000 µs over 400 successes
    expect(f.batch_size_buckets).toEqual({ '1': 100, '2': 30, '8': 70 });
    // 200 queue waits: 200 ≤ 1 ms, 100 in (1, 2], 80 in (2, 5], 20 above. Median: rank 200 → 1 ms.
    expect(f.queue_ms_p50).toBeCloseTo(1, 9);
    // p99: rank 396 lies in the +Inf bucket → the last finite bound, 5 ms.
    expect(f.queue_ms_p99).toBeCloseTo(5, 9);
    // 200 batches: 100 ≤ 2 ms, 100 in (2, 5]: the median is the first bucket's bound.
    expect(f.compute_ms_per_batch_p50).toBeCloseTo(2, 9);
    expect(f.compute_ms_per_batch_p99).toBeCloseTo(2 + 3 * (198 - 100) / 100, 9);
  });

  it('reads a counter reset (a restarted server) as the value after', () => {
    expect(diffMetrics(after, before, 'ppocr-cls').success).toBe(100);
  });

  it('interpolates quantiles within buckets like histogram_quantile', () => {
    const buckets = [
      { le: 1, cumulative: 50 },
      { le: 3, cumulative: 150 },
      { le: Number.POSITIVE_INFINITY, cumulative: 200 },
    ];
    expect(histogramQuantile(buckets, 0.125)).toBeCloseTo(0.5, 9);
    expect(histogramQuantile(buckets, 0.5)).toBeCloseTo(2, 9);
    expect(histogramQuantile(buckets, 0.99)).toBe(3);
    expect(histogramQuantile([], 0.5)).toBe(0);
  });
});
