// A pool: the replicas that serve one tier at one place — the cloud deployment, or one site's edge
// devices — sharing a profile (service time), a batching config, a router and, in the cloud, an
// autoscaler. It is also the router's view (RouterState): outstanding requests and readiness per
// replica slot. Requests that find no ready replica wait in `pending` (Knative's activator, Ray's
// handle queue) until one is. With a serving overhead in its profile each replica has a frontend
// (frontend.ts, its HTTP thread). Built by simulate.ts; run.ts routes into it, the fleet
// (fleet.ts) adds and removes its replicas.
import type { Batching } from '../../config/batching.js';
import type { RouterKind } from '../../config/scenario.js';
import type { ServiceTime } from './service-time.js';
import { createRouter, type Router, type RouterState } from '../../policies/router.js';
import { stream, type Uniform } from '../../common/rng.js';
import type { MetricsRecorder } from './metrics/recorder.js';
import type { Replica } from './replica.js';
import type { PoolScaler } from './pool-scaler.js';
import type { FrontendSpec } from './frontend.js';
import type { CpuModel } from './host-cpu.js';
import type { AfterIdle } from './after-idle.js';

export type Tier = 'cloud' | 'edge';

export interface PoolSpec {
  tier: Tier;
  /** Site index for an edge pool, -1 for the cloud. */
  site: number;
  /** `cloud`, or `edge:<site name>`. */
  label: string;
  instances: number;
  batching: Batching;
  router: RouterKind;
  serviceTime: ServiceTime;
  /** Name of the router's random stream. */
  routerStream: string;
  /** Prefix of each replica's service-time stream, followed by its creation number. */
  serviceStreamPrefix: string;
  /** The replicas' HTTP thread, when the pool's profile has a serving overhead (null: none modelled). */
  frontend: FrontendSpec | null;
  /** How each replica shares its cores (null: every consumer has a core of its own). */
  cpu: CpuModel | null;
  /** Threads each busy instance keeps busy (ONNX Runtime intra-op threads). */
  intraOpThreads: number;
  /** CPU per request of a load generator sharing the replica's cores (0: none; one replica only). */
  clientCpuMs: number;
  /** With a CPU model and a measured curve: what a forward pass costs more after its instance idled (after-idle.ts). */
  afterIdle: AfterIdle | null;
}

export class Pool implements RouterState {
  readonly tier: Tier;
  readonly site: number;
  readonly label: string;
  readonly instances: number;
  readonly batching: Batching;
  readonly serviceTime: ServiceTime;
  readonly serviceStreamPrefix: string;
  readonly frontend: FrontendSpec | null;
  readonly cpu: CpuModel | null;
  readonly intraOpThreads: number;
  readonly clientCpuMs: number;
  readonly afterIdle: AfterIdle | null;
  /** With a frontend: its busy time in the window per slot, of the replicas gone from it (ms). */
  readonly frontendBusyMs: number[] = [];
  /** With a CPU model: busy thread-time in the window (thread·ms) of the replicas gone from it. */
  cpuBusyThreadMs = 0;
  readonly router: Router;
  readonly uRoute: Uniform;
  /** Router state: requests in ingress, queued or executing per slot (as the engine counts them), and 1 where the slot takes new requests. */
  outstanding = new Int32Array(4);
  ready = new Uint8Array(4);
  /** Slots in use or used before (the router scans this many). */
  count = 0;
  /** Replica in each slot, null once it is gone. */
  readonly slots: (Replica | null)[] = [];
  /** Run-wide index of each slot's first instance (a slot keeps its instances across replicas). */
  readonly slotInstanceBase: number[] = [];
  /** Replicas not yet gone, in creation order (the newest last: scale-down takes it first). */
  readonly live: Replica[] = [];
  readyCount = 0;
  /** Replicas provisioning or loading the model. */
  starting = 0;
  /** Replicas created so far (the next one's id). */
  created = 0;
  /** The count the autoscaler (or the config) asks for. */
  desired = 0;
  /** An edge outage: no replica takes new requests. */
  down = false;
  /** True while routing can skip the router: one slot, always ready (fixed pools of one replica). */
  single = false;
  /** Requests waiting for a ready replica, oldest first from pendingHead. */
  readonly pending: number[] = [];
  pendingHead = 0;
  /** The tier's recorder (edge pools share one), or null when the candidate has no tiers. */
  tierMetrics: MetricsRecorder | null = null;
  /** The autoscaling driver's state for this pool, or null for a fixed pool. */
  scaler: PoolScaler | null = null;

  constructor(
    readonly index: number,
    spec: PoolSpec,
    seed: number,
  ) {
    this.tier = spec.tier;
    this.site = spec.site;
    this.label = spec.label;
    this.instances = spec.instances;
    this.batching = spec.batching;
    this.serviceTime = spec.serviceTime;
    this.serviceStreamPrefix = spec.serviceStreamPrefix;
    this.frontend = spec.frontend;
    this.cpu = spec.cpu;
    this.intraOpThreads = spec.intraOpThreads;
    this.clientCpuMs = spec.clientCpuMs;
    this.afterIdle = spec.afterIdle;
    this.router = createRouter(spec.router);
    this.uRoute = stream(seed, spec.routerStream);
  }

  /** Requests waiting for a ready replica. */
  get pendingCount(): number {
    return this.pending.length - this.pendingHead;
  }

  /** Replicas asked for and not draining: what an autoscaler calls `current`. */
  get current(): number {
    return this.readyCount + this.starting;
  }

  /** A free slot for a new replica (reusing a gone replica's), growing the router arrays if needed. */
  freeSlot(): number {
    for (let s = 0; s < this.count; s++) if (this.slots[s] === null) return s;
    if (this.count === this.outstanding.length) {
      const outstanding = new Int32Array(this.count * 2);
      outstanding.set(this.outstanding);
      const ready = new Uint8Array(this.count * 2);
      ready.set(this.ready);
      this.outstanding = outstanding;
      this.ready = ready;
    }
    this.slots.push(null);
    this.frontendBusyMs.push(0);
    return this.count++;
  }

  /** Whether the hybrid placement should send a request elsewhere: no ready replica, or each has more than `threshold` waiting. */
  saturated(threshold: number): boolean {
    if (this.down || this.readyCount === 0) return true;
    for (let s = 0; s < this.count; s++) {
      if (this.ready[s] === 1 && this.slots[s]!.batcher.length <= threshold) return false;
    }
    return true;
  }
}
