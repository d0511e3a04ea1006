// Replay sends request i exactly when the simulator's request i arrives: for the same scenario and
// seed, the schedule's send times equal the send times the simulator records for its requests
// (Poisson, MMPP bursts, steps, and a trace whose requests carry several items), the items match
// the simulator's batches, and a different seed gives different times.
import { describe, expect, it } from 'vitest';
import { buildSchedule, cutScenario } from '../../replay/schedule.js';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { simulate, type LoadedScenario } from '../../simulator/simulate.js';
import type { BatchRecord, RequestRecord } from '../../simulator/core/run-trace.js';

function simulated(loaded: LoadedScenario, seed: number): { sendMs: Map<number, number>; batches: BatchRecord[] } {
  const sendMs = new Map<number, number>();
  const batches: BatchRecord[] = [];
  const candidate = loaded.scenario.candidates[0]!.name;
  simulate(loaded, {
    seed,
    candidates: [candidate],
    trace: () => ({ onRequest: (r: RequestRecord) => sendMs.set(r.id, r.sendMs), onBatch: (b: BatchRecord) => batches.push(b) }),
  });
  return { sendMs, batches };
}

const cases: [string, number][] = [
  ['scenarios/ppocr-cls-peak.yaml', 6],
  ['scenarios/bursty-mmpp.yaml', 40],
  ['scenarios/steps.yaml', 70],
  ['scenarios/trace-replay.yaml', 8],
];

describe('replay schedule', () => {
  for (const [file, seconds] of cases) {
    it(`equals the simulator's arrival times for ${file} (first ${seconds} s)`, () => {
      const loaded = cutScenario(loadScenario(file), seconds);
      const seed = loaded.scenario.seed;
      const schedule = buildSchedule(loaded, seed);
      const sim = simulated(loaded, seed);
      expect(schedule.timesMs.length).toBeGreaterThan(100);
      expect(sim.sendMs.size).toBe(schedule.timesMs.length);
      for (let i = 0; i < schedule.timesMs.length; i++) {
        if (sim.sendMs.get(i) !== schedule.timesMs[i]) expect.fail(`request ${i}: simulator ${sim.sendMs.get(i)} ms, replay ${schedule.timesMs[i]} ms`);
      }
      for (const b of sim.batches) expect(b.requestIds.reduce((n, id) => n + schedule.items[id]!, 0)).toBe(b.items);
      expect(schedule.timesMs.at(-1)!).toBeLessThan(seconds * 1000);
    });
  }

  it('carries the trace’s items per request, and changes with the seed', () => {
    const loaded = cutScenario(loadScenario('scenarios/trace-replay.yaml'), 8);
    expect(Math.max(...buildSchedule(loaded, 13).items)).toBeGreaterThan(1);
    const poisson = cutScenario(loadScenario('scenarios/ppocr-cls-peak.yaml'), 2);
    const a = buildSchedule(poisson, 1).timesMs;
    const b = buildSchedule(poisson, 2).timesMs;
    expect(Array.from(a.slice(0, 50))).not.toEqual(Array.from(b.slice(0, 50)));
    expect(Array.from(buildSchedule(poisson, 1).timesMs)).toEqual(Array.from(a));
  });

  it('cuts a scenario short for both sides and keeps the warm-up within the cut', () => {
    const full = loadScenario('scenarios/ppocr-cls-peak.yaml');
    const cut = cutScenario(full, 20);
    expect(cut.scenario.duration_s).toBe(20);
    expect(cut.scenario.warmup_s).toBe(Math.min(full.scenario.warmup_s, 5));
    expect(cutScenario(full).scenario).toEqual(full.scenario);
    expect(() => cutScenario(full, 10, 10)).toThrow(/--warmup-s: expected a number of seconds from 0 up to \(not including\) the duration 10, got 10/);
  });
});
