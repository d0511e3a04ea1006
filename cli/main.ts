// The `servetwin` command line: one yargs program, one module per verb in cli/commands/.
// Usage mistakes (unknown flag, missing argument) exit 2 with yargs' message and the help.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_BAD_INPUT } from './run.js';
import { calibrateCommand } from './commands/calibrate.js';
import { startCommand } from './commands/start.js';
import { mergeCommand } from './commands/merge.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { checkCommand } from './commands/check.js';
import { replayCommand } from './commands/replay.js';
import { reportCommand } from './commands/report.js';

await yargs(hideBin(process.argv))
  .scriptName('servetwin')
  .usage('$0 <command> [options]\n\nA digital twin for model serving: calibrate → simulate → serve → replay.')
  .command(calibrateCommand)
  .command(startCommand)
  .command(mergeCommand)
  .command(serveCommand)
  .command(simulateCommand)
  .command(checkCommand)
  .command(replayCommand)
  .command(reportCommand)
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
  .version()
  .wrap(Math.min(110, process.stdout.columns || 100))
  .parseAsync();
