// "Download scenario": the scenario the settings make, as the YAML file `servetwin simulate` runs,
// with a header saying how to run it and where its profile file must be.
import YAML from 'yaml';
import { checkSettings } from './check-settings.js';
import type { Settings } from './settings.js';

export function scenarioYaml(settings: Settings): string {
  const { input } = checkSettings(settings);
  const header = ['# Made in the servetwin playground. Run it with:', '#   npx servetwin simulate <this file> --json result.json'];
  if (settings.profile.source === 'bundled') header.push('# Its profile ships with servetwin (found in the servetwin folder).');
  if (settings.profile.source === 'file') header.push(`# Its profile was loaded from a file: put ${settings.profile.name} beside this file.`);
  return `${header.join('\n')}\n${YAML.stringify(input, { lineWidth: 0 })}`;
}

/** A file name for the scenario: its name, made safe. */
export function scenarioFileName(settings: Settings): string {
  return `${settings.name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'scenario'}.yaml`;
}
