// The mean of a delay distribution (config/delay.ts) as simulator/scenario/network.ts samples it:
// the network's propagation delay and the serving overhead's per-request times. Used by
// explain/stations.ts and explain/latency-budget.ts.
import type { Delay } from '../config/delay.js';

export function delayMeanMs(d: Delay): number {
  switch (d.kind) {
    case 'constant':
      return d.ms;
    case 'exponential':
    case 'lognormal':
      return d.mean_ms;
    case 'uniform':
      return (d.min_ms + d.max_ms) / 2;
    case 'empirical': {
      // Linear between k evenly spaced quantiles: the mean of each segment is its midpoint.
      const q = d.quantiles_ms;
      let sum = 0;
      for (let i = 1; i < q.length; i++) sum += (q[i - 1]! + q[i]!) / 2;
      return sum / (q.length - 1);
    }
  }
}
