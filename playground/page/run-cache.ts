// The runs the page has answers for, by what they ran: the scenario as written, its profile and
// the seed. An A/B pair asks for both sides on several seeds; a side that did not change, or a
// setting moved back, is answered from here without simulating again. Bounded: the oldest go first.
// A profile file loaded again under the same name clears it (its content may differ).
import type { SimulationResult } from '../../config/result.js';
import type { Watched } from '../worker/messages.js';

export interface Answer {
  result: SimulationResult;
  /** The timelines, for a run that was watched. */
  watched: Watched | null;
}

const MAX_ENTRIES = 48;

export class RunCache {
  private readonly entries = new Map<string, Answer>();

  static key(scenario: Record<string, unknown>, seed: number): string {
    return `${seed}:${JSON.stringify(scenario)}`;
  }

  get(key: string, watched: boolean): Answer | null {
    const a = this.entries.get(key);
    return a && (!watched || a.watched !== null) ? a : null;
  }

  set(key: string, answer: Answer): void {
    // A watched answer serves an unwatched ask too; never replace it by a bare one.
    if (answer.watched === null && this.entries.get(key)?.watched) return;
    this.entries.delete(key);
    this.entries.set(key, answer);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}
