// Edge vs cloud: which pool serves a request, decided when it is sent. cloud_only: the shared cloud
// pool; edge_only: its site's edge pool; hybrid: the site's edge unless it is down, has no ready
// replica, or every ready edge replica has more than `overflow_queue_threshold` requests waiting
// (a local gateway that sees its own queue) — then the cloud, over the site's cloud link.
import type { Placement as PlacementKind } from '../../config/scenario.js';
import type { Pool } from './pool.js';

export class Placement {
  constructor(
    readonly kind: PlacementKind,
    /** The cloud pool (null for edge_only). */
    private readonly cloud: Pool | null,
    /** Each site's edge pool (empty for cloud_only). */
    private readonly edges: readonly Pool[],
    private readonly threshold: number,
  ) {}

  /** The pool for a request from `site` sent now. */
  choose(site: number): Pool {
    switch (this.kind) {
      case 'cloud_only':
        return this.cloud!;
      case 'edge_only':
        return this.edges[site]!;
      case 'hybrid': {
        const edge = this.edges[site]!;
        return edge.saturated(this.threshold) ? this.cloud! : edge;
      }
    }
  }
}
