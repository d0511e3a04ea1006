// The two non-reactive policies: fixed holds its count and never asks to decide; schedule follows
// its time-of-day table (repeating daily, the previous day's last entry before the first one) and
// asks to decide exactly at each entry's time.
import { describe, expect, it } from 'vitest';
import { drive, make } from './harness.js';

describe('fixed', () => {
  it('starts at its count and never asks for a decision', () => {
    const p = make({ kind: 'fixed', replicas: 3 });
    expect(p.initialReplicas).toBe(3);
    expect(p.nextDecisionAt(0)).toBe(Infinity);
    expect(p.decide(5000, { current: 3, ready: 3 }).desired).toBe(3);
  });
});

describe('schedule', () => {
  const day = make({
    kind: 'schedule',
    entries: [
      { at: '08:00', replicas: 6 },
      { at: '20:00', replicas: 2 },
      { at_s: 12 * 3600, replicas: 8 },
    ],
  });

  it('starts the run at midnight with the previous evening’s count', () => {
    expect(day.initialReplicas).toBe(2);
    expect(day.minReplicas).toBe(2);
    expect(day.maxReplicas).toBe(8);
  });

  it('decides at each entry’s time, day after day', () => {
    const log = drive(day, { untilMs: 2 * 86_400_000, load: () => ({}) });
    expect(log.map((d) => [d.atMs / 3_600_000, d.desired])).toEqual([
      [8, 6],
      [12, 8],
      [20, 2],
      [32, 6],
      [36, 8],
      [44, 2],
    ]);
  });

  it('shifts the table by start_at', () => {
    const p = make({ kind: 'schedule', start_at: '07:30', entries: [{ at: '08:00', replicas: 6 }, { at: '20:00', replicas: 2 }] });
    expect(p.initialReplicas).toBe(2);
    expect(p.nextDecisionAt(0)).toBe(30 * 60_000);
    expect(p.decide(30 * 60_000, { current: 2, ready: 2 }).desired).toBe(6);
  });
});
