// Named, seeded random streams. Every random draw in servetwin comes from a stream named after
// what it is for (`traffic`, `service:replica-3`, `network:edge`), derived from the scenario seed,
// so adding a new consumer never shifts the numbers an existing one sees, and the same seed gives
// byte-identical results. seedrandom's alea is used for speed in the simulator's hot loop.
import seedrandom from 'seedrandom';

export type Uniform = () => number;

/** A uniform [0, 1) stream for `name` under `seed`. */
export function stream(seed: number | string, name: string): Uniform {
  const prng = seedrandom.alea(`servetwin:${String(seed)}:${name}`);
  return () => prng();
}

/** Exponential with the given mean; uses 1 − u so a 0 draw never yields Infinity. */
export function exponential(u: Uniform, mean: number): number {
  return -mean * Math.log(1 - u());
}

/** Standard normal by Box–Muller (one of the pair; simple and exactly reproducible). */
export function standardNormal(u: Uniform): number {
  const u1 = 1 - u();
  const u2 = u();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
