// Scenario YAML (or JSON) text → a validated scenario, without touching the disk: syntax errors name
// the line, schema errors the field (config/validate.ts). Split from load-scenario.ts so that code
// with no file system (the browser playground, playground/) parses scenarios exactly as the CLI does.
import YAML from 'yaml';
import { InputError } from '../../common/errors.js';
import { parseConfig } from '../../config/validate.js';
import { ScenarioSchema, type Scenario } from '../../config/scenario.js';

/** Parses and validates scenario YAML (or JSON, a subset of YAML); `source` names it in errors. */
export function parseScenarioText(text: string, source: string): Scenario {
  const doc = YAML.parseDocument(text);
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}: ` : '';
    const what = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(`${source}: ${where}invalid YAML (${what})`, { source });
  }
  return parseConfig(ScenarioSchema, doc.toJS(), source);
}
