// What a benchmark module default-exports for bench/run.ts: a name, what it measures against which
// baseline (measured in the same run), and the run itself, which prints its figures.
export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}
