// A failing instance heals: an instance worker made to exit, or to throw, in the middle of a batch
// (SERVETWIN_INJECT_FAULTS, the engine's JavaScript-level test hook) fails that batch with 500 at
// once, is replaced after a short backoff and counted in servetwin_instance_restarts_total.
// Readiness stays 200 while another instance of the model is up, and turns 503 only while none is
// (requests meanwhile get 503 with Retry-After, never a hang); liveness stays 200 throughout. The
// client runs in its own process.
import { describe, expect, it } from 'vitest';
import { runClient } from './client-process.js';
import type { HealOutcome, HealPlan } from './clients/heal.js';
import { startServer } from './helpers.js';

async function heal(instances: number, faults: string, requests: number): Promise<HealOutcome> {
  const server = await startServer(['--instances', String(instances), '--max-batch-size', '1'], { SERVETWIN_INJECT_FAULTS: faults });
  try {
    const plan: HealPlan = { url: server.url, requests, instances };
    const outcome = await runClient<HealOutcome>('heal', plan);
    expect(server.stderr()).toMatch(/instance \d (exited with code 70|threw: injected fault).*a new instance will take its place/);
    expect(server.stderr()).toMatch(/instance \d restarted/);
    return outcome;
  } finally {
    expect(await server.stop()).toBe(0);
  }
}

describe('a failing instance', () => {
  it('that exits mid-batch: its request gets 500 at once, the other instance keeps the model ready, a new one takes its place', async () => {
    const o = await heal(2, 'exit@3', 8);
    const summary = JSON.stringify(o);
    expect(o.answers.map((a) => a.status), summary).toEqual([200, 200, 500, 200, 200, 200, 200, 200]);
    expect(o.answers[2]!.error, summary).toMatch(/instance \d exited with code 70 during a batch/);
    expect(o.answers[2]!.ms, summary).toBeLessThan(2000);
    expect(o.duringOutage.map((a) => a.status), summary).toEqual([200]);
    expect(Object.keys(o.ready), summary).toEqual(['200']);
    expect(Object.keys(o.live), summary).toEqual(['200']);
    expect(o.metrics, summary).toEqual({ restarts: 1, alive: 2, internal: 1 });
  });

  it('that throws mid-batch as the only instance: readiness 503 and fast 503s until its replacement is up, then 200 again', async () => {
    const o = await heal(1, 'throw@2', 4);
    const summary = JSON.stringify(o);
    expect(o.answers.map((a) => a.status), summary).toEqual([200, 500, 200, 200]);
    expect(o.answers[1]!.error, summary).toMatch(/instance 0 threw: .*injected fault.* during a batch/);
    expect(o.answers[1]!.ms, summary).toBeLessThan(2000);
    expect(o.duringOutage, summary).toHaveLength(1);
    expect(o.duringOutage[0]!, summary).toMatchObject({ status: 503, retryAfter: '5' });
    expect(o.duringOutage[0]!.error, summary).toMatch(/no (instance|replica)/);
    expect(o.ready['503'], summary).toBeGreaterThan(0);
    expect(o.healedInMs[0]!, summary).toBeLessThan(10_000);
    expect(Object.keys(o.live), summary).toEqual(['200']);
    expect(o.metrics, summary).toEqual({ restarts: 1, alive: 1, internal: 1 });
  });
});
