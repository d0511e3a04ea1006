// The network between clients and servers: a propagation delay drawn from a distribution (one-way
// per direction, or one round trip split in half) plus payload transfer time, bytes · 8 / bandwidth.
// Both legs of a request are drawn when it is sent, from the `network` stream, so the draws follow
// arrival order and are the same for every candidate (common random numbers).
import { stream, type Uniform } from '../../common/rng.js';
import type { Delay, Network } from '../../config/scenario.js';
import { normalQuantile } from '../../common/normal-quantile.js';

export const NETWORK_STREAM = 'network';

/** A delay sampler in ms, one uniform per draw. */
export function delaySampler(delay: Delay): (u: Uniform) => number {
  switch (delay.kind) {
    case 'constant':
      return (u) => (u(), delay.ms);
    case 'exponential':
      return (u) => -delay.mean_ms * Math.log(1 - u());
    case 'uniform':
      return (u) => delay.min_ms + (delay.max_ms - delay.min_ms) * u();
    case 'lognormal': {
      const sigma2 = Math.log(1 + delay.cv * delay.cv);
      const mu = Math.log(delay.mean_ms) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return (u) => Math.exp(mu + sigma * normalQuantile(u()));
    }
    case 'empirical': {
      const q = delay.quantiles_ms;
      const last = q.length - 1;
      return (u) => {
        const x = u() * last;
        const i = Math.min(Math.floor(x), last - 1);
        return q[i]! + (q[i + 1]! - q[i]!) * (x - i);
      };
    }
  }
}

export class NetworkPath {
  /** False when every request crosses in zero time: the simulator then skips network events. */
  readonly active: boolean;
  /** Response leg of the request drawn last by draw(). */
  returnMs = 0;
  /** Transfer time of one item's payload each way, in ms. */
  private readonly requestItemMs: number;
  private readonly responseItemMs: number;
  private readonly sample: ((u: Uniform) => number) | null;
  private readonly rtt: boolean;
  private readonly u: Uniform;

  constructor(spec: Network | undefined, seed: number, streamName = NETWORK_STREAM) {
    const bitsPerMs = spec?.bandwidth_mbps ? spec.bandwidth_mbps * 1000 : Number.POSITIVE_INFINITY;
    this.requestItemMs = ((spec?.request_bytes_per_item ?? 0) * 8) / bitsPerMs;
    this.responseItemMs = ((spec?.response_bytes_per_item ?? 0) * 8) / bitsPerMs;
    this.sample = spec?.delay ? delaySampler(spec.delay) : null;
    this.rtt = spec?.delay_is === 'rtt';
    this.u = stream(seed, streamName);
    this.active = this.sample !== null || this.requestItemMs > 0 || this.responseItemMs > 0;
    this.responseBytesPerItem = spec?.response_bytes_per_item ?? 0;
  }

  /** Response payload per item (bytes): what a completed request sends back to its client. */
  readonly responseBytesPerItem: number;

  /** Draws both legs of a request of `items`; returns the request leg in ms and leaves the response leg in returnMs. */
  draw(items: number): number {
    let there = 0;
    let back = 0;
    if (this.sample) {
      if (this.rtt) {
        there = back = this.sample(this.u) / 2;
      } else {
        there = this.sample(this.u);
        back = this.sample(this.u);
      }
    }
    this.returnMs = back + this.responseItemMs * items;
    return there + this.requestItemMs * items;
  }
}
