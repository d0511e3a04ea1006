// Where requests come from: client sites (regions, device populations) with their share of the
// traffic and their own network to each tier. Each request draws its site from the `sites` stream
// (one uniform per request, so every candidate sees the same sites); an entry with `count: n`
// stands for n identical sites, each with its own edge pool. Links draw their delays from
// `network:<site>:<tier>` streams. Without `sites` there is one site on the scenario `network`
// (stream `network`, as for a candidate without tiers). Built by simulate.ts, used by run.ts.
import type { Network, Scenario, Site, Link } from '../../config/scenario.js';
import { stream, type Uniform } from '../../common/rng.js';
import { NetworkPath } from './network.js';

export class Sites {
  /** Name of each site (an entry with count > 1 gives `name#1`, `name#2`…). */
  readonly names: string[] = [];
  /** Entry of each site in the scenario's `sites`, and the entries' names. */
  readonly entryOf: number[] = [];
  readonly entryNames: string[];
  /** Each site's links, shared by the sites of one entry. */
  readonly cloudLinks: NetworkPath[] = [];
  readonly edgeLinks: NetworkPath[] = [];
  /** Cumulative shares per site (last = 1); null with one site. */
  private readonly cumulative: Float64Array | null;
  private readonly u: Uniform | null;

  constructor(scenario: Scenario, seed: number) {
    const network = scenario.network;
    const entries: Site[] = scenario.sites ?? [{ name: 'default', share: 1, count: 1 }];
    const declared = scenario.sites !== undefined;
    this.entryNames = entries.map((e) => e.name);
    const weights: number[] = [];
    entries.forEach((entry, e) => {
      const cloud = declared
        ? new NetworkPath(withPayload(entry.cloud ?? linkOf(network), network), seed, `network:${entry.name}:cloud`)
        : new NetworkPath(network, seed);
      const edge = new NetworkPath(withPayload(entry.edge ?? {}, network), seed, `network:${entry.name}:edge`);
      for (let k = 0; k < entry.count; k++) {
        this.names.push(entry.count === 1 ? entry.name : `${entry.name}#${k + 1}`);
        this.entryOf.push(e);
        this.cloudLinks.push(cloud);
        this.edgeLinks.push(edge);
        weights.push(entry.share / entry.count);
      }
    });
    if (this.names.length === 1) {
      this.cumulative = null;
      this.u = null;
    } else {
      const sum = weights.reduce((a, b) => a + b, 0);
      let acc = 0;
      this.cumulative = Float64Array.from(weights, (w) => (acc += w / sum));
      this.cumulative[this.cumulative.length - 1] = 1;
      this.u = stream(seed, 'sites');
    }
  }

  get count(): number {
    return this.names.length;
  }

  /** The site of the next request. */
  draw(): number {
    const cumulative = this.cumulative;
    if (cumulative === null) return 0;
    const x = this.u!();
    // Binary search: the first site whose cumulative share exceeds x.
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** The delay and bandwidth part of the scenario network (what a site's cloud link inherits). */
function linkOf(network: Network | undefined): Partial<Link> {
  if (!network) return {};
  return { delay: network.delay, delay_is: network.delay_is, bandwidth_mbps: network.bandwidth_mbps };
}

/** A link with the scenario's payload sizes (they are the model's, whatever the link). */
function withPayload(link: Partial<Link>, network: Network | undefined): Network {
  return {
    delay: link.delay,
    delay_is: link.delay_is ?? 'one_way',
    bandwidth_mbps: link.bandwidth_mbps,
    request_bytes_per_item: network?.request_bytes_per_item ?? 0,
    response_bytes_per_item: network?.response_bytes_per_item ?? 0,
  };
}
