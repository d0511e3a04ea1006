// The explain view's panel: the explanation of the run on screen, computed here by explain/ — the
// code behind `servetwin explain` — from the scenario, its profile and the simulator's result, then
// drawn by explain.ts. Computed when the view is opened (a few milliseconds), for the edited side.
import { errorMessage } from '../../../common/errors.js';
import type { ParametricProfile, Profile } from '../../../config/profile.js';
import type { Scenario } from '../../../config/scenario.js';
import type { SimulationResult, StoredResult } from '../../../config/result.js';
import { explain } from '../../../explain/explain.js';
import { priceCandidate } from '../../../planner/cost.js';
import { explainParts, type Knee } from './explain.js';
import { chartWidth } from './results.js';

export interface ToExplain {
  scenario: Scenario;
  input: Record<string, unknown>;
  /** The profile a `profile: { file }` scenario names; null for an inline one. */
  profile: Profile | ParametricProfile | null;
  result: SimulationResult;
  /** The knee search of this run, if one was asked for. */
  knee: Knee | null;
  findKnee(): void;
}

export function renderExplanation(root: HTMLElement, e: ToExplain): void {
  root.classList.remove('compare');
  try {
    const s = e.scenario;
    const profile = e.profile ?? ('file' in s.profile ? null : s.profile);
    if (profile === null) throw new Error('the profile of this scenario is not loaded');
    const loaded = { scenario: s, file: null, profile, profileSource: 'file' in s.profile ? s.profile.file : 'inline' };
    // Priced as `simulate` prices it, for the cost's simulated column.
    const result = { ...e.result, candidates: e.result.candidates.map((r) => ({ ...r, cost: priceCandidate(s.candidates[0]!, r, s) })) };
    const explanation = explain(loaded, s.candidates, result as unknown as StoredResult);
    const c = explanation.candidates[0]!;
    const intro = document.createElement('p');
    intro.className = 'explain-intro';
    intro.id = 'explain-intro';
    const code = document.createElement('code');
    code.textContent = 'servetwin explain';
    intro.append(`${c.summary}. What `, code, ` says of this run: each figure as the textbook formula gives it, beside what the simulation measured. Where a formula's assumptions break (batching, bursts, autoscaling), it says so and stays a reference.`);
    root.replaceChildren(intro, ...explainParts(c, chartWidth(root), e.knee, s.slo.latency_ms, e.findKnee), ...explanation.notes.map((n) => Object.assign(document.createElement('p'), { className: 'caption', textContent: n })));
  } catch (err) {
    const p = document.createElement('p');
    p.className = 'placeholder';
    p.textContent = `The explain view cannot explain this run: ${errorMessage(err)}.`;
    root.replaceChildren(p);
  }
}
