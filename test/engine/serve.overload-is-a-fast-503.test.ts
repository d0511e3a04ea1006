// Overload is a fast 503, never a stalled accept queue: the soak of bench/soak.ts, a few seconds
// long. The engine is offered 3× its measured capacity, with JSON and then binary payloads, by a
// client in its own process that never queues a request itself: every request gets 200 or 503 (with
// Retry-After), none is refused, reset or timed out, the client is never late, resident memory
// stays within 64 MiB of the idle figure, and the 200s stay within what the caps allow.
import { describe, expect, it } from 'vitest';
import { soak } from '../../bench/soak.js';

describe('overload', () => {
  it('3× capacity for a few seconds, JSON and binary: only 200s and fast 503s, nothing lost, memory and latency bounded', async () => {
    const report = await soak({ seconds: 3, capacitySeconds: 1.5, overload: 3 });
    const summary = JSON.stringify(report, null, 1);
    expect(report.serverExit, summary).toBe(0);
    report.phases.forEach((p, i) => {
      expect(Object.keys(p.statuses).sort(), summary).toEqual(['200', '503']);
      expect(p.errors, summary).toEqual({});
      expect(p.noRetryAfter, summary).toBe(0);
      expect(p.late, summary).toBe(0);
      expect(p.rss.max - p.rss.idle, summary).toBeLessThanOrEqual(64 * 2 ** 20);
      expect(p.shed.p50, summary).toBeLessThan(100);
      // Client and kernel time on a shared 2-core machine come on top of the caps' bound.
      expect(p.ok.p99, summary).toBeLessThanOrEqual(report.okBoundMs[i]! + 500);
      console.log(
        `overload ${p.payload}: capacity ${p.capacityRps.toFixed(0)} rps, offered ${p.offeredRps.toFixed(0)} rps: ${JSON.stringify(p.statuses)}; ` +
          `200s p99 ${p.ok.p99.toFixed(0)} ms (bound ${report.okBoundMs[i]!.toFixed(0)} ms), 503s p50 ${p.shed.p50.toFixed(1)} ms; RSS +${((p.rss.max - p.rss.idle) / 2 ** 20).toFixed(0)} MiB`,
      );
    });
  }, 120_000);
});
