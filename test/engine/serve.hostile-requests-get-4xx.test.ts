// Hostile infer requests get a 4xx decided before anything is sized from them: fast-check generates
// 1000 of them in eight classes (element count against the data or binary_data_size, a batch over
// the cap, wrong datatype, NaN/Infinity, nesting that does not follow the shape, duplicate inputs,
// binary_data_size against the body), JSON and binary, and a client in its own process sends them
// to a live engine. Every answer is a 4xx with a JSON error within 50 ms, never a 5xx; readiness
// stays 200, resident memory stays within 64 MiB of where it started, and a valid request is
// served afterwards.
import { describe, expect, it } from 'vitest';
import { encodeBinaryRequest } from '../../engine/protocol/client.js';
import { runClient } from './client-process.js';
import type { HostileOutcome, HostilePlan } from './clients/hostile.js';
import { inputs, request, startServer } from './helpers.js';

describe('hostile infer requests', () => {
  it('1000 generated ones in eight classes: each a 4xx with a JSON error within 50 ms; the server stays ready and small', async () => {
    const server = await startServer(['--max-batch-size', '8']);
    try {
      const plan: HostilePlan = { url: server.url, pid: server.pid, runsPerClass: 125, maxBatchSize: 8, deadlineMs: 50 };
      const outcome = await runClient<HostileOutcome>('hostile', plan, 120_000);
      const summary = JSON.stringify(outcome, null, 1);
      expect(outcome.failures, summary).toEqual([]);
      const perClass = Object.values(outcome.sent).map((s) => s.json + s.binary);
      expect(perClass, summary).toHaveLength(8);
      for (const n of perClass) expect(n, summary).toBeGreaterThanOrEqual(50);
      expect(perClass.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
      const byKind = Object.values(outcome.sent).reduce((t, s) => ({ json: t.json + s.json, binary: t.binary + s.binary }), { json: 0, binary: 0 });
      expect(byKind.json, summary).toBeGreaterThanOrEqual(300);
      expect(byKind.binary, summary).toBeGreaterThanOrEqual(300);
      expect(Object.keys(outcome.statuses).every((s) => Number(s) >= 400 && Number(s) < 500), summary).toBe(true);
      expect(outcome.unready, summary).toBe(0);
      expect(outcome.rssBytes.max - outcome.rssBytes.before, summary).toBeLessThanOrEqual(64 * 1024 * 1024);
      console.log(
        `hostile: ${perClass.reduce((a, b) => a + b, 0)} requests (${byKind.json} JSON, ${byKind.binary} binary), statuses ${JSON.stringify(outcome.statuses)}, ` +
          `slowest ${outcome.maxMs.toFixed(1)} ms (${outcome.slowOnce} retried), RSS ${(outcome.rssBytes.before / 2 ** 20).toFixed(0)} → max ${(outcome.rssBytes.max / 2 ** 20).toFixed(0)} MiB`,
      );
      const { body, headers } = encodeBinaryRequest([{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: inputs(1, 3) }]);
      expect((await request('POST', `${server.url}/v2/models/ppocr-cls/infer`, body, headers)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 150_000);
});
