// A file the reader opens or drops on the page: a latency profile (JSON, servetwin.profile/…) or a
// scenario (YAML, or JSON), told apart by what it holds, and checked as the CLI checks it: the
// profile schema, or the scenario's YAML parser and schema. Errors name the file and the field.
import { InputError } from '../common/errors.js';
import { parseConfig } from '../config/validate.js';
import { ProfileSchema, type Profile } from '../config/profile.js';
import { parseScenarioText } from '../simulator/scenario/scenario-text.js';
import { settingsOf, type FromScenario } from './scenario-of-settings.js';

export type Opened = ({ kind: 'profile'; profile: Profile } | ({ kind: 'scenario' } & FromScenario)) & { name: string };

function looksLikeProfile(text: string): unknown {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    const schema = (value as { schema?: unknown } | null)?.schema;
    return typeof schema === 'string' && schema.startsWith('servetwin.profile/') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `candidate`: the scenario's candidate to show (its first when absent). */
export function openFile(name: string, text: string, candidate?: string): Opened {
  if (text.trim() === '') throw new InputError(`${name}: the file is empty; expected a scenario (YAML) or a profile (JSON)`, { source: name });
  const profile = looksLikeProfile(text);
  if (profile !== undefined) return { kind: 'profile', name, profile: parseConfig(ProfileSchema, profile, name) };
  return { kind: 'scenario', name, ...settingsOf(parseScenarioText(text, name), name, candidate) };
}
