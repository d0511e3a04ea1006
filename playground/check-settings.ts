// Every change of a control is judged by the scenario schema itself (config/scenario.ts, the same
// zod checks and refinements the CLI applies to a file), on the scenario the settings make; each
// path-qualified message (`traffic.arrivals.rate_rps: expected a positive number, got -3`) is
// handed to the control that owns its field (levers.ts), or to the page when none does.
import { ScenarioSchema, type Scenario } from '../config/scenario.js';
import { describeIssues, formatPath } from '../config/validate.js';
import { controlFor } from './levers.js';
import { scenarioOf } from './scenario-of-settings.js';
import type { Settings } from './settings.js';

export interface Checked {
  /** The scenario as written (what a download gives and the worker is sent). */
  input: Record<string, unknown>;
  /** The parsed scenario, or null when the schema found issues. */
  scenario: Scenario | null;
  /** Messages by control id (a lever's field, `profile` or `arrivals`). */
  byControl: Map<string, string[]>;
  /** Messages no control owns. */
  general: string[];
}

export function checkSettings(settings: Settings): Checked {
  const input = scenarioOf(settings);
  const parsed = ScenarioSchema.safeParse(input);
  const byControl = new Map<string, string[]>();
  const general: string[] = [];
  if (!parsed.success) {
    const messages = describeIssues(parsed.error.issues, input);
    parsed.error.issues.forEach((issue, i) => {
      const id = controlFor(formatPath(issue.path));
      if (id === null) general.push(messages[i]!);
      else byControl.set(id, [...(byControl.get(id) ?? []), messages[i]!]);
    });
  }
  return { input, scenario: parsed.success ? parsed.data : null, byControl, general };
}
