// The engine's throughput as a ratio of the ceiling's, from paired windows, for bench/engine.ts: the
// ceiling (ONNX Runtime alone) for a moment, then the engine offered a little more than it can take
// for a moment, again and again. On a shared machine a neighbour's burst changes wall-clock
// throughput by tens of percent from one second to the next; a ratio of two windows a few seconds
// apart sees about the same neighbours, and the median over the pairs is steadier than the ratio
// of two medians taken minutes apart. Each pair also gives the ratio of CPU per item (the ceiling's
// over the engine's, all its threads), which is what the wall-clock ratio comes to on quiet cores.
// A window in which the load generator could not reach the rate is tried once more, then left out.
import type { CeilingResult } from './engine-ceiling.js';
import type { StepResult } from './engine-client.js';

export interface Pair {
  ceiling: CeilingResult;
  engine: StepResult;
  ratio: number;
  cpuRatio: number;
}

export interface PairedRatio {
  /** The pairs whose engine window was sent on schedule. */
  pairs: Pair[];
  /** Windows left out because the generator could not reach the rate, even on a second try. */
  late: number;
}

export async function pairedRatio(ceiling: () => Promise<CeilingResult>, engine: () => Promise<StepResult>, count: number): Promise<PairedRatio> {
  const pairs: Pair[] = [];
  let late = 0;
  for (let k = 0; k < count; k++) {
    const c = await ceiling();
    let e = await engine();
    if (!e.keptSchedule) e = await engine();
    if (!e.keptSchedule) {
      late++;
      continue;
    }
    pairs.push({ ceiling: c, engine: e, ratio: e.itemsPerS / c.itemsPerS, cpuRatio: c.cpuMsPerItem / (e.httpMsPerItem + e.otherMsPerItem) });
  }
  return { pairs, late };
}
