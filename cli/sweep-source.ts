// What `export --to kubernetes-sweep` reads from disk: the scenario (loaded and checked as `simulate`
// would, so a bad one is refused here and not by N pods), its grid's size, and the files it names
// that the pods must be given: a profile, edge profiles or a trace beside the scenario. A file found
// only in servetwin's own folder is in the image (image-files.mjs ships scenarios/ and
// calibration/profiles/); one elsewhere cannot reach the pods through a ConfigMap, and is refused.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../common/errors.js';
import { projectRoot } from '../common/servetwin-files.js';
import type { SweepFile, SweepSource } from '../export/kubernetes-sweep/sweep-source.js';
import { expandCandidates, seedList } from '../planner/plan.js';
import { loadScenario } from '../simulator/scenario/load-scenario.js';

/** servetwin's own folders the image holds (image-files.mjs's OWN). */
const IN_IMAGE = ['scenarios', path.join('calibration', 'profiles')];

export function loadSweepSource(file: string): SweepSource {
  const loaded = loadScenario(file);
  const scenario = loaded.scenario;
  const dir = path.dirname(path.resolve(file));
  const refs = new Map<string, string>();
  if ('file' in scenario.profile) refs.set(scenario.profile.file, 'profile.file');
  for (const ref of Object.keys(loaded.profiles ?? {})) refs.set(ref, 'an edge tier\'s profile.file');
  if (scenario.traffic.arrivals.kind === 'trace') refs.set(scenario.traffic.arrivals.file, 'traffic.arrivals.file');
  const files: SweepFile[] = [];
  for (const [ref, where] of refs) {
    const attached = attach(ref, where, dir, file);
    if (attached) files.push(attached);
  }
  return {
    name: scenario.name,
    scenarioFile: path.basename(file),
    scenarioText: readFileSync(file, 'utf8'),
    files,
    candidates: expandCandidates(scenario, file).length,
    seeds: seedList(scenario, {}).length,
    from: path.basename(file),
  };
}

/** The file to give the pods beside the scenario, or undefined when the image has it. */
function attach(ref: string, where: string, dir: string, file: string): SweepFile | undefined {
  const refuse = (why: string): never => {
    throw new InputError(`${file}: ${where}: ${JSON.stringify(ref)} ${why}; the sweep's pods get the scenario's folder through a ConfigMap, so name a file beside the scenario or below its folder`, {
      source: file,
      path: where,
    });
  };
  if (path.isAbsolute(ref)) refuse('is an absolute path, which the pods do not have');
  const beside = path.resolve(dir, ref);
  if (existsSync(beside)) {
    const relative = path.relative(dir, beside);
    if (relative.startsWith('..')) refuse('is outside the scenario\'s folder');
    return { path: relative.split(path.sep).join('/'), text: readFileSync(beside, 'utf8') };
  }
  const own = path.relative(projectRoot(), path.resolve(projectRoot(), ref));
  if (IN_IMAGE.some((folder) => own.startsWith(`${folder}${path.sep}`))) return undefined;
  return refuse(`is found only in servetwin's folder (${own}), outside what the image holds (${IN_IMAGE.join(', ')})`);
}
