// Small builders for simulator tests: a scenario from a few fields (everything else defaulted), a
// recorder of every request and batch (and replica and scaling decision) a run reports through its
// trace hook, a check that explains itself when an invariant fails, and the determinism property.
import { expect } from 'vitest';
import fc from 'fast-check';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import type { BatchRecord, ReplicaRecord, RequestRecord, RunTrace, ScaleRecord } from '../../simulator/core/run-trace.js';

export type ScenarioFields = Record<string, unknown>;

/**
 * A queue bound no test run can reach: it stands for the unbounded queue of the closed forms
 * (M/M/1, M/M/c, M/D/1), since an absent max_queue_size means 4 × max_batch_size × instances.
 */
export const UNBOUNDED_QUEUE = 1_000_000_000;

/** A single-candidate scenario; `candidate` fields merge into a 1×1 unbatched default with an unbounded queue. */
export function makeScenario(fields: ScenarioFields = {}, candidate: ScenarioFields = {}): LoadedScenario {
  return scenarioFromObject({
    schema: 'servetwin.scenario/v1',
    name: 'test',
    seed: 1,
    duration_s: 100,
    warmup_s: 0,
    profile: { kind: 'exponential', mean_ms: 100 },
    traffic: { arrivals: { kind: 'poisson', rate_rps: 5 } },
    slo: { latency_ms: 1000, percentile: 99 },
    candidates: [{ name: 'c', replicas: 1, instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: UNBOUNDED_QUEUE }, ...candidate }],
    ...fields,
  });
}

export class Recorder implements RunTrace {
  readonly requests: RequestRecord[] = [];
  readonly batches: BatchRecord[] = [];
  onRequest(r: RequestRecord): void {
    this.requests.push(r);
  }
  onBatch(b: BatchRecord): void {
    this.batches.push(b);
  }
}

/** Also every replica's life and every scaling decision. */
export class FleetRecorder extends Recorder {
  readonly replicas: ReplicaRecord[] = [];
  readonly scales: ScaleRecord[] = [];
  onReplica(r: ReplicaRecord): void {
    this.replicas.push(r);
  }
  onScale(s: ScaleRecord): void {
    this.scales.push(s);
  }
}

/** An invariant inside a property: its message is built only when it fails. */
export function check(ok: boolean, what: () => string): void {
  if (!ok) throw new Error(what());
}

/** Same parameters give the same JSON, and another seed another result (when enough requests arrived to tell). */
export function assertSameJsonForSameSeed<P extends { seed: number }>(arb: fc.Arbitrary<P>, build: (p: P) => LoadedScenario, params: fc.Parameters<[P]>): void {
  fc.assert(
    fc.property(arb, (p) => {
      const a = JSON.stringify(simulate(build(p)));
      expect(JSON.stringify(simulate(build(p)))).toBe(a);
      const other = simulate(build(p), { seed: p.seed + 1 });
      if (JSON.parse(a).candidates[0].requests.arrived >= 10) expect(JSON.stringify(other.candidates)).not.toBe(JSON.stringify(JSON.parse(a).candidates));
    }),
    params,
  );
}

/** Replaces a scenario's traffic by a fixed list of arrival times (ms), as a loaded trace. */
export function withArrivals(loaded: LoadedScenario, timesMs: number[], items?: number[]): LoadedScenario {
  return {
    ...loaded,
    scenario: { ...loaded.scenario, traffic: { ...loaded.scenario.traffic, arrivals: { kind: 'trace', file: 'in-memory', rate_scale: 1, loop: false } } },
    trace: { file: 'in-memory', timesMs: Float64Array.from(timesMs), items: items ? Uint32Array.from(items) : null },
  };
}
