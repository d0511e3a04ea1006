// The live engine: loads every model (its replicas' instance workers), serves them over HTTP, and
// shuts down gracefully — stop accepting, finish every accepted request, stop the workers.
// Started by cli/commands/serve.ts; tests and bench/engine.ts start it the same way.
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config/serving.js';
import { createHttpServer } from './http/server.js';
import type { ModelRegistry } from './http/routes.js';
import { EngineMetrics } from './metrics.js';
import { ServedModel, type ModelSpec } from './served-model.js';

export interface EngineOptions {
  models: ModelSpec[];
  server: ServerConfig;
}

export class Engine implements ModelRegistry {
  accepting = true;
  private readonly byName: Map<string, ServedModel>;
  private app: FastifyInstance | undefined;
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
    try {
      await engine.app.listen({ host: opts.server.host, port: opts.server.port });
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

  lookupForMetrics(params: unknown): ServedModel | undefined {
    const name = (params as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' ? this.byName.get(name) : undefined;
  }

  /**
   * Graceful stop: readiness turns 503, the listener closes, idle keep-alive connections are
   * closed and new requests on busy ones get 503; every request already accepted is answered;
   * then the instance workers stop. Rejects if that takes longer than shutdown_timeout_ms.
   */
  shutdown(): Promise<void> {
    this.closing ??= this.drainAndClose();
    return this.closing;
  }

  private async drainAndClose(): Promise<void> {
    this.accepting = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`accepted requests were still running after shutdown_timeout_ms ${this.server.shutdown_timeout_ms}`)),
        this.server.shutdown_timeout_ms,
      );
    });
    try {
      await Promise.race([(async () => {
        await this.app?.close();
        await Promise.all(this.models.map((m) => m.drain()));
      })(), deadline]);
    } finally {
      clearTimeout(timer);
      await Promise.all(this.models.map((m) => m.close()));
    }
  }
}
