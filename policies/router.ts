// The router (load balancer) across replicas: a pure policy that, given "now", each replica's
// outstanding requests (queued + executing) and which replicas are ready, returns the replica for
// the next request. The simulator drives it with virtual time, the engine with the real clock; it
// never reads a clock or does I/O, and draws randomness only from the uniform stream it is handed.
// Kinds: round_robin, least_outstanding (ties rotate), power_of_two (two random choices), random.
import type { Uniform } from '../common/rng.js';
import type { RouterKind } from '../config/scenario.js';

export interface RouterState {
  /** Requests routed to each replica and not yet finished there. */
  readonly outstanding: ArrayLike<number>;
  /** Nonzero where the replica may take requests (ready, not draining). */
  readonly ready: ArrayLike<number>;
  /** Replicas in the arrays (ready or not). */
  readonly count: number;
}

export interface Router {
  readonly kind: RouterKind;
  /** The replica for a request arriving at `now`, or -1 when no replica is ready. */
  pick(now: number, state: RouterState, u: Uniform): number;
}

export function createRouter(kind: RouterKind): Router {
  switch (kind) {
    case 'round_robin':
      return new RoundRobin();
    case 'least_outstanding':
      return new LeastOutstanding();
    case 'power_of_two':
      return new PowerOfTwo();
    case 'random':
      return new RandomChoice();
  }
}

/** Ready replicas in the state (a count, not a list, so picking allocates nothing). */
function readyCount(state: RouterState): number {
  let n = 0;
  for (let i = 0; i < state.count; i++) if (state.ready[i]) n++;
  return n;
}

/** The k-th ready replica (0-based), or -1. */
function kthReady(state: RouterState, k: number): number {
  for (let i = 0; i < state.count; i++) {
    if (state.ready[i] && k-- === 0) return i;
  }
  return -1;
}

/** Each ready replica in turn, skipping those not ready. */
class RoundRobin implements Router {
  readonly kind = 'round_robin' as const;
  private cursor = 0;

  pick(_now: number, state: RouterState): number {
    for (let step = 0; step < state.count; step++) {
      const i = (this.cursor + step) % state.count;
      if (state.ready[i]) {
        this.cursor = (i + 1) % state.count;
        return i;
      }
    }
    return -1;
  }
}

/**
 * The ready replica with the fewest outstanding requests. Ties are broken by scanning from a
 * cursor that advances on every pick, so an idle fleet is filled evenly rather than replica 0 first.
 */
class LeastOutstanding implements Router {
  readonly kind = 'least_outstanding' as const;
  private cursor = 0;

  pick(_now: number, state: RouterState): number {
    let best = -1;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (let step = 0; step < state.count; step++) {
      const i = (this.cursor + step) % state.count;
      if (state.ready[i] && state.outstanding[i]! < bestLoad) {
        best = i;
        bestLoad = state.outstanding[i]!;
      }
    }
    if (state.count > 0) this.cursor = (this.cursor + 1) % state.count;
    return best;
  }
}

/**
 * Power of two choices (Mitzenmacher): two distinct ready replicas at random, the less loaded
 * wins (the first drawn on a tie). One ready replica is simply chosen.
 */
class PowerOfTwo implements Router {
  readonly kind = 'power_of_two' as const;

  pick(_now: number, state: RouterState, u: Uniform): number {
    const n = readyCount(state);
    if (n <= 1) return n === 1 ? kthReady(state, 0) : -1;
    const a = Math.floor(u() * n);
    let b = Math.floor(u() * (n - 1));
    if (b >= a) b++; // distinct from a
    const ra = kthReady(state, a);
    const rb = kthReady(state, b);
    return state.outstanding[rb]! < state.outstanding[ra]! ? rb : ra;
  }
}

/** A ready replica uniformly at random. */
class RandomChoice implements Router {
  readonly kind = 'random' as const;

  pick(_now: number, state: RouterState, u: Uniform): number {
    const n = readyCount(state);
    return n === 0 ? -1 : kthReady(state, Math.floor(u() * n));
  }
}
