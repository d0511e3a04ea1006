// The `servetwin` command line: one yargs program, one module per verb in cli/commands/.
// Only the module of the verb being run is loaded (the others pull in ONNX Runtime, the HTTP
// server, worker pools or vega, and every run would pay ~0.5 s for them); the rest are listed by
// name and summary so `servetwin --help` still shows them all.
// Usage mistakes (unknown flag, missing argument) exit 2 with yargs' message and the help.
// `servetwin --version` alone is answered before yargs is loaded, with what yargs' --version prints
// (servetwin's package.json version): it then starts about as fast as a bare `node`.
import type { CommandModule } from 'yargs';
import { servetwinVersion } from '../common/servetwin-files.js';
import { EXIT_BAD_INPUT } from './run.js';

interface Verb {
  /** As in the module's `command`, for the listing. */
  usage: string;
  summary: string;
  load: () => Promise<CommandModule<object, never>>;
}

const VERBS: Record<string, Verb> = {
  calibrate: { usage: 'calibrate', summary: 'Measure a model with real batched forward passes into a latency profile.', load: async () => (await import('./commands/calibrate.js')).calibrateCommand as CommandModule<object, never> },
  simulate: { usage: 'simulate <scenario>', summary: 'Simulate (sweep) a scenario’s candidates, price them and recommend the cheapest that meets the SLO.', load: async () => (await import('./commands/simulate.js')).simulateCommand as CommandModule<object, never> },
  serve: { usage: 'serve', summary: 'Serve models live over the Open Inference Protocol v2, with the same dynamic batcher.', load: async () => (await import('./commands/serve.js')).serveCommand as CommandModule<object, never> },
  replay: { usage: 'replay <scenario>', summary: 'Replay a scenario’s traffic open-loop against a live engine and compare with the prediction.', load: async () => (await import('./commands/replay.js')).replayCommand as CommandModule<object, never> },
  check: { usage: 'check <scenario>', summary: 'CI gate: fail when a candidate misses its SLO or regressed against a baseline (JUnit, Markdown).', load: async () => (await import('./commands/check.js')).checkCommand as CommandModule<object, never> },
  report: { usage: 'report <result>', summary: 'Write an HTML report with charts and a Markdown summary of a result.', load: async () => (await import('./commands/report.js')).reportCommand as CommandModule<object, never> },
  capacity: { usage: 'capacity <scenario>', summary: 'How much more load (or burstier traffic) each candidate takes before the SLO breaks, and why it breaks.', load: async () => (await import('./commands/capacity.js')).capacityCommand as CommandModule<object, never> },
  explain: { usage: 'explain <scenario>', summary: 'The closed forms beside the simulation (and a replay’s measurement) per candidate, and why the winner won.', load: async () => (await import('./commands/explain.js')).explainCommand as CommandModule<object, never> },
  export: { usage: 'export <input>', summary: 'Export the chosen configuration to Kubernetes, Knative, KServe, Triton or Ray Serve.', load: async () => (await import('./commands/export.js')).exportCommand as CommandModule<object, never> },
  import: { usage: 'import <files..>', summary: 'Turn a running deployment (Kubernetes, Knative, KServe, Triton, Ray Serve) into a scenario candidate.', load: async () => (await import('./commands/import.js')).importCommand as CommandModule<object, never> },
  merge: { usage: 'merge <files..>', summary: 'Join the results of `simulate --shard i/N` (or `capacity --shard i/N`) runs into the whole.', load: async () => (await import('./commands/merge.js')).mergeCommand as CommandModule<object, never> },
  playground: { usage: 'playground', summary: 'Serve the browser playground: the simulator in a Web Worker, levers and live charts (or --export it).', load: async () => (await import('./commands/playground.js')).playgroundCommand as CommandModule<object, never> },
  start: { usage: 'start', summary: 'The main job on the bundled model (what `npm start` runs).', load: async () => (await import('./commands/start.js')).startCommand as CommandModule<object, never> },
};

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') process.stdout.write(`${servetwinVersion()}\n`);
else await runCommand(argv);

async function runCommand(argv: string[]): Promise<void> {
  const { default: yargs } = await import('yargs');
  const invoked = argv.find((a) => !a.startsWith('-'));
  let program = yargs(argv)
    .scriptName('servetwin')
    .usage('$0 <command> [options]\n\nA digital twin for model serving: calibrate → simulate → serve → replay.');
  for (const [name, verb] of Object.entries(VERBS)) {
    program = name === invoked ? program.command(await verb.load()) : program.command(verb.usage, verb.summary);
  }
  await program
    .demandCommand(1, 'Name a command (see --help).')
    .strict()
    .recommendCommands()
    .fail((msg, err, y) => {
      if (err) throw err;
      y.showHelp('error');
      process.stderr.write(`\nservetwin: ${msg}\n`);
      process.exit(EXIT_BAD_INPUT);
    })
    .help()
    .alias('help', 'h')
    // Given, not guessed: yargs would look for a package.json above the working directory.
    .version(servetwinVersion())
    .wrap(Math.min(110, process.stdout.columns || 100))
    .parseAsync();
}
