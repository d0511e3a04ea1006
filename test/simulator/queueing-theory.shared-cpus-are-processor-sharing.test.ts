// The replica's shared CPUs (simulator/fleet/host-cpu.ts) against processor sharing's closed forms
// and hand-worked cases. With one core and more instances than requests ever in the system, every
// request is its own job on the core and the replica is an M/G/1 processor-sharing queue:
//   - E[T | S = x] = x / (1 − ρ): the conditional mean response time grows linearly in the job's
//     size (Kleinrock, "Queueing Systems, Vol. 2" (1976), §4.4; Harchol-Balter, "Performance
//     Modeling and Design of Computer Systems" (2013), ch. 30);
//   - insensitivity: the mean E[T] = E[S] / (1 − ρ) whatever the service distribution's shape,
//     here a hyperexponential with a squared coefficient of variation of about 9 (same sources).
// A job with k threads uses at most k cores, and every busy thread gets an equal share: hand-worked
// cases of a capped job and of two classes (an instance's batch and the HTTP thread's work) pin it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulator/simulate.js';
import { scenarioFromObject } from '../../simulator/scenario/load-scenario.js';
import { stream } from '../../common/rng.js';
import { makeScenario, Recorder, withArrivals } from './helpers.js';

const relErr = (got: number, want: number): number => Math.abs(got - want) / want;

/** An imported profile (batch size 1 only) whose forward passes are exactly `samples` (ms), drawn uniformly. */
function profileFile(samples: number[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-ps-'));
  const file = path.join(dir, 'profile.json');
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length);
  writeFileSync(
    file,
    JSON.stringify({
      schema: 'servetwin.profile/v1',
      kind: 'imported',
      source: { file: 'synthetic', format: 'csv' },
      host: 'a synthetic distribution for a closed form',
      batches: [{ batch_size: 1, samples_ms: samples, p50_ms: at(0.5), p90_ms: at(0.9), p99_ms: at(0.99), mean_ms: mean, stddev_ms: sd, items_per_s: 1000 / mean }],
      imported_at: '2026-12-06T00:00:00.000Z',
    }),
  );
  return file;
}

/** One replica of 200 instances on `cpus` cores: at these loads every request in the system is its own job. */
function psScenario(profileFileOrInline: unknown, lambda: number, durationS: number, seed: number) {
  return scenarioFromObject({
    schema: 'servetwin.scenario/v1',
    name: 'm-g-1-ps',
    seed,
    duration_s: durationS,
    warmup_s: 200,
    profile: profileFileOrInline,
    traffic: { arrivals: { kind: 'poisson', rate_rps: lambda } },
    slo: { latency_ms: 1000, percentile: 99 },
    candidates: [{ name: 'ps', instances: 200, cpus: 1, batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 1_000_000 } }],
  });
}

describe('a replica on one core with many instances is an M/G/1 processor-sharing queue', () => {
  it('E[T | S = x] = x / (1 − ρ) for each job size (two sizes, 1 ms and 9 ms, ρ = 0.5)', () => {
    // S is 1 or 9 ms with equal chance: E[S] = 5 ms; λ = 100/s gives ρ = 0.5.
    const file = profileFile([...Array(500).fill(1), ...Array(500).fill(9)]);
    const rec = new Recorder();
    const result = simulate(psScenario({ file }, 100, 4000, 3), { trace: () => rec }).candidates[0]!;
    const rho = 0.5;
    for (const x of [1, 9]) {
      const times = rec.batches.filter((b) => b.serviceMs === x && b.startMs >= 200_000 && b.endMs >= 0).map((b) => b.endMs - b.startMs);
      expect(times.length).toBeGreaterThan(50_000);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      expect(relErr(mean, x / (1 - rho)), `E[T | S = ${x}]`).toBeLessThan(0.03);
    }
    expect(result.queue_ms.max).toBe(0); // never more requests than instances: no waiting in the batcher
  });

  it('the mean response time is insensitive to the service distribution: hyperexponential, SCV ≈ 9', () => {
    // H2: 0.9 · Exp(mean 1 ms) + 0.1 · Exp(mean 41 ms): E[S] = 5 ms, E[S²] = 338, SCV = 338/25 − 1 = 12.5
    // in theory; the 20 000 samples below have an SCV of about 9–13.
    const u = stream(11, 'test:h2');
    const samples = Array.from({ length: 20_000 }, () => (u() < 0.9 ? -1 * Math.log(1 - u()) : -41 * Math.log(1 - u())));
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const scv = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length / mean ** 2;
    expect(scv).toBeGreaterThan(4);
    const lambda = 120; // ρ = λ·E[S] ≈ 0.6
    const rho = (lambda / 1000) * mean;
    const c = simulate(psScenario({ file: profileFile(samples) }, lambda, 20_000, 5)).candidates[0]!;
    expect(relErr(c.latency_ms.mean, mean / (1 - rho))).toBeLessThan(0.04);
    // Under FIFO the same load would wait E[S²]λ/(2(1 − ρ)) on top (Pollaczek–Khinchine): far more.
    const fifoMean = mean + ((lambda / 1000) * (scv + 1) * mean * mean) / (2 * (1 - rho));
    expect(fifoMean).toBeGreaterThan(1.5 * c.latency_ms.mean);
  });

  it('exponential service: the mean and the instances-as-jobs utilisation match M/M/1-PS', () => {
    const c = simulate(psScenario({ kind: 'exponential', mean_ms: 10 }, 70, 20_000, 7)).candidates[0]!;
    expect(relErr(c.latency_ms.mean, 10 / (1 - 0.7))).toBeLessThan(0.04);
  });
});

