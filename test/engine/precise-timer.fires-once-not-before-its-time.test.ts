// The batcher's timer (engine/precise-timer.ts): fires once, never before its time, a re-arming
// replaces the earlier one, a cancelled timer stays silent, and it does not keep the process up.
// Upper bounds are generous (2 shared cores): they tell a replaced or lost arming, not speed.
import { afterAll, describe, expect, it } from 'vitest';
import { PreciseTimer } from '../../engine/precise-timer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timers: PreciseTimer[] = [];
function timer(onFire: () => void): PreciseTimer {
  const t = new PreciseTimer(onFire);
  timers.push(t);
  return t;
}
afterAll(async () => {
  await Promise.all(timers.map((t) => t.close()));
});

describe('PreciseTimer', () => {
  it('fires once, not before its time, for sub-millisecond and longer waits', async () => {
    for (const ms of [0.3, 2, 15]) {
      const fired: number[] = [];
      const t = timer(() => fired.push(performance.now()));
      await t.online;
      const armedAt = performance.now();
      t.arm(ms);
      await sleep(ms + 60);
      expect(fired).toHaveLength(1);
      expect(fired[0]! - armedAt).toBeGreaterThanOrEqual(ms - 0.05);
    }
  });

  it('a re-arming replaces the earlier one, and a cancelled timer stays silent', async () => {
    const fired: number[] = [];
    const t = timer(() => fired.push(performance.now()));
    await t.online;
    const armedAt = performance.now();
    t.arm(300);
    t.arm(5);
    await sleep(400);
    expect(fired).toHaveLength(1);
    expect(fired[0]! - armedAt).toBeGreaterThanOrEqual(4.95);
    expect(fired[0]! - armedAt).toBeLessThan(250);

    t.arm(10);
    t.cancel();
    await sleep(80);
    expect(fired).toHaveLength(1);
    t.arm(1);
    await sleep(60);
    expect(fired).toHaveLength(2);
  });
});
