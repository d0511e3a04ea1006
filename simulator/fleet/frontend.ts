// A replica's HTTP thread (the engine's Node event loop), modelled when its pool's profile carries
// a measured `serving_overhead` (config/serving-overhead.ts): one server, first come first served,
// that receives and decodes each request before the batcher (ingress) and splits and writes each
// response after its batch (egress). Jobs are given to it in event order, which is time order, so
// a job's end is known the moment it is given (Lindley: start = max(now, freeAt), freeAt = start +
// s) and no event is needed to start one. Each replica draws from its own stream
// (`frontend:replica-<id>`, with its pool's prefix), one uniform per job, so a frontend shifts no
// other stream. With a CPU model (cpu-model.ts) the thread shares the replica's cores: its jobs
// then run on a CpuThread (cpu-thread.ts), whose ends move with the load, and this only draws
// their work. Built by the fleet (fleet.ts) and driven by the dispatcher (dispatch.ts).
import type { ServingOverhead } from '../../config/serving-overhead.js';
import { stream, type Uniform } from '../../common/rng.js';
import { delaySampler } from '../scenario/network.js';

/** What a pool's replicas need to build their frontend (null in a pool whose profile has none). */
export interface FrontendSpec {
  readonly ingressMs: (u: Uniform) => number;
  readonly egressMs: (u: Uniform) => number;
  /** Thread work after each egress that delays no response of its own (GC, bookkeeping), ms. */
  readonly deferredMs: number;
  /** Draws are divided by this: an edge device running the cloud's profile at its speed_factor. */
  readonly speed: number;
  /** Prefix of each replica's stream, followed by its creation number. */
  readonly streamPrefix: string;
}

/** The frontend of a pool whose profile has a `servingOverhead`, or null without one. */
export function frontendSpec(servingOverhead: ServingOverhead | undefined, streamPrefix: string, speed = 1): FrontendSpec | null {
  if (servingOverhead === undefined) return null;
  return {
    ingressMs: delaySampler(servingOverhead.ingress_ms),
    egressMs: delaySampler(servingOverhead.egress_ms),
    deferredMs: servingOverhead.deferred_ms,
    speed,
    streamPrefix,
  };
}

export class Frontend {
  /** When the thread finishes the last job it was given: a new job starts no earlier. */
  freeAt = 0;
  /** Requests whose ingress was given and has not ended yet (their AT_BATCHER is on the heap). */
  ingressing = 0;
  /** Time the thread spent on jobs within the measured window, ms. */
  busyMs = 0;
  private readonly u: Uniform;
  private readonly ingressMs: (u: Uniform) => number;
  private readonly egressMs: (u: Uniform) => number;
  private readonly speed: number;
  private readonly deferredMs: number;

  constructor(
    spec: FrontendSpec,
    seed: number,
    id: number,
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {
    this.u = stream(seed, `${spec.streamPrefix}${id}`);
    this.ingressMs = spec.ingressMs;
    this.egressMs = spec.egressMs;
    this.speed = spec.speed;
    this.deferredMs = spec.deferredMs;
  }

  /** A request's ingress queues at `now`; returns when it ends (it then enters the batcher). */
  ingress(now: number): number {
    this.ingressing++;
    return this.serve(now, this.ingressMs(this.u));
  }

  /** The AT_BATCHER of a request given to ingress has come. */
  ingressEnded(): void {
    this.ingressing--;
  }

  /** A request's egress queues at `now`; returns when its response is written (the thread's deferred work for it follows). */
  egress(now: number): number {
    const written = this.serve(now, this.egressMs(this.u));
    if (this.deferredMs > 0) this.serve(written, this.deferredMs);
    return written;
  }

  /** With a CPU model the thread's jobs run on the replica's shared cores (cpu-thread.ts): the work of one ingress, alone on a core. */
  drawIngress(): number {
    return this.ingressMs(this.u) / this.speed;
  }

  /** …of one egress. */
  drawEgress(): number {
    return this.egressMs(this.u) / this.speed;
  }

  /** …of the thread's deferred work after each egress. */
  get deferredWork(): number {
    return this.deferredMs / this.speed;
  }

  /** Nothing for the thread to do from `now` on. */
  idleAt(now: number): boolean {
    return this.ingressing === 0 && this.freeAt <= now;
  }

  private serve(now: number, drawMs: number): number {
    const start = now > this.freeAt ? now : this.freeAt;
    const end = start + drawMs / this.speed;
    this.freeAt = end;
    const from = start > this.fromMs ? start : this.fromMs;
    const to = end < this.toMs ? end : this.toMs;
    if (to > from) this.busyMs += to - from;
    return end;
  }
}