describe('shared CPUs, hand-worked', () => {
  const one = (fields: Record<string, unknown>, candidate: Record<string, unknown>, times: number[]) => {
    const rec = new Recorder();
    const loaded = withArrivals(makeScenario({ duration_s: 1, ...fields }, { batching: { max_batch_size: 1, max_queue_delay_ms: 0, max_queue_size: 100 }, ...candidate }), times);
    const c = simulate(loaded, { trace: () => rec }).candidates[0]!;
    return { c, rec };
  };

  it('a job never uses more cores than its threads: 2 threads on 4 cores run at full speed', () => {
    const { rec } = one({ profile: { kind: 'deterministic', mean_ms: 10 } }, { cpus: 4, intra_op_threads: 2 }, [0]);
    expect(rec.batches.map((b) => [b.startMs, b.endMs])).toEqual([[0, 10]]);
  });

  it('a job with more threads than cores is slowed by threads / cores: 4 threads on 2 cores take twice as long', () => {
    const { c, rec } = one({ profile: { kind: 'deterministic', mean_ms: 10 } }, { cpus: 2, intra_op_threads: 4 }, [0]);
    expect(rec.batches.map((b) => [b.startMs, b.endMs])).toEqual([[0, 20]]);
    // The result says so: 4 threads on 2 cores, twice as slow when all are busy (20 ms of 1000 busy).
    expect(c.cpu).toEqual({ cpus: 2, threads: 4, oversubscribed: true, busy_threads_mean: 0.08, slowdown_max: 2 });
  });

  it('three instances of 2 threads on 2 cores: each busy thread gets an equal share', () => {
    // Three instances of 2 threads each, requests at 0, 0 and 4: 4 threads on 2 cores from 0 (half
    // speed), 6 from 4 (a third): by 4 the first two have done 2 ms of their 10; they and the third
    // share at a third until the first two end at 4 + 8·3 = 28; the third, 8 ms done by then, runs
    // its last 2 ms alone at full speed (2 threads, 2 cores): it ends at 30.
    const { rec } = one({ profile: { kind: 'deterministic', mean_ms: 10 } }, { instances: 3, cpus: 2, intra_op_threads: 2 }, [0, 0, 4]);
    expect(rec.batches.map((b) => [b.startMs, b.endMs])).toEqual([
      [0, 28],
      [0, 28],
      [4, 30],
    ]);
  });

  it('an instance and its HTTP thread share one core: ingress, batch and egress of two requests, worked by hand', () => {
    // Compute 10 ms, ingress 2 ms, egress 1 ms, one core, one instance. r1 at 0: ingress 0–2 alone,
    // batch from 2. r2 at 3: its ingress shares the core with r1's batch from 3 (each at half
    // speed): ingress ends at 7, by when r1's batch has done 1 + 2 = 3 ms; alone again, it ends at
    // 14. The thread picks its result up at once (idle), r2's batch starts at 14, and r1's egress
    // shares with it: the egress ends at 16 (r1 answered), r2's batch has 9 ms left, alone from 16:
    // it ends at 25, and r2's egress runs 25–26. Latencies: r1 16 ms, r2 23 ms.
    const overhead = {
      source: 'hand-worked',
      compute_scale: 1.5, // not applied with a CPU model: the sharing is the live slowdown
      per_batch_ms: 0,
      ingress_ms: { kind: 'constant', ms: 2 },
      egress_ms: { kind: 'constant', ms: 1 },
    };
    const { c, rec } = one({ profile: { kind: 'deterministic', mean_ms: 10, serving_overhead: overhead } }, { cpus: 1 }, [0, 3]);
    expect(rec.batches.map((b) => [b.startMs, b.endMs])).toEqual([
      [2, 14],
      [14, 25],
    ]);
    expect(rec.requests.map((r) => [r.id, r.doneMs])).toEqual([
      [0, 16],
      [1, 26],
    ]);
    expect(c.latency_ms.max).toBe(23);
    // The thread was busy 0–2, 3–7, 14–16 and 25–26: 9 ms of the 1000 ms run.
    expect(c.frontend_utilization).toEqual([0.009]);
  });

  it('"unlimited" cores give every consumer its own: the same results as without a CPU model', () => {
    const fields = { duration_s: 300, traffic: { arrivals: { kind: 'poisson', rate_rps: 150 } }, profile: { kind: 'exponential', mean_ms: 10 } };
    const candidate = { instances: 3, intra_op_threads: 2, batching: { max_batch_size: 4, max_queue_delay_ms: 1, max_queue_size: 100 } };
    const plain = simulate(makeScenario(fields, candidate)).candidates[0]!;
    const unlimited = simulate(makeScenario(fields, { ...candidate, cpus: 'unlimited' })).candidates[0]!;
    expect(JSON.stringify(unlimited)).toBe(JSON.stringify(plain));
  });
});
