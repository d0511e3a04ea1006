// The Pareto frontier of cost against tail latency: the candidates no other candidate beats on
// both at once. A planner reads it as "what each extra dollar buys".
export interface FrontierPoint {
  name: string;
  cost: number; // lower is better ($/hour)
  latency: number; // lower is better (ms at the SLO percentile)
}

/** Names on the frontier, cheapest first. Ties on both axes keep the first in input order. */
export function paretoFrontier(points: readonly FrontierPoint[]): string[] {
  const sorted = points
    .map((p, i) => ({ ...p, i }))
    .filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.latency))
    .sort((a, b) => a.cost - b.cost || a.latency - b.latency || a.i - b.i);
  const frontier: string[] = [];
  let best = Number.POSITIVE_INFINITY;
  for (const p of sorted) {
    if (p.latency < best) {
      frontier.push(p.name);
      best = p.latency;
    }
  }
  return frontier;
}
