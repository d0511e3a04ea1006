// With max_queue_size absent, the simulator (a scenario candidate) and the engine (a served model)
// bound a replica's queue at the same 4 × max_batch_size × instances requests, hand-worked: on a
// candidate, its edge pool and every grid combination; on a served model after the flags; through
// the translation both ways; and in the drops the simulator counts.
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServingConfig } from '../../cli/commands/serve.js';
import { defaultMaxQueueSize } from '../../config/batching.js';
import { ScenarioSchema, type ScenarioInput } from '../../config/scenario.js';
import { effectiveMaxQueueSize } from '../../config/serving.js';
import { candidateFromServingConfig, servingConfigFor } from '../../config/serving-translation.js';
import { resolveModels } from '../../engine/model-repository.js';
import { expandCandidates } from '../../planner/plan.js';
import { simulate } from '../../simulator/simulate.js';
import { makeScenario, withArrivals } from '../simulator/helpers.js';

const scenario = (candidates: ScenarioInput['candidates'], grid?: ScenarioInput['grid']) =>
  ScenarioSchema.parse({
    schema: 'servetwin.scenario/v1',
    name: 'queue-bound',
    duration_s: 10,
    profile: { kind: 'deterministic', mean_ms: 10 },
    traffic: { arrivals: { kind: 'poisson', rate_rps: 10 } },
    slo: { latency_ms: 100 },
    candidates,
    ...(grid ? { grid } : {}),
  });

describe('the default queue bound', () => {
  it('is four full batches per instance', () => {
    expect(defaultMaxQueueSize(8, 2)).toBe(64);
    expect(defaultMaxQueueSize(1, 1)).toBe(4);
  });

  it('is written into a parsed candidate, its edge pool by the edge instances, and kept when given', () => {
    const [plain, edged, given] = scenario([
      { name: 'plain', instances: 2, batching: { max_batch_size: 8 } },
      { name: 'edged', instances: 3, batching: { max_batch_size: 2 }, placement: 'hybrid', edge: { instances: 1 } },
      { name: 'given', batching: { max_batch_size: 4, max_queue_size: 7 }, placement: 'edge_only', edge: { instances: 2, batching: { max_batch_size: 5 } } },
    ]).candidates;
    expect(plain!.batching).toEqual({ max_batch_size: 8, max_queue_delay_ms: 0, max_queue_size: 64 });
    expect(edged!.batching.max_queue_size).toBe(24);
    expect(edged!.edge!.batching).toEqual({ max_batch_size: 2, max_queue_delay_ms: 0, max_queue_size: 8 }); // the candidate's batching, the edge's 1 instance
    expect(given!.batching.max_queue_size).toBe(7);
    expect(given!.edge!.batching!.max_queue_size).toBe(40);
  });

  it('follows max_batch_size and instances through a grid, and a given bound stays as given', () => {
    const s = scenario(
      [
        { name: 't', batching: { max_batch_size: 1 } },
        { name: 'fixed', batching: { max_batch_size: 1, max_queue_size: 9 } },
      ],
      { 'batching.max_batch_size': [2, 16], instances: [1, 3] },
    );
    expect(expandCandidates(s, 'grid.yaml').map((c) => [c.name, c.batching.max_queue_size])).toEqual([
      ['t[max_batch_size=2,instances=1]', 8],
      ['t[max_batch_size=2,instances=3]', 24],
      ['t[max_batch_size=16,instances=1]', 64],
      ['t[max_batch_size=16,instances=3]', 192],
      ['fixed[max_batch_size=2,instances=1]', 9],
      ['fixed[max_batch_size=2,instances=3]', 9],
      ['fixed[max_batch_size=16,instances=1]', 9],
      ['fixed[max_batch_size=16,instances=3]', 9],
    ]);
  });

  it('is the one the engine applies to a served model, after the flags change its batch size', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'servetwin-queue-'));
    const file = path.join(dir, 'serving.json');
    writeFileSync(file, JSON.stringify({ models: [{ model: 'ppocr-cls', batching: { max_batch_size: 8 }, instances: 2 }] }));
    const fromFile = buildServingConfig({ config: file });
    expect(effectiveMaxQueueSize(resolveModels(fromFile.config)[0]!.config)).toBe(64);
    const flagged = buildServingConfig({ config: file, 'max-batch-size': 4 });
    expect(effectiveMaxQueueSize(resolveModels(flagged.config, flagged.overrides)[0]!.config)).toBe(32);
    // and `check --config` simulates the same bound
    expect(candidateFromServingConfig(fromFile.config, { kind: 'deterministic', mean_ms: 10 }, file).candidate.batching.max_queue_size).toBe(64);
  });

  it('goes into the serving config the planner writes, explicit', () => {
    const [c] = scenario([{ name: 'c', instances: 2, batching: { max_batch_size: 8 } }]).candidates;
    const config = servingConfigFor(c!, { kind: 'deterministic', mean_ms: 10 });
    expect(config.models![0]!.batching).toEqual({ max_batch_size: 8, max_queue_delay_ms: 0, max_queue_size: 64 });
  });

  it('makes the simulator reject arrivals beyond it: one in service, four waiting, the rest dropped', () => {
    const loaded = withArrivals(
      makeScenario({ duration_s: 10, profile: { kind: 'deterministic', mean_ms: 100 } }, { batching: { max_batch_size: 1, max_queue_delay_ms: 0 } }),
      Array.from({ length: 10 }, () => 0),
    );
    const r = simulate(loaded).candidates[0]!;
    expect(r.config.batching.max_queue_size).toBe(4);
    expect(r.dropped_by_reason).toEqual({ queue_full: 5, timeout: 0, too_large: 0 });
    expect(r.completed).toBe(5);
  });
});
