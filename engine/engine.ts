// The live engine: loads every model (its replicas' instance workers), serves them over HTTP, and
// shuts down the way Kubernetes expects: readiness 503 at once; serving on for the drain delay,
// while the pod leaves every Service endpoint and load balancer (which happens concurrently with
// the SIGTERM, not before it); then the listener closes, every accepted request is answered, and
// the workers stop. Started by cli/commands/serve.ts; tests and bench/engine.ts start it the same way.
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config/serving.js';
import { ConnectionTracker } from './http/connections.js';
import { createHttpServer } from './http/server.js';
import type { ModelRegistry } from './http/routes.js';
import { EngineMetrics } from './metrics.js';
import { ServedModel, type ModelSpec } from './served-model.js';

export interface EngineOptions {
  models: ModelSpec[];
  server: ServerConfig;
}

/**
 * After the listener closes, how long a connection without a request stays open: a client that
 * connected, or reused a kept-alive connection, just before may have its request on the way.
 */
const IDLE_GRACE_MS = 1000;
/**
 * The drain delay is a minimum: the listener closes only once no connection has arrived for this
 * long too. A connection still on its way then (a load balancer slow to drop the pod, or a client
 * while this process was starved of CPU) is accepted and served instead of reset in the listen
 * backlog, and closing the listener when nothing comes any more adds only this much.
 */
const LISTENER_QUIET_MS = 200;
/** Time the 503s of a timed-out shutdown get to reach their clients. */
const FLUSH_MS = 1000;

export class Engine implements ModelRegistry {
  draining = false;
  private readonly byName: Map<string, ServedModel>;
  private app: FastifyInstance | undefined;
  private connections: ConnectionTracker | undefined;
  private address: AddressInfo | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly models: ServedModel[],
    readonly metrics: EngineMetrics,
    private readonly server: ServerConfig,
  ) {
    this.byName = new Map(models.map((m) => [m.name, m]));
  }

  /** Loads the models (all instances ready) and starts listening. */
  static async start(opts: EngineOptions): Promise<Engine> {
    if (os.endianness() !== 'LE') throw new Error('servetwin serve needs a little-endian host (binary tensors are little-endian)');
    const metrics = new EngineMetrics();
    const loaded = await Promise.allSettled(opts.models.map((spec) => ServedModel.load(spec, metrics)));
    const models = loaded.flatMap((l) => (l.status === 'fulfilled' ? [l.value] : []));
    const failed = loaded.find((l) => l.status === 'rejected');
    if (failed) {
      await Promise.all(models.map((m) => m.close()));
      throw failed.reason;
    }
    const engine = new Engine(models, metrics, opts.server);
    engine.app = createHttpServer(engine, opts.server);
    engine.connections = new ConnectionTracker(engine.app.server);
    try {
      // A deep accept backlog (the kernel caps it at net.core.somaxconn): connections that arrive
      // while the HTTP thread is busy wait to be accepted, and shed, instead of having their SYNs dropped.
      await engine.app.listen({ host: opts.server.host, port: opts.server.port, backlog: 4096 });
    } catch (err) {
      await Promise.all(models.map((m) => m.close()));
      throw err;
    }
    engine.address = engine.app.server.address() as AddressInfo;
    return engine;
  }

  /** Base URL, e.g. http://127.0.0.1:8000 (the port actually bound, also with --port 0). */
  get url(): string {
    const a = this.address!;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}`;
  }

  get port(): number {
    return this.address!.port;
  }

  get(name: string): ServedModel | undefined {
    return this.byName.get(name);
  }

  /**
   * Graceful stop: readiness turns 503 and every answer closes its connection; new connections and
   * requests are still served for drain_delay_ms; then the listener closes, connections without a
   * request are closed once quiet, and every request already received is answered. Resolves when
   * all were; rejects when some were still unanswered at shutdown_timeout_ms (counted from the
   * signal) — those are answered 503 — so a lossy stop is never reported as clean.
   */
  shutdown(): Promise<void> {
    this.closing ??= this.drainAndClose();
    return this.closing;
  }

  private async drainAndClose(): Promise<void> {
    this.draining = true;
    const { drain_delay_ms, shutdown_timeout_ms } = this.server;
    const deadline = performance.now() + shutdown_timeout_ms;
    const connections = this.connections!;
    try {
      await sleep(drain_delay_ms);
      for (;;) {
        // One pass of the event loop's poll phase first: it accepts what waits in the backlog.
        await new Promise((resolve) => setImmediate(resolve));
        const quiet = performance.now() - connections.lastAccepted;
        if (quiet >= LISTENER_QUIET_MS || performance.now() >= deadline - LISTENER_QUIET_MS) break;
        await sleep(LISTENER_QUIET_MS - quiet);
      }
      connections.closeListener();
      const settled = Promise.all([connections.closeIdle(IDLE_GRACE_MS), ...this.models.map((m) => m.drain())]);
      if (await within(settled, deadline - performance.now())) return;
      const unanswered = connections.answerUnanswered(
        503,
        `the server is shutting down and this request was not answered within server.shutdown_timeout_ms ${shutdown_timeout_ms}`,
      );
      const left = connections.size;
      await within(connections.empty(), FLUSH_MS);
      connections.destroyAll();
      throw new Error(
        `${unanswered} request(s) were still unanswered at shutdown_timeout_ms ${shutdown_timeout_ms} and were answered 503 (${left} connection(s) left open)`,
      );
    } finally {
      await Promise.all(this.models.map((m) => m.close()));
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True if `promise` settles within `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
