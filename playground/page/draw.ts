// Draws the answers the cache holds for what the page shows (sides.ts): the explain view of the
// edited side, one configuration's results, or an A/B comparison with its differences judged
// against the spread over the seeds that have run so far (compare-figures.ts). Returns null when an
// answer it needs is not there yet, so the figures on screen stay.
import type { Scenario } from '../../config/scenario.js';
import { differences, SPREAD_SEEDS, trafficDiffers } from '../compare-figures.js';
import type { Answer } from './run-cache.js';
import { Sides } from './sides.js';
import { changedLevers, type Lane } from './view-bar.js';
import { renderComparison, updateDifferences } from './views/comparison.js';
import { renderExplanation } from './views/explain-panel.js';
import type { Knee } from './views/explain.js';
import { renderResults, type Shown } from './views/results.js';

export interface DrawWhat {
  sides: Sides;
  view: 'results' | 'explain';
  /** The edited side's knee search, if one was asked for. */
  knee: Knee | null;
  findKnee(): void;
  /** Only a seed of the spread came in: an A/B view already drawn updates its table alone. */
  spreadOnly: boolean;
}

/** The single configuration's results drawn (to redraw at another width), 'drawn' for the other views, null when an answer is missing. */
export function drawAnswers(root: HTMLElement, w: DrawWhat): Shown | 'drawn' | null {
  const { sides } = w;
  const editing = sides.editing;
  const edited = sides.edited();
  const main = sides.answerOf(editing, edited.seed, true);
  const checked = sides.checkedOf(edited);
  if (!main || !checked.scenario) return null;
  const shownOf = (a: Answer, scenario: Scenario): Shown & { kind: 'result' } => ({ kind: 'result', scenario, result: a.result.candidates[0]!, watched: a.watched! });
  if (w.view === 'explain') {
    renderExplanation(root, { scenario: checked.scenario, input: checked.input, profile: sides.profileOf(edited), result: main.result, knee: w.knee, findKnee: w.findKnee });
    return 'drawn';
  }
  if (sides.b === null) {
    const shown = shownOf(main, checked.scenario);
    renderResults(root, shown);
    return shown;
  }
  const other = sides.other();
  const otherAnswer = sides.answerOf(other, sides.get(other)!.seed, true);
  const otherScenario = sides.checkedOf(sides.get(other)!).scenario;
  if (!otherAnswer || !otherScenario) return null;
  const byLane = { [editing]: { answer: main, scenario: checked.scenario }, [other]: { answer: otherAnswer, scenario: otherScenario } } as Record<Lane, { answer: Answer; scenario: Scenario }>;
  const skipped = sides.spreadSkipped();
  const resultsOf = (lane: Lane) =>
    (skipped ? [sides.get(lane)!.seed] : Sides.seedsOf(sides.get(lane)!))
      .map((seed) => sides.answerOf(lane, seed, false)?.result.candidates[0])
      .filter((r) => r !== undefined);
  const a = { scenario: byLane.a.scenario, results: resultsOf('a') };
  const b = { scenario: byLane.b.scenario, results: resultsOf('b') };
  const done = Math.min(a.results.length, b.results.length);
  document.body.dataset.spread = skipped || done >= 1 + SPREAD_SEEDS ? 'done' : 'pending';
  const comparison = {
    a: shownOf(byLane.a.answer, byLane.a.scenario),
    b: shownOf(byLane.b.answer, byLane.b.scenario),
    differences: differences(a, b, skipped ? 1 : 1 + SPREAD_SEEDS),
    changes: changedLevers(sides.a, sides.b),
    notLike: trafficDiffers(a.scenario, b.scenario),
    editing,
    seeds: { wanted: 1 + SPREAD_SEEDS, done, skipped },
  };
  if (!(w.spreadOnly && updateDifferences(root, comparison))) renderComparison(root, comparison);
  return 'drawn';
}
