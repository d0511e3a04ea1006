// Edge vs cloud placement: hybrid sends a request to the cloud only when its site's edge has no
// ready replica or every ready one has more than overflow_queue_threshold requests waiting
// (fast-check over random loads and thresholds); edge_only never touches the cloud, each request
// served by its own site's pool; an edge outage sends hybrid traffic to the cloud while it lasts;
// each tier reports the usage the planner prices; sites get their share; same seed, same JSON.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import type { RequestRecord } from '../../simulator/core/run-trace.js';
import { makeScenario, Recorder } from './helpers.js';

const CLOUD = 0;

/** Edge requests of `pool` waiting (queued, not yet executing or dropped) when request `r` is placed. */
function waitingAt(all: RequestRecord[], pool: number, r: RequestRecord): number {
  const t = r.sendMs;
  let n = 0;
  for (const e of all) {
    if (e.pool !== pool || e.routedMs < 0 || e.id === r.id) continue;
    const before = e.routedMs < t || (e.routedMs === t && e.id < r.id);
    const left = e.dispatchMs >= 0 ? e.dispatchMs : e.droppedMs >= 0 ? e.droppedMs : Number.POSITIVE_INFINITY;
    if (before && left > t) n++;
  }
  return n;
}

function hybrid(seed: number, rate: number, threshold: number, extra: Record<string, unknown> = {}): LoadedScenario {
  return makeScenario(
    { seed, duration_s: 20, profile: { kind: 'exponential', mean_ms: 20 }, traffic: { arrivals: { kind: 'poisson', rate_rps: rate } } },
    {
      placement: 'hybrid',
      replicas: 1,
      instances: 4,
      batching: { max_batch_size: 1 },
      edge: { speed_factor: 0.5, overflow_queue_threshold: threshold, ...extra },
    },
  );
}

