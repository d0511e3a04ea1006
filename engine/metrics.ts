// Prometheus metrics for /metrics (prom-client, one registry per engine). Triton's names where a
// Triton user would look (nv_inference_*: counters, durations as cumulative microseconds), plus
// servetwin_* histograms in seconds for percentiles and a batch-size histogram. Everything is
// labelled by model and version. The model runner and the HTTP routes record into ModelMetrics;
// queue depth, in-flight and busy instances are read at scrape time, so they cost nothing per request.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FailureReason } from './errors.js';

const LATENCY_BUCKETS_S = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
const BATCH_BUCKETS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256];

type Labels = 'model' | 'version';

/** Live state of one model, read at scrape time. */
export interface ModelGaugeSource {
  queued(): number;
  inflight(): number;
  instancesBusy(): number;
  instancesAlive(): number;
  ready(): boolean;
}

export interface ModelMetrics {
  /** A request answered 200, and its end-to-end time on the server. */
  success(e2eMs: number): void;
  failure(reason: FailureReason, e2eMs?: number): void;
  /** A request left the queue for a batch after waiting `queueMs`. */
  dequeued(queueMs: number): void;
  /** A batch of `items` rows from `requests` requests ran in `computeMs`. */
  batch(items: number, requests: number, computeMs: number): void;
  /** A dead instance's replacement worker is serving. */
  instanceRestarted(): void;
}

export class EngineMetrics {
  readonly registry = new Registry();
  private readonly sources = new Map<string, { version: string; source: ModelGaugeSource }>();
  private readonly success: Counter<Labels>;
  private readonly failure: Counter<Labels | 'reason'>;
  private readonly inferenceCount: Counter<Labels>;
  private readonly execCount: Counter<Labels>;
  private readonly requestUs: Counter<Labels>;
  private readonly queueUs: Counter<Labels>;
  private readonly computeUs: Counter<Labels>;
  private readonly requestSeconds: Histogram<Labels>;
  private readonly queueSeconds: Histogram<Labels>;
  private readonly computeSeconds: Histogram<Labels>;
  private readonly batchSize: Histogram<Labels>;
  private readonly instanceRestarts: Counter<Labels>;
  private httpInflight: () => number = () => 0;

