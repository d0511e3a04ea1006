// Without `behavior` one sync may at most double the replicas, and always reach 4
// (convertDesiredReplicasWithRules: max(2 × current, 4)), and never pass max_replicas.
import { describe, expect, it } from 'vitest';
import { feed, make } from './harness.js';

const overloaded = (current: number, maxReplicas = 100) => {
  const hpa = make({ kind: 'hpa', max_replicas: maxReplicas, initial_replicas: current, metric: { type: 'in_flight_per_replica', target_requests: 1 } });
  feed(hpa, 1, 15, { readyReplicas: current, inFlight: 50 * current }); // ratio 50: wants 50 × current
  return hpa.decide(15_000, { current, ready: current });
};

describe('HPA scale-up limit without behavior', () => {
  it('caps one step at max(2 × current, 4)', () => {
    expect(overloaded(1).desired).toBe(4);
    expect(overloaded(2).desired).toBe(4);
    expect(overloaded(3).desired).toBe(6);
    expect(overloaded(10).desired).toBe(20);
  });

  it('names the limit in the reason', () => {
    expect(overloaded(10).reason).toContain('scale-up limit max(2×10, 4) = 20');
  });

  it('never goes past max_replicas', () => {
    expect(overloaded(10, 15).desired).toBe(15);
  });

  it('doubles again at the next sync once the new replicas count', () => {
    const hpa = make({ kind: 'hpa', max_replicas: 100, initial_replicas: 2, metric: { type: 'in_flight_per_replica', target_requests: 1 } });
    feed(hpa, 1, 15, { readyReplicas: 2, inFlight: 100 });
    expect(hpa.decide(15_000, { current: 2, ready: 2 }).desired).toBe(4);
    feed(hpa, 16, 30, { readyReplicas: 4, inFlight: 200 });
    expect(hpa.decide(30_000, { current: 4, ready: 4 }).desired).toBe(8);
  });
});
