// Every shipped scenario doubles as a golden test (SimPy's examples with their expected output):
// its summary per candidate (with replicas, autoscaling, tiers and sites where it has them) is
// stored in test/scenarios/golden/<file>.json and must come out the same on every run. A
// deliberate change to the simulator, a scenario or the reference profile updates them with
// UPDATE_GOLDEN=1 npx vitest --run test/scenarios (then review the diff).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { simulate } from '../../simulator/simulate.js';
import type { SimulationResult } from '../../config/result.js';

const root = path.resolve(import.meta.dirname, '../..');
const scenarioDir = path.join(root, 'scenarios');
const goldenDir = path.join(import.meta.dirname, 'golden');
const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).sort();

function summary(result: SimulationResult): unknown {
  return {
    scenario: result.scenario.name,
    seed: result.scenario.seed,
    candidates: result.candidates.map((c) => ({
      name: c.name,
      requests: c.requests,
      dropped_by_reason: c.dropped_by_reason,
      throughput_rps: c.throughput_rps,
      latency_ms: c.latency_ms,
      queue_ms: { mean: c.queue_ms.mean, p99: c.queue_ms.p99 },
      compute_ms: { mean: c.compute_ms.mean, p99: c.compute_ms.p99 },
      network_ms: { mean: c.network_ms.mean, p99: c.network_ms.p99 },
      slo_attainment: c.slo_attainment,
      slo_met: c.slo_met,
      mean_batch_size: c.mean_batch_size,
      utilization: c.utilization,
      // Autoscaling, tiers and sites only where a scenario uses them (older goldens stay as they were).
      ...(c.autoscaling ? { replica_seconds: c.replica_seconds, replicas: c.replicas, autoscaling: c.autoscaling } : {}),
      ...(c.tiers
        ? {
            replica_seconds: c.replica_seconds,
            tiers: Object.fromEntries(
              Object.entries(c.tiers).map(([tier, t]) => [tier, { requests: t.requests, latency_ms: { p50: t.latency_ms.p50, p99: t.latency_ms.p99 }, usage: t.usage }]),
            ),
          }
        : {}),
      ...(c.sites ? { sites: c.sites.map((site) => ({ name: site.name, requests: site.requests, edge_share: site.edge_share, p99: site.latency_ms.p99 })) } : {}),
    })),
  };
}

describe('shipped scenarios', () => {
  it('include the queueing-theory cases, the default and every traffic kind', () => {
    for (const f of ['mm1.yaml', 'mmc.yaml', 'md1.yaml', 'ppocr-cls-peak.yaml']) expect(files).toContain(f);
    for (const f of ['diurnal-autoscalers.yaml', 'bursty-panic.yaml', 'scale-to-zero.yaml', 'edge-vs-cloud.yaml']) expect(files).toContain(f);
    const kinds = new Set(files.map((f) => loadScenario(path.join(scenarioDir, f)).scenario.traffic.arrivals.kind));
    expect([...kinds].sort()).toEqual(['diurnal', 'mmpp', 'poisson', 'spikes', 'steps', 'trace']);
  });

  it.each(files)('%s matches its golden summary', (file) => {
    const result = simulate(loadScenario(path.join(scenarioDir, file)));
    const got = `${JSON.stringify(summary(result), null, 2)}\n`;
    const golden = path.join(goldenDir, file.replace(/\.yaml$/, '.json'));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, got);
    if (!existsSync(golden)) throw new Error(`${golden} is missing: run UPDATE_GOLDEN=1 npx vitest --run test/scenarios and review it`);
    expect(got).toBe(readFileSync(golden, 'utf8'));
  });
});