describe('placement', () => {
  it('hybrid overflows to the cloud only past the threshold (or with no ready edge replica)', () => {
    let overflowed = 0;
    let keptAtEdge = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.double({ min: 10, max: 40, noNaN: true }), fc.integer({ min: 0, max: 4 }), (seed, rate, threshold) => {
        const rec = new Recorder();
        const c = simulate(hybrid(seed, rate, threshold), { trace: () => rec }).candidates[0]!;
        const edgePool = 1; // cloud first, then the one (implicit) site's edge pool
        for (const r of rec.requests) {
          const waiting = waitingAt(rec.requests, edgePool, r);
          if (r.pool === CLOUD) {
            overflowed++;
            expect(waiting, `request ${r.id} overflowed with ${waiting} waiting at the edge`).toBeGreaterThan(threshold);
          } else {
            keptAtEdge++;
            expect(r.pool).toBe(edgePool);
            expect(waiting, `request ${r.id} stayed at the edge with ${waiting} waiting`).toBeLessThanOrEqual(threshold);
          }
        }
        expect(c.tiers!.edge!.requests.arrived + c.tiers!.cloud!.requests.arrived).toBe(c.requests.arrived);
      }),
      { seed: 31, numRuns: 25 },
    );
    expect(overflowed).toBeGreaterThan(100);
    expect(keptAtEdge).toBeGreaterThan(100);
  });

  it('edge_only never touches the cloud: each request is served by its own site’s edge pool', () => {
    const loaded = makeScenario(
      {
        duration_s: 30,
        profile: { kind: 'exponential', mean_ms: 10 },
        traffic: { arrivals: { kind: 'poisson', rate_rps: 60 } },
        network: { request_bytes_per_item: 1000, response_bytes_per_item: 10 },
        sites: [
          { name: 'a', share: 3, count: 2, edge: { delay: { kind: 'constant', ms: 2 }, delay_is: 'rtt' } },
          { name: 'b', share: 1, cloud: { delay: { kind: 'constant', ms: 80 } } },
        ],
      },
      { placement: 'edge_only', replicas: 5, edge: { speed_factor: 0.5, cost: { replica_per_hour_usd: 0.01 } } },
    );
    const rec = new Recorder();
    const c = simulate(loaded, { trace: () => rec }).candidates[0]!;
    expect(rec.requests.length).toBeGreaterThan(1000);
    // Only edge pools exist (one per site, in site order), and each request stays at its own site.
    for (const r of rec.requests) expect(r.pool).toBe(r.site);
    expect(c.tiers!.cloud).toBeUndefined();
    expect(c.tiers!.edge!.pools).toBe(3);
    // Three edge devices the whole run: their replica-seconds, none for the cloud's five replicas.
    expect(c.replica_seconds).toBe(3 * 30);
    expect(c.usage).toEqual(c.tiers!.edge!.usage);
    expect(c.usage!.egress_bytes).toBe(c.completed * 10);
    // Each edge leg is 1 ms each way (rtt 2 ms): no request took the 80 ms cloud link.
    expect(c.network_ms.max).toBeLessThan(3);
    // Site shares: a (two sites) 3/4 of the traffic, b 1/4.
    const [a, b] = c.sites!;
    expect(a!.requests / c.requests.arrived).toBeGreaterThan(0.7);
    expect(b!.requests / c.requests.arrived).toBeLessThan(0.3);
    expect(a!.edge_share).toBe(1);
  });

  it('hybrid sends everything to the cloud while the edge is down, and keeps it at the edge otherwise', () => {
    const rec = new Recorder();
    const c = simulate(hybrid(3, 10, 1000, { outages: [{ at_s: 5, duration_s: 5 }] }), { trace: () => rec }).candidates[0]!;
    for (const r of rec.requests) {
      const down = r.sendMs >= 5000 && r.sendMs < 10_000;
      expect(r.pool, `request at ${r.sendMs}`).toBe(down ? CLOUD : 1);
    }
    expect(c.tiers!.cloud!.requests.arrived).toBeGreaterThan(20);
    // The cloud replica is billed for the whole run even though it served a quarter of it.
    expect(c.tiers!.cloud!.replica_seconds).toBe(20);
    expect(c.tiers!.edge!.replica_seconds).toBe(20);
  });

  it('edge_only during an outage holds requests until the edge is back', () => {
    const loaded = makeScenario(
      { duration_s: 20, profile: { kind: 'deterministic', mean_ms: 10 }, traffic: { arrivals: { kind: 'poisson', rate_rps: 5 } } },
      { placement: 'edge_only', edge: { outages: [{ at_s: 5, duration_s: 5 }] } },
    );
    const rec = new Recorder();
    const c = simulate(loaded, { trace: () => rec }).candidates[0]!;
    const held = rec.requests.filter((r) => r.sendMs >= 5000 && r.sendMs < 10_000);
    expect(held.length).toBeGreaterThan(10);
    for (const r of held) expect(r.routedMs).toBe(10_000);
    expect(c.queue_ms.max).toBeGreaterThan(4000);
  });

  it('gives the same JSON for the same seed, for tiers and sites', () => {
    const build = (): LoadedScenario =>
      makeScenario(
        {
          seed: 8,
          duration_s: 15,
          profile: { kind: 'lognormal', mean_ms: 15, cv: 0.5 },
          traffic: { arrivals: { kind: 'poisson', rate_rps: 80 } },
          network: { request_bytes_per_item: 50_000, response_bytes_per_item: 8 },
          sites: [
            { name: 'x', share: 1, count: 3, cloud: { delay: { kind: 'lognormal', mean_ms: 40, cv: 0.5 }, bandwidth_mbps: 10 } },
            { name: 'y', share: 2, edge: { delay: { kind: 'exponential', mean_ms: 3 } } },
          ],
        },
        {
          placement: 'hybrid',
          autoscaler: { kind: 'kpa', target: 2, stable_window_s: 6 },
          provisioning: { kind: 'exponential', mean_s: 1 },
          edge: { speed_factor: 0.3, overflow_queue_threshold: 1, outages: [{ at_s: 4, duration_s: 2, sites: ['y'] }] },
        },
      );
    const a = JSON.stringify(simulate(build()));
    expect(JSON.stringify(simulate(build()))).toBe(a);
    expect(JSON.stringify(simulate(build(), { seed: 9 }))).not.toBe(a);
  });
});
