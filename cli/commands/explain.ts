// `servetwin explain <scenario>`: the closed forms beside the simulation beside the measurement, per
// candidate, and why the winner won. Simulates the scenario as `simulate` does (planner/plan.ts; or
// reads a result with --result), builds the explanation (explain/explain.ts), prints it as text, or
// writes servetwin.explain/v1 JSON (--json), Markdown (--markdown) and the HTML report with the
// explanation as a section (--report). --fidelity adds what a replay measured as a third column.
// An unknown --candidate, a missing file or a bad flag exits 2 naming it.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { assertWritable, loadProfile } from '../../config/profile-file.js';
import { loadResult } from '../../config/result-file.js';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { selectCandidates } from '../../simulator/simulate.js';
import { expandCandidates, plan, seedList } from '../../planner/plan.js';
import { explain } from '../../explain/explain.js';
import { loadFidelity } from '../../explain/fidelity-file.js';
import { formatExplanation } from '../../reports/explain-text.js';
import { renderExplanationMarkdown } from '../../reports/explain-markdown.js';
import type { Explanation } from '../../config/explain.js';
import type { StoredResult } from '../../config/result.js';
import { action, checkInteger } from '../run.js';

interface ExplainArgs {
  scenario: string;
  candidate?: string[];
  fidelity?: string;
  result?: string;
  seed?: number;
  seeds?: number;
  profile?: string;
  workers?: number;
  json?: string;
  markdown?: string;
  report?: string;
}

export interface ExplainFileOptions {
  candidates?: string[];
  fidelity?: string;
  result?: string;
  seed?: number;
  seeds?: number;
  profile?: string;
  workers?: number;
}

/** The explanation of a scenario file and the result it explains (simulated now, or read from `result`). */
export async function explainFile(file: string, options: ExplainFileOptions = {}): Promise<{ explanation: Explanation; result: StoredResult }> {
  const loaded = loadScenario(file);
  if (options.profile) {
    loaded.profile = loadProfile(options.profile);
    loaded.profileSource = options.profile;
  }
  const candidates = expandCandidates(loaded.scenario, file);
  selectCandidates(candidates, options.candidates); // an unknown name fails here, before minutes of simulation
  const measured = options.fidelity ? loadFidelity(options.fidelity) : null;
  let result: StoredResult;
  if (options.result) {
    result = loadResult(options.result, { label: '--result' });
  } else {
    const tasks = candidates.length * seedList(loaded.scenario, options).length;
    const workers = options.workers ?? (tasks > 1 ? Math.min(availableParallelism(), tasks) : 0);
    result = await plan(loaded, { seed: options.seed, seeds: options.seeds, workers });
  }
  return { explanation: explain(loaded, candidates, result, { names: options.candidates, measured }), result };
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain <scenario>',
  describe: 'Explain a scenario’s candidates: utilisation of every station, Erlang C / Pollaczek–Khinchine / Allen–Cunneen beside the simulation (and a replay’s measurement), batching, Little’s law, the latency budget, cost, and why the winner won.',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file.' })
      .option('candidate', { type: 'string', array: true, describe: 'Explain only this candidate (by name, as expanded from the grid). Repeatable. All are still simulated, to say why the winner won.' })
      .option('fidelity', { type: 'string', describe: 'A fidelity report from `servetwin replay --json`: what the live engine measured becomes a third column for the candidate it replayed.' })
      .option('result', { type: 'string', describe: 'Explain this result (servetwin.result/v1 from `simulate --json` on the same scenario) instead of simulating again.' })
      .option('seed', { type: 'number', describe: 'First seed, instead of the scenario’s own.' })
      .option('seeds', { type: 'number', describe: 'Seeds each candidate must pass on (default: as `simulate`).' })
      .option('profile', { type: 'string', describe: 'Use this profile file instead of the scenario’s.' })
      .option('workers', { type: 'number', describe: 'Worker threads for the simulation (default: one per core).' })
      .option('json', { type: 'string', describe: 'Write the explanation (servetwin.explain/v1) here; --json=- prints it instead of the text.' })
      .option('markdown', { type: 'string', describe: 'Write the explanation as Markdown here; --markdown=- prints it instead of the text.' })
      .option('report', { type: 'string', describe: 'Write the HTML report (report.html, report.md) with the explanation as a section into this folder.' })
      .example('$0 explain scenarios/mmc.yaml', 'M/M/10: Erlang C beside the simulated wait.')
      .example('$0 explain scenarios/fidelity-light.yaml --fidelity f.json', 'The formula, the simulation and the live engine side by side.') as unknown as Argv<ExplainArgs>,
  handler: action(async (args: ExplainArgs) => {
    const seed = args.seed === undefined ? undefined : checkInteger(args.seed, '--seed', 0);
    const seeds = args.seeds === undefined ? undefined : checkInteger(args.seeds, '--seeds', 1);
    const workers = args.workers === undefined ? undefined : checkInteger(args.workers, '--workers', 0);
    if (args.json && args.json !== '-') assertWritable(args.json, '--json');
    if (args.markdown && args.markdown !== '-') assertWritable(args.markdown, '--markdown');
    const { explanation, result } = await explainFile(args.scenario, { candidates: args.candidate, fidelity: args.fidelity, result: args.result, seed, seeds, profile: args.profile, workers });
    const toStdout = args.json === '-' ? 'json' : args.markdown === '-' ? 'markdown' : 'text';
    if (toStdout === 'json') process.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
    else if (toStdout === 'markdown') process.stdout.write(renderExplanationMarkdown(explanation));
    else process.stdout.write(`${formatExplanation(explanation)}\n`);
    const told = (line: string) => (toStdout === 'text' ? process.stdout : process.stderr).write(`${line}\n`);
    if (args.json && args.json !== '-') {
      writeFileSync(args.json, `${JSON.stringify(explanation, null, 2)}\n`);
      told(`explanation written to ${args.json}`);
    }
    if (args.markdown && args.markdown !== '-') {
      writeFileSync(args.markdown, renderExplanationMarkdown(explanation));
      told(`Markdown written to ${args.markdown}`);
    }
    if (args.report) {
      const { writeReport } = await import('../../reports/write.js'); // vega loads only here
      const written = await writeReport(result, args.report, { format: 'both', source: args.result ?? args.scenario, explanation });
      told(`report written: ${written.files.join(', ')}`);
    }
  }),
};
