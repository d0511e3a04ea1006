// Reads a scenario file: YAML (syntax errors name the line), validated against config/scenario.ts
// (errors name the file and field), then the files it points at: a profile (relative to the
// scenario's folder, else to the servetwin folder), edge tiers' own profiles, and a trace (relative
// to the scenario's folder).
// The result is a LoadedScenario that simulate() runs without further I/O. The text itself is parsed
// by scenario-text.ts, which reads no file (the browser playground uses it too).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../common/errors.js';
import { parseConfig } from '../../config/validate.js';
import { parseScenarioText } from './scenario-text.js';
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../../config/scenario.js';
import { loadProfile } from '../../config/profile-file.js';
import { loadTrace } from './traffic/trace-file.js';
import type { LoadedScenario } from './loaded-scenario.js';
import { readInputFile } from '../../common/read-file.js';
import { projectRoot } from '../../common/servetwin-files.js';

export { parseScenarioText } from './scenario-text.js';
export type { LoadedScenario } from './loaded-scenario.js';

export function loadScenario(file: string): LoadedScenario {
  const text = readInputFile(file, 'a scenario YAML file');
  const scenario = parseScenarioText(text, file);
  return resolveScenario(scenario, file, path.dirname(path.resolve(file)));
}

/** Loads the files a validated scenario names; relative paths resolve against `baseDir`. */
export function resolveScenario(scenario: Scenario, file: string | null, baseDir: string): LoadedScenario {
  const source = file ?? 'scenario';
  let loaded: LoadedScenario;
  if ('file' in scenario.profile) {
    const ref = scenario.profile.file;
    loaded = { scenario, file, profile: loadProfile(findProfile(ref, baseDir, source, 'profile.file')), profileSource: ref };
  } else {
    loaded = { scenario, file, profile: scenario.profile, profileSource: 'inline' };
  }
  // Edge tiers may name their own profile files (in a candidate, or as grid values).
  const edgeRefs = new Map<string, string>();
  scenario.candidates.forEach((c, i) => {
    const p = c.edge?.profile;
    if (p && 'file' in p) edgeRefs.set(p.file, `candidates[${i}].edge.profile.file`);
  });
  for (const [key, values] of Object.entries(scenario.grid ?? {})) {
    if (key.startsWith('edge')) for (const ref of profileFilesIn(values)) edgeRefs.set(ref, `grid.${key}`);
  }
  if (edgeRefs.size > 0) {
    loaded.profiles = {};
    for (const [ref, where] of edgeRefs) loaded.profiles[ref] = loadProfile(findProfile(ref, baseDir, source, where));
  }
  const arrivals = scenario.traffic.arrivals;
  if (arrivals.kind === 'trace') {
    const tracePath = path.isAbsolute(arrivals.file) ? arrivals.file : path.resolve(baseDir, arrivals.file);
    loaded.trace = loadTrace(tracePath, path.isAbsolute(arrivals.file) || !file ? arrivals.file : path.join(path.dirname(file), arrivals.file));
  }
  return loaded;
}

/** A profile file named in a scenario: relative to its folder, else to the servetwin folder. */
function findProfile(ref: string, baseDir: string, source: string, where: string): string {
  const candidates = path.isAbsolute(ref) ? [ref] : [path.resolve(baseDir, ref), path.resolve(projectRoot(), ref)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new InputError(`${source}: ${where}: expected a profile file, but ${JSON.stringify(ref)} was found neither in ${candidates.map((c) => path.dirname(c)).join(' nor in ')}`, {
      source,
      path: where,
    });
  }
  return found;
}

/** `file` values of profile objects anywhere inside grid values. */
function profileFilesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(profileFilesIn);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = typeof record.file === 'string' && Object.keys(record).length === 1 ? [record.file] : [];
  return [...own, ...Object.values(record).flatMap(profileFilesIn)];
}

/** A scenario given as data (tests, tools): validated and resolved against `baseDir`. */
export function scenarioFromObject(input: ScenarioInput | Record<string, unknown>, baseDir = process.cwd(), source = 'scenario'): LoadedScenario {
  return resolveScenario(parseConfig(ScenarioSchema, input, source), null, baseDir);
}
