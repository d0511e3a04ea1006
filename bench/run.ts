// `npm run bench [-- NAME ...]`: runs the benchmarks (all, or the named ones) and prints each
// figure beside a baseline measured in the same run, as a ratio, so a number read on a busy or a
// different machine still means something. Benchmarks are never part of `npm test`.
import type { Benchmark } from './benchmark.js';

// Each benchmark module default-exports a Benchmark; add new ones here.
const modules: Record<string, () => Promise<{ default: Benchmark }>> = {
  calibrate: () => import('./calibrate.js'),
  simulator: () => import('./simulator.js'),
  sweep: () => import('./sweep.js'),
  engine: () => import('./engine.js'),
  fidelity: () => import('./fidelity.js'),
  soak: () => import('./soak.js'),
  playground: () => import('./playground.js'),
  'scale-out': () => import('./scale-out.js'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in modules));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark(s) ${unknown.join(', ')}; known: ${Object.keys(modules).join(', ')}\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(modules)) {
  const bench = (await modules[name]!()).default;
  process.stdout.write(`\n== ${bench.name}: ${bench.description}\n`);
  await bench.run();
}
