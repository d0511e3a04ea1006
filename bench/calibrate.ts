// Benchmark of the profile module's hot path: service-time draws per second from the shipped
// reference profile (at, between and beyond measured batch sizes) and from parametric profiles,
// each beside the bare seeded uniform stream measured in the same run (the floor any draw costs).
import { performance } from 'node:perf_hooks';
import { stream } from '../common/rng.js';
import { loadProfile, REFERENCE_PROFILE } from '../config/profile-file.js';
import { serviceTimeFor, type ServiceTime } from '../simulator/fleet/service-time.js';
import type { Benchmark } from './benchmark.js';

const DRAWS = 5_000_000;

function drawsPerSecond(draw: () => number): { rate: number; sink: number } {
  let sink = 0;
  for (let i = 0; i < 100_000; i++) sink += draw(); // warm the JIT
  const start = performance.now();
  for (let i = 0; i < DRAWS; i++) sink += draw();
  return { rate: DRAWS / ((performance.now() - start) / 1000), sink };
}

const bench: Benchmark = {
  name: 'calibrate',
  description: 'service-time draws per second (profile module hot path) vs the bare uniform stream',
  async run() {
    const u = stream(1, 'bench');
    const baseline = drawsPerSecond(u).rate;
    const fmt = (r: number) => `${(r / 1e6).toFixed(1)} M draws/s`;
    process.stdout.write(`  baseline: bare alea uniform                      ${fmt(baseline)}\n`);
    const measured = serviceTimeFor(loadProfile(REFERENCE_PROFILE));
    const cases: [string, ServiceTime, number][] = [
      ['reference profile, n = 8 (measured size)', measured, 8],
      ['reference profile, n = 12 (interpolated)', measured, 12],
      ['reference profile, n = 64 (extrapolated)', measured, 64],
      ['exponential, mean 100 ms', serviceTimeFor({ kind: 'exponential', mean_ms: 100 }), 1],
      ['lognormal, 2 + 1.5·n ms, cv 0.3, n = 8', serviceTimeFor({ kind: 'lognormal', mean_ms: { base_ms: 2, per_item_ms: 1.5 }, cv: 0.3 }), 8],
    ];
    for (const [label, st, n] of cases) {
      const { rate } = drawsPerSecond(() => st.sample(n, u));
      process.stdout.write(`  ${label.padEnd(48)} ${fmt(rate)}  (${(rate / baseline).toFixed(2)}× baseline)\n`);
    }
  },
};

export default bench;
