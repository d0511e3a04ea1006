// The whole result JSON (servetwin.result/v1, as `simulate --json` writes it) of several shipped
// scenarios (and one fixture), pinned byte for byte: the summaries in golden/ catch a changed figure, these catch
// any changed byte (time series, histograms, cost, recommendation, key order). They were written
// before the restructuring of issue #7 and move only for a deliberate change of behaviour, in a
// commit that says why (UPDATE_GOLDEN=1 npx vitest --run test/scenarios, then review the diff).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { plan } from '../../planner/plan.js';
import { resultJson } from '../../cli/commands/simulate.js';

const root = path.resolve(import.meta.dirname, '../..');
const goldenDir = path.join(import.meta.dirname, 'golden-results');

// One of each thing the simulator models: closed-form queues, batching on the measured profile with
// and without the engine's serving overhead, every autoscaler, scale to zero, edge and cloud sites,
// bursts, steps and a trace. The default sweep is pinned on two of its candidates (all 36 × 3 seeds
// would take seconds).
const cases: { scenario: string; file?: string; candidates?: string[] }[] = [
  { scenario: 'mm1' },
  { scenario: 'mmc' },
  { scenario: 'md1' },
  { scenario: 'fidelity-two-instances' },
  { scenario: 'fidelity-bursty' },
  { scenario: 'bursty-panic' },
  { scenario: 'diurnal-autoscalers' },
  { scenario: 'scale-to-zero' },
  { scenario: 'edge-vs-cloud' },
  { scenario: 'steps' },
  { scenario: 'trace-replay' },
  // The engine's serving overhead (HTTP thread per replica), which no shipped profile carries.
  { scenario: 'frontend-two-replicas', file: 'test/scenarios/fixtures/frontend-two-replicas.yaml' },
  {
    scenario: 'ppocr-cls-peak',
    candidates: ['cpu[max_batch_size=4,max_queue_delay_ms=0,replicas=2]', 'cpu[max_batch_size=8,max_queue_delay_ms=5,replicas=2]'],
  },
];

describe('shipped scenarios, whole result JSON', () => {
  it.each(cases)('$scenario is byte-identical to its golden result', async ({ scenario, file, candidates }) => {
    const cwd = process.cwd();
    process.chdir(root); // the result names the scenario file as given, relative to here
    let got: string;
    try {
      got = resultJson(await plan(loadScenario(file ?? `scenarios/${scenario}.yaml`), { workers: 0, candidates }));
    } finally {
      process.chdir(cwd);
    }
    const golden = path.join(goldenDir, `${scenario}.result.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, got);
    if (!existsSync(golden)) throw new Error(`${golden} is missing: run UPDATE_GOLDEN=1 npx vitest --run test/scenarios and review it`);
    expect(got === readFileSync(golden, 'utf8'), `${scenario}: the result JSON differs from ${path.relative(root, golden)}`).toBe(true);
  });
});
