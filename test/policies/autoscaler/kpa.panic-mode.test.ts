// Knative's panic mode on a hand-worked burst: panic starts when the 6 s panic average needs at
// least twice the ready replicas, the count only ratchets up while panicking (no scale-down, even
// once the burst is over and replicas are ready), and panic ends only after a whole stable window
// (60 s) without the condition; then the stable average takes over, at most halving per tick.
import { describe, expect, it } from 'vitest';
import { feed, make } from './harness.js';

describe('KPA panic mode', () => {
  // 2 replicas at 140 in flight (2 needed), a burst to 700 from t = 61 s to 66 s, back to 140.
  const kpa = make({ kind: 'kpa', initial_scale: 2 });
  const decisions = new Map<number, { desired: number; panic: boolean | undefined }>();
  let ready = 2;
  for (let t = 2; t <= 130; t += 2) {
    const burst = (s: number) => s >= 61 && s <= 66;
    for (const s of [t - 1, t]) feed(kpa, s, s, { readyReplicas: ready, inFlight: burst(s) ? 700 : 140 });
    const d = kpa.decide(t * 1000, { current: Math.max(ready, decisions.get(t - 2)?.desired ?? 2), ready });
    decisions.set(t, { desired: d.desired, panic: d.panic });
    if (t === 66) ready = 10; // the new replicas become ready after the burst
  }
  const at = (t: number) => decisions.get(t)!;

  it('stays in stable mode at 2 replicas before the burst', () => {
    for (let t = 2; t <= 60; t += 2) expect(at(t), `t = ${t} s`).toEqual({ desired: 2, panic: false });
  });

  it('panics on the burst: panic average (4 × 140 + 2 × 700) / 6 = 326.7 → 5 ≥ 2 × 2 ready', () => {
    expect(at(62)).toEqual({ desired: 5, panic: true });
  });

  it('follows the panic window up: 513.3 → 8, then 700 → 10', () => {
    expect(at(64).desired).toBe(8);
    expect(at(66).desired).toBe(10);
  });

  it('does not scale down while panicking, though the burst is over and 10 replicas are ready', () => {
    for (let t = 68; t <= 126; t += 2) expect(at(t), `t = ${t} s`).toEqual({ desired: 10, panic: true });
  });

  it('leaves panic only once a stable window has passed since the last over-threshold tick (66 s + 60 s)', () => {
    expect(at(126).panic).toBe(true);
    expect(at(128).panic).toBe(false);
  });

  it('then scales down on the stable average, at most halving: floor(10 / 2) = 5', () => {
    expect(at(128).desired).toBe(5);
  });

  it('enters panic straight from zero on a large burst (a fresh window averages only the new data)', () => {
    const p = make({ kind: 'kpa', initial_scale: 0 });
    p.decide(2000, { current: 0, ready: 0 }); // nothing observed yet: no decision, stays at 0
    p.observe(400_000, { readyReplicas: 0, inFlight: 0, queued: 0, pendingUnrouted: 700, utilization: 0, arrivalRps: 700 });
    expect(p.nextDecisionAt(400_000)).toBeLessThanOrEqual(400_000);
    const d = p.decide(400_000, { current: 0, ready: 0 });
    expect(d.desired).toBe(10);
    expect(d.panic).toBe(true);
  });
});