  constructor() {
    const registers = [this.registry];
    const labelNames = ['model', 'version'] as const;
    const counter = (name: string, help: string) => new Counter({ name, help, labelNames, registers });
    const histogram = (name: string, help: string, buckets: number[]) => new Histogram({ name, help, labelNames, buckets, registers });
    this.success = counter('nv_inference_request_success', 'Inference requests answered successfully (Triton name).');
    this.failure = new Counter({
      name: 'nv_inference_request_failure',
      help: 'Inference requests that failed, by reason: bad_request, too_large, queue_full, http_overloaded, queue_timeout, unavailable, internal.',
      labelNames: ['model', 'version', 'reason'],
      registers,
    });
    this.inferenceCount = counter('nv_inference_count', 'Inferences performed: items (batch rows), not requests (Triton name).');
    this.execCount = counter('nv_inference_exec_count', 'Model executions: batches run (Triton name).');
    this.requestUs = counter('nv_inference_request_duration_us', 'Cumulative end-to-end time of successful requests on the server, microseconds (Triton name).');
    this.queueUs = counter('nv_inference_queue_duration_us', 'Cumulative time requests waited in the batcher queue, microseconds (Triton name).');
    this.computeUs = counter('nv_inference_compute_infer_duration_us', 'Cumulative forward-pass time, per request as in Triton (a batch counts once for each request in it), microseconds.');
    this.requestSeconds = histogram('servetwin_request_duration_seconds', 'End-to-end time of successful requests on the server, from body received to response ready.', LATENCY_BUCKETS_S);
    this.queueSeconds = histogram('servetwin_queue_duration_seconds', 'Time each request waited in the batcher queue.', LATENCY_BUCKETS_S);
    this.computeSeconds = histogram('servetwin_compute_duration_seconds', 'Forward-pass time of each batch (in the instance worker).', LATENCY_BUCKETS_S);
    this.batchSize = histogram('servetwin_batch_size', 'Items (batch rows) in each batch run.', BATCH_BUCKETS);
    this.instanceRestarts = counter('servetwin_instance_restarts_total', 'Instance workers that died (exited or threw) and were replaced by a new one.');
    const read = () => this.httpInflight();
    new Gauge({
      name: 'servetwin_http_inflight_requests',
      help: 'Infer requests the HTTP thread holds before they reach a batcher queue (body being received or decoded), all models; capped by server.max_inflight_requests.',
      registers,
      collect() {
        this.set(read());
      },
    });
    const gauge = (name: string, help: string, read: (s: ModelGaugeSource) => number) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect: () => {
          const g = this.registry.getSingleMetric(name) as Gauge<Labels>;
          for (const [model, { version, source }] of this.sources) g.set({ model, version }, read(source));
        },
      });
    gauge('nv_inference_pending_request_count', 'Requests waiting in the batcher queue (Triton name).', (s) => s.queued());
    gauge('servetwin_inflight_requests', 'Inference requests received and not yet answered (queued, running or being encoded).', (s) => s.inflight());
    gauge('servetwin_instances_busy', 'Instances running a batch now.', (s) => s.instancesBusy());
    gauge('servetwin_instances_alive', 'Instances whose worker is running.', (s) => s.instancesAlive());
    gauge('servetwin_model_ready', '1 when the model is ready for inference.', (s) => (s.ready() ? 1 : 0));
    // The HTTP thread's own work (Node's event-loop utilisation, active time): what each request
    // costs the one thread that receives, decodes and answers them all, which a wall-clock timer
    // around a request cannot tell from waiting for its bytes. replay divides it by the requests.
    let counted = 0;
    new Counter({
      name: 'servetwin_event_loop_busy_seconds_total',
      help: 'Time the engine’s event loop (the HTTP thread) spent running code rather than waiting for I/O, seconds.',
      registers,
      collect() {
        const active = performance.eventLoopUtilization().active / 1000;
        if (active > counted) this.inc(active - counted);
        counted = active;
      },
    });
    // The same thread's CPU time and its time waiting for a core, from the kernel's scheduler
    // statistics (Linux /proc/thread-self/schedstat, nanoseconds; collect() runs on this thread).
    // Unlike busy time, CPU time does not grow when other work shares the cores — it is the
    // thread's work, which the simulator's CPU model shares out; the wait is that sharing, measured.
    if (threadSchedstat() !== null) {
      const since = threadSchedstat()!;
      const fromKernel = (name: string, help: string, read: (t: { cpuS: number; waitS: number }) => number) => {
        let counted = read(since);
        new Counter({
          name,
          help,
          registers,
          collect() {
            const now = threadSchedstat();
            if (now === null) return;
            if (read(now) > counted) this.inc(read(now) - counted);
            counted = read(now);
          },
        });
      };
      fromKernel('servetwin_http_thread_cpu_seconds_total', 'CPU time of the engine’s HTTP thread (its event loop), seconds (Linux schedstat).', (t) => t.cpuS);
      fromKernel(
        'servetwin_http_thread_runqueue_wait_seconds_total',
        'Time the engine’s HTTP thread was ready to run but waited for a core, seconds (Linux schedstat): CPU contention.',
        (t) => t.waitS,
      );
    }
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the servetwin_http_inflight_requests gauge reads its value (the HTTP admission). */
  readHttpInflightFrom(source: () => number): void {
    this.httpInflight = source;
  }

  forModel(model: string, version: string, source: ModelGaugeSource): ModelMetrics {
    this.sources.set(model, { version, source });
    const l = { model, version };
    const success = this.success.labels(l);
    const inferenceCount = this.inferenceCount.labels(l);
    const execCount = this.execCount.labels(l);
    const requestUs = this.requestUs.labels(l);
    const queueUs = this.queueUs.labels(l);
    const computeUs = this.computeUs.labels(l);
    const requestSeconds = this.requestSeconds.labels(l);
    const queueSeconds = this.queueSeconds.labels(l);
    const computeSeconds = this.computeSeconds.labels(l);
    const batchSize = this.batchSize.labels(l);
    const instanceRestarts = this.instanceRestarts.labels(l);
    // Every series exists (at 0) from the start, so a scrape before the first request reads 0, not nothing.
    for (const h of [this.requestSeconds, this.queueSeconds, this.computeSeconds, this.batchSize]) h.zero(l);
    for (const c of [this.success, this.inferenceCount, this.execCount, this.requestUs, this.queueUs, this.computeUs, this.instanceRestarts]) c.inc(l, 0);
    const reasons: FailureReason[] = ['bad_request', 'too_large', 'queue_full', 'http_overloaded', 'queue_timeout', 'unavailable', 'internal'];
    for (const reason of reasons) this.failure.inc({ ...l, reason }, 0);
    return {
      success: (e2eMs) => {
        success.inc();
        requestUs.inc(e2eMs * 1000);
        requestSeconds.observe(e2eMs / 1000);
      },
      failure: (reason) => this.failure.inc({ ...l, reason }),
      dequeued: (queueMs) => {
        queueUs.inc(queueMs * 1000);
        queueSeconds.observe(queueMs / 1000);
      },
      batch: (items, requests, computeMs) => {
        execCount.inc();
        computeUs.inc(computeMs * 1000 * requests);
        inferenceCount.inc(items);
        computeSeconds.observe(computeMs / 1000);
        batchSize.observe(items);
      },
      instanceRestarted: () => instanceRestarts.inc(),
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** This thread's CPU and run-queue wait so far, seconds (null where the kernel does not say: not Linux, no schedstat). */
function threadSchedstat(): { cpuS: number; waitS: number } | null {
  try {
    const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isFinite(cpu) && Number.isFinite(wait) ? { cpuS: cpu! / 1e9, waitS: wait! / 1e9 } : null;
  } catch {
    return null;
  }
}
