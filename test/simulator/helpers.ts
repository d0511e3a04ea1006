// Small builders for simulator tests: a scenario from a few fields (everything else defaulted), and
// a recorder of every request and batch a run reports through its trace hook.
import { scenarioFromObject } from '../../simulator/load-scenario.js';
import type { LoadedScenario } from '../../simulator/simulate.js';
import type { BatchRecord, RequestRecord, RunTrace } from '../../simulator/run-trace.js';

export type ScenarioFields = Record<string, unknown>;

/** A single-candidate scenario; `candidate` fields merge into a 1×1 unbatched default. */
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
    candidates: [{ name: 'c', replicas: 1, instances: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0 }, ...candidate }],
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

/** Replaces a scenario's traffic by a fixed list of arrival times (ms), as a loaded trace. */
export function withArrivals(loaded: LoadedScenario, timesMs: number[], items?: number[]): LoadedScenario {
  return {
    ...loaded,
    scenario: { ...loaded.scenario, traffic: { ...loaded.scenario.traffic, arrivals: { kind: 'trace', file: 'in-memory', rate_scale: 1, loop: false } } },
    trace: { file: 'in-memory', timesMs: Float64Array.from(timesMs), items: items ? Uint32Array.from(items) : null },
  };
}
